namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>The header figures of one generated file, as the admin UI and the job report show them.</summary>
public sealed record BandwidthFileFigures
{
    public required int RelayLines { get; init; }

    public required int EligibleRelays { get; init; }

    public int? ConsensusRelays { get; init; }

    public int? PercentEligibleRelays { get; init; }

    /// <summary>Null when no consensus could be read, which sbws treats as "not reached".</summary>
    public bool? MinPercentReached { get; init; }

    public long? Mu { get; init; }

    public long? Muf { get; init; }

    public int ExcludedError { get; init; }

    public int ExcludedNear { get; init; }

    public int ExcludedOld { get; init; }

    public int ExcludedFew { get; init; }
}
