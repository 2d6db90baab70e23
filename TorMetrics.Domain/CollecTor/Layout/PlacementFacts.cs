using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.CollecTor.Layout;

/// <summary>What naming one archived document in CollecTor's trees needs to know about it.</summary>
public sealed record PlacementFacts
{
    public required DescriptorKind Kind { get; init; }

    /// <summary>SHA-256 of the stored bytes: the archive key, and a microdescriptor's digest.</summary>
    public required byte[] Sha256 { get; init; }

    /// <summary>
    /// The time CollecTor files the document under (valid-after, published, download time...; collector.md §1.7),
    /// or when we first saw it when the document does not say (unparseable documents).
    /// </summary>
    public required DateTime Time { get; init; }

    /// <summary>What index.json reports as the publication time; null for microdescriptors and unreadable documents.</summary>
    public DateTime? Published { get; init; }

    /// <summary>Upper-case hex digest in the file name: SHA-1 for descriptors and votes, SHA-256 for bandwidth files.</summary>
    public string? Digest { get; init; }

    /// <summary>Upper-case hex identity of the authority: votes, bridge and v2 statuses, key certificates.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Torperf and OnionPerf measuring host.</summary>
    public string? Source { get; init; }

    /// <summary>Torperf download size in bytes.</summary>
    public long? FileSize { get; init; }

    /// <summary>Web logs: the site and the machine that served it.</summary>
    public string? VirtualHost { get; init; }

    public string? PhysicalHost { get; init; }
}
