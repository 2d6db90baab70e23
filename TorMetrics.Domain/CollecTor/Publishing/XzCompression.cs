namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>xz for callers outside the publisher (index.json.xz): the system tool at a fixed preset.</summary>
public static class XzCompression
{
    public static Task<byte[]> CompressAsync(byte[] content, CancellationToken cancellationToken) =>
        XzProcess.CompressAsync(content, XzProcess.DocumentPreset, cancellationToken);
}
