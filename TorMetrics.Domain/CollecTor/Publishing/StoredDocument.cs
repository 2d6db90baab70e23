using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>
/// An archived document as placement reads it: the archive's columns, the parsed tables' names for it, and, only for
/// the few kinds whose file names come from fields no table holds, its bytes and the name of a file it came in.
/// </summary>
internal sealed record StoredDocument
{
    public required byte[] Sha256 { get; init; }

    public required DescriptorKind Kind { get; init; }

    public required DateTime FirstSeen { get; init; }

    public DateTime? Published { get; init; }

    public byte[]? DigestSha1 { get; init; }

    public byte[]? DigestSha256 { get; init; }

    public string? Annotations { get; init; }

    public bool Parsed { get; init; }

    /// <summary>network_statuses: valid-after (published for bridge statuses) and the authority.</summary>
    public DateTime? ValidAfter { get; init; }

    public byte[]? AuthorityFingerprint { get; init; }

    /// <summary>torperf_results.</summary>
    public string? TorperfSource { get; init; }

    public long? TorperfFileSize { get; init; }

    public DateTime? TorperfStart { get; init; }

    public byte[]? Content { get; init; }

    public string? SourceLocation { get; init; }

    /// <summary>A tarball the document is already in (the first by name), if any.</summary>
    public string? PlacedTarball { get; init; }
}
