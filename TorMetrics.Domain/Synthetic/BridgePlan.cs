namespace TorMetrics.Domain.Synthetic;

/// <summary>One synthetic bridge, already in CollecTor's sanitised terms: only hashed identities are ever written.</summary>
public sealed class BridgePlan
{
    public required int Index { get; init; }

    /// <summary>SHA-1 of the (never written) bridge fingerprint, upper-case hex.</summary>
    public required string HashedFingerprint { get; init; }

    public required byte[] HashedIdentity { get; init; }

    /// <summary>Base64 of SHA-256 of the (never written) ed25519 master key.</summary>
    public required string SanitizedMasterKey { get; init; }

    public required byte[] NtorKey { get; init; }

    public required string Nickname { get; init; }

    public required bool HasContact { get; init; }

    public required string Os { get; init; }

    public required string Version { get; init; }

    /// <summary>Flags besides Running, which follows <see cref="Online"/>.</summary>
    public required string[] Flags { get; init; }

    public required long Weight { get; init; }

    public required bool HasIpv6 { get; init; }

    public required long Rate { get; init; }

    public required long Burst { get; init; }

    public required double ObservedBase { get; init; }

    public required string[] Transports { get; init; }

    public required string Distributor { get; init; }

    public required string? Blocklist { get; init; }

    public required bool DistributionRequest { get; init; }

    public required OnlineSpans Online { get; init; }

    /// <summary>The hours the bridge exists (listed in statuses while its descriptor is fresh).</summary>
    public required int JoinHour { get; init; }

    public required int LeaveHour { get; init; }

    public required DateTime EarlierRestart { get; init; }

    public required DateTime StatisticsSince { get; init; }

    public required int StatisticsPhaseSeconds { get; init; }

    public required double DirectoryResponses { get; init; }

    public required double UniqueAddresses { get; init; }

    public required double Utilization { get; init; }
}
