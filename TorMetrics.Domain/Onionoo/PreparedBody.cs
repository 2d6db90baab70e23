using System.IO.Compression;

namespace TorMetrics.Domain.Onionoo;

/// <summary>A response body and its gzip form, compressed once so that large responses cost no CPU per request.</summary>
public sealed class PreparedBody
{
    private PreparedBody(byte[] plain, byte[] gzip)
    {
        Plain = plain;
        Gzip = gzip;
    }

    public byte[] Plain { get; }

    public byte[] Gzip { get; }

    public static PreparedBody Create(byte[] plain)
    {
        using var buffer = new MemoryStream(plain.Length / 4 + 64);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return new PreparedBody(plain, buffer.ToArray());
    }
}
