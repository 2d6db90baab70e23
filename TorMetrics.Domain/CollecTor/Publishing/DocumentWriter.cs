using System.Text;
using TorMetrics.Domain.CollecTor.Layout;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>
/// Writes one archived document as CollecTor files hold it: its <c>@type</c> line, then its exact bytes. Our importer
/// cuts files at <c>@type</c> lines, so documents written one after another come back as the same bytes. OnionPerf
/// analyses and web logs are xz files of the document alone.
/// </summary>
internal static class DocumentWriter
{
    private static readonly byte[] LineFeed = "\n"u8.ToArray();

    public static async Task WriteAsync(Stream output, DescriptorKind kind, string? annotation, byte[] content, CancellationToken cancellationToken)
    {
        if (CollecTorLayout.IsCompressed(kind))
        {
            await output.WriteAsync(await XzProcess.CompressAsync(content, XzProcess.DocumentPreset, cancellationToken), cancellationToken);
            return;
        }

        if (annotation is not null)
        {
            await output.WriteAsync(Encoding.ASCII.GetBytes(annotation), cancellationToken);
            await output.WriteAsync(LineFeed, cancellationToken);
        }

        await output.WriteAsync(content, cancellationToken);
    }
}
