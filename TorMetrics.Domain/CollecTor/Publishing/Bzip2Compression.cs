using TorMetrics.Domain.Import;

namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>bzip2 for index.json.bz2, which CollecTor serves beside .gz and .xz: the system tool at its best level.</summary>
public static class Bzip2Compression
{
    public static Task<byte[]> CompressAsync(byte[] content, CancellationToken cancellationToken) =>
        Task.Run(() => SystemTool.Pipe("bzip2", ["-9", "-c", "-q"], content), cancellationToken);
}
