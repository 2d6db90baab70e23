namespace TorMetrics.Domain.Descriptors.BridgePoolAssignments;

/// <summary>
/// Which distributor BridgeDB (2010-2021) or rdsys (2022-) assigned each bridge to at one moment
/// (CollecTor <c>@type bridge-pool-assignment 1.0</c>). Bridges appear by hashed fingerprint only.
/// </summary>
public sealed record BridgePoolAssignment : Descriptor
{
    /// <summary>The <c>bridge-pool-assignment</c> line's time.</summary>
    public required DateTime Published { get; init; }

    public IReadOnlyList<BridgePoolAssignmentEntry> Entries { get; init; } = [];

    /// <summary>Lines that do not start with a hashed fingerprint, verbatim.</summary>
    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];
}

/// <summary>
/// <c>&lt;hashed fingerprint&gt; &lt;distributor&gt; [key=value ...]</c>, e.g. <c>email port=443 flag=stable</c>
/// or <c>moat transport=obfs4 ip=4 blocklist=ru</c>. Distributor names and keys changed over time, so
/// both are kept as text.
/// </summary>
public sealed record BridgePoolAssignmentEntry
{
    /// <summary>Upper-case hex SHA-1 of the bridge's fingerprint, as in sanitised bridge descriptors.</summary>
    public required string HashedFingerprint { get; init; }

    /// <summary>e.g. "https", "email", "moat", "unallocated".</summary>
    public required string Distributor { get; init; }

    /// <summary>The key=value words after the distributor.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>Words after the distributor that are not key=value, kept in order.</summary>
    public IReadOnlyList<string> OtherWords { get; init; } = [];

    /// <summary>Everything after the fingerprint, exactly as written (what metrics-lib exposes).</summary>
    public required string Details { get; init; }

    public required int LineNumber { get; init; }
}
