namespace TorMetrics.Domain.Bandwidth.Queries;

/// <summary>One generated bandwidth file and its header figures, for the admin list.</summary>
public sealed record GenerationSummary(
    long Id,
    string ScannerId,
    DateTime FileCreated,
    string Scaling,
    string DocumentSha256,
    string? OutputPath,
    DateTime EarliestBandwidth,
    DateTime LatestBandwidth,
    int RelayLines,
    int EligibleRelays,
    int? ConsensusRelays,
    int? PercentEligibleRelays,
    bool? MinPercentReached,
    long? Mu,
    long? Muf,
    int ExcludedError,
    int ExcludedNear,
    int ExcludedOld,
    int ExcludedFew,
    int DurationMs);
