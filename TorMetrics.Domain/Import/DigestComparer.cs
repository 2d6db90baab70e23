using System.Buffers.Binary;

namespace TorMetrics.Domain.Import;

/// <summary>Compares digests by value, so sets of SHA-256s need no hex strings. Digests are uniform: any 4 bytes hash well.</summary>
internal sealed class DigestComparer : IEqualityComparer<byte[]>
{
    public static readonly DigestComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => obj.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(obj) : obj.Length;
}
