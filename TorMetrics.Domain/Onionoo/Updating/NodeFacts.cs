namespace TorMetrics.Domain.Onionoo.Updating;

/// <summary>
/// What the archive says about one served node at the snapshot time: its newest status entry, newest server and
/// extra-info descriptors, and the history aggregates. Bridges leave the relay-only members empty.
/// </summary>
public sealed class NodeFacts
{
    public required bool IsBridge { get; init; }

    /// <summary>Relays: fingerprint; bridges: hashed fingerprint.</summary>
    public required byte[] Fingerprint { get; init; }

    public required DateTime FirstSeen { get; init; }

    public required DateTime LastSeen { get; init; }

    public required string Nickname { get; init; }

    public required string Address { get; init; }

    public required int OrPort { get; init; }

    public int DirPort { get; init; }

    /// <summary>The status entry's additional OR addresses ("a" lines), "address:port", IPv6 in brackets.</summary>
    public IReadOnlyList<string> OrAddresses { get; init; } = [];

    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>The status entry's "v" line, e.g. "Tor 0.4.8.10".</summary>
    public string? VersionLine { get; init; }

    public long? ConsensusWeight { get; init; }

    public bool Unmeasured { get; init; }

    public int? ConsensusMethod { get; init; }

    public string? ExitPolicySummary { get; init; }

    public string? Platform { get; init; }

    public long? BandwidthRate { get; init; }

    public long? BandwidthBurst { get; init; }

    public long? BandwidthObserved { get; init; }

    public DateTime? DescriptorPublished { get; init; }

    public long? Uptime { get; init; }

    public bool Hibernating { get; init; }

    public string? Contact { get; init; }

    /// <summary>The newest server descriptor's family line entries, verbatim; null without a descriptor.</summary>
    public IReadOnlyList<string>? DeclaredFamily { get; init; }

    public IReadOnlyList<string>? ExitPolicy { get; init; }

    public string? Ipv6Policy { get; init; }

    public DateTime? OverloadGeneralSince { get; init; }

    /// <summary>The descriptor's or-address lines, to report those the consensus does not list.</summary>
    public IReadOnlyList<string>? DescriptorOrAddresses { get; init; }

    public DateTime? LastChangedAddressOrPort { get; init; }

    public float? ConsensusWeightFraction { get; init; }

    public float? GuardProbability { get; init; }

    public float? MiddleProbability { get; init; }

    public float? ExitProbability { get; init; }

    public IReadOnlyList<string> ExitAddresses { get; init; } = [];

    /// <summary>The newest extra-info's overload-ratelimits, as the importer stored it (JSON), or null.</summary>
    public string? OverloadRatelimits { get; init; }

    public string? OverloadFdExhausted { get; init; }

    /// <summary>Bridges: transport names from the newest extra-info.</summary>
    public IReadOnlyList<string> Transports { get; init; } = [];

    public string FingerprintHex => Convert.ToHexString(Fingerprint);
}
