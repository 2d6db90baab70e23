namespace TorMetrics.Domain.CollecTor.Serving;

/// <summary>One file index.json lists, with the figures it reports.</summary>
/// <param name="Path">Relative to the instance root, e.g. <c>recent/exit-lists/2016-09-20-13-02-00</c>.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">SHA-256 of the bytes served.</param>
/// <param name="LastModified">When the file last changed.</param>
/// <param name="Types">The <c>@type</c> values inside, without the prefix, sorted.</param>
/// <param name="FirstPublished">Earliest publication time of the documents inside, if they have one.</param>
/// <param name="LastPublished">Latest publication time of the documents inside.</param>
/// <param name="Documents">Documents inside.</param>
/// <param name="ThroughRunId">Recent files: the last run whose documents the listed bytes include.</param>
public sealed record PublishedFile(
    string Path,
    long Size,
    byte[] Sha256,
    DateTime LastModified,
    IReadOnlyList<string> Types,
    DateTime? FirstPublished,
    DateTime? LastPublished,
    int Documents,
    long? ThroughRunId)
{
    public bool IsRecent => Path.StartsWith(Layout.CollecTorLayout.RecentRoot, StringComparison.Ordinal);

    /// <summary>The cached tarball's file name: the path plus a digest prefix, so a rebuild never overwrites a file being served.</summary>
    public string CacheFileName => Path + "." + Convert.ToHexStringLower(Sha256)[..16];
}
