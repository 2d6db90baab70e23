using TorMetrics.Domain.Descriptors.NetworkStatuses;

namespace TorMetrics.Domain.Descriptors.BridgeNetworkStatuses;

/// <summary>
/// A sanitised bridge network status (bridge-descriptors spec): the bridge authority's view of
/// all bridges, with hashed identities and sanitised addresses. No footer and no signatures.
/// </summary>
public sealed record BridgeNetworkStatus : Descriptor
{
    public required DateTime Published { get; init; }

    /// <summary><c>flag-thresholds</c> as written (format 1.1+).</summary>
    public IReadOnlyDictionary<string, string> FlagThresholds { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The bridge authority's fingerprint: the <c>fingerprint</c> header line (format 1.2+), else the
    /// file name (<c>YYYYMMDD-HHMMSS-&lt;AUTHORITY&gt;</c>), else null.
    /// </summary>
    public string? AuthorityFingerprint { get; init; }

    public IReadOnlyList<RouterStatusEntry> Entries { get; init; } = [];

    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];
}
