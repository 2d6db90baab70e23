using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.CollecTor.Layout;

/// <summary>
/// The <c>@type</c> line CollecTor writes above each document (collector.md §1.6). A document that arrived with a
/// <c>@type</c> line of its own kind keeps that line (its version says which format revision it is); others get
/// the version CollecTor writes today.
/// </summary>
public static class TypeAnnotations
{
    private static readonly Dictionary<DescriptorKind, string> Current = new()
    {
        [DescriptorKind.ServerDescriptor] = "1.0",
        [DescriptorKind.ExtraInfo] = "1.0",
        [DescriptorKind.Microdescriptor] = "1.0",
        [DescriptorKind.NetworkStatusConsensus] = "1.0",
        [DescriptorKind.NetworkStatusMicrodescConsensus] = "1.0",
        [DescriptorKind.NetworkStatusVote] = "1.0",
        [DescriptorKind.DirKeyCertificate] = "1.0",
        [DescriptorKind.DetachedSignature] = "1.0",
        [DescriptorKind.BandwidthFile] = "1.0",
        [DescriptorKind.NetworkStatus2] = "1.0",
        [DescriptorKind.BridgeNetworkStatus] = "1.2",
        [DescriptorKind.BridgeServerDescriptor] = "1.2",
        [DescriptorKind.BridgeExtraInfo] = "1.3",
        [DescriptorKind.BridgePoolAssignment] = "1.0",
        [DescriptorKind.TorDnsEl] = "1.0",
        [DescriptorKind.Torperf] = "1.1",
        [DescriptorKind.SnowflakeStats] = "1.0",
        [DescriptorKind.BridgedbMetrics] = "1.0",
    };

    /// <summary>The annotation line without its line feed, e.g. <c>@type server-descriptor 1.0</c>; null when none is written.</summary>
    /// <param name="kind">The document's kind.</param>
    /// <param name="storedAnnotations">The annotation lines the document arrived with, LF-separated, or null.</param>
    public static string? For(DescriptorKind kind, string? storedAnnotations)
    {
        if (!Current.TryGetValue(kind, out var version))
        {
            return null;
        }

        var name = DescriptorKindNames.ToTypeName(kind);
        foreach (var line in (storedAnnotations ?? "").Split('\n'))
        {
            if (line.StartsWith("@type ", StringComparison.Ordinal)
                && DescriptorTypeAnnotation.TryParse(System.Text.Encoding.ASCII.GetBytes(line[6..])) is { } stored
                && string.Equals(stored.Name, name, StringComparison.Ordinal))
            {
                return stored.ToString();
            }
        }

        return $"@type {name} {version}";
    }

    /// <summary>What index.json lists in <c>types</c>: the annotation without its <c>@type </c> prefix.</summary>
    public static string IndexName(string annotation) =>
        annotation.StartsWith("@type ", StringComparison.Ordinal) ? annotation[6..] : annotation;
}
