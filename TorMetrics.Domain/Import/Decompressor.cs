using System.Diagnostics;
using System.IO.Compression;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Recognises compression by its magic bytes, not by file name (tor and stem fixtures have none), and undoes it.
/// xz, bzip2 and zstd have no managed implementation in our registry: the system tools do them.
/// </summary>
public static class Decompressor
{
    public static Compression Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x1F, 0x8B, ..] => Compression.Gzip,
        [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00, ..] => Compression.Xz,
        [(byte)'B', (byte)'Z', (byte)'h', ..] => Compression.Bzip2,
        [0x28, 0xB5, 0x2F, 0xFD, ..] => Compression.Zstd,
        [0x5D, 0x00, 0x00, ..] => Compression.Lzma,
        // zlib (RFC 1950): deflate with any window size, no preset dictionary, a header checksum divisible by 31.
        // tor serves ".z" bodies this way, small ones with a small window (0x38, 0x48, ... rather than 0x78).
        [var method, var flags, ..] when (method & 0x0F) == 8 && method >> 4 <= 7 && (flags & 0x20) == 0
                                         && ((method << 8) | flags) % 31 == 0 => Compression.Zlib,
        _ => Compression.None,
    };

    public static bool IsTar(ReadOnlySpan<byte> content) =>
        content.Length >= 262 && content.Slice(257, 5).SequenceEqual("ustar"u8);

    /// <summary>Decompresses fully; throws <see cref="InvalidDataException"/> with the tool's message on corrupt input.</summary>
    public static byte[] Decompress(byte[] content, Compression compression) => compression switch
    {
        Compression.None => content,
        Compression.Gzip => Inflate(new GZipStream(new MemoryStream(content), CompressionMode.Decompress)),
        Compression.Zlib => Inflate(new ZLibStream(new MemoryStream(content), CompressionMode.Decompress)),
        Compression.Xz => SystemTool.Pipe("xz", ["-dc"], content),
        Compression.Lzma => SystemTool.Pipe("xz", ["--format=lzma", "-dc"], content),
        Compression.Bzip2 => SystemTool.Pipe("bzip2", ["-dc"], content),
        Compression.Zstd => SystemTool.Pipe("zstd", ["-dcq"], content),
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };

    /// <summary>Streams a file through <c>xz -dc</c> (for large <c>.tar.xz</c> archives that should not sit in memory).</summary>
    public static Process StartStreaming(string tool, string path)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-dc");
        start.ArgumentList.Add(path);
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
    }

    private static byte[] Inflate(Stream stream)
    {
        using (stream)
        {
            var output = new MemoryStream();
            try
            {
                stream.CopyTo(output);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                throw new InvalidDataException("corrupt compressed data: " + e.Message, e);
            }

            return output.ToArray();
        }
    }
}

public enum Compression
{
    None,
    Gzip,
    Zlib,
    Xz,
    Lzma,
    Bzip2,
    Zstd,
}
