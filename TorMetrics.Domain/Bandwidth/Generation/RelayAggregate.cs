namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>One relay's row from <see cref="ScalingSql"/>: everything its line needs but the final rounding.</summary>
public sealed record RelayAggregate
{
    public required byte[] Fingerprint { get; init; }

    public string? Nickname { get; init; }

    public string? MasterKeyEd25519 { get; init; }

    /// <summary>The newest result of any type.</summary>
    public required DateTime LastSeen { get; init; }

    public long Success { get; init; }

    public long ErrorCirc { get; init; }

    public long ErrorStream { get; init; }

    public long ErrorMisc { get; init; }

    public long ErrorSecondRelay { get; init; }

    public long ErrorDestination { get; init; }

    public long ExcludedError { get; init; }

    public long InRecentConsensus { get; init; }

    public long PriorityListCount { get; init; }

    public long MeasurementAttemptCount { get; init; }

    public long XoffRecv { get; init; }

    public long XoffSent { get; init; }

    /// <summary><c>eligible</c>, or why not: <c>error</c>, <c>near</c>, <c>old</c>, <c>few</c>, <c>no_observed_bw</c>.</summary>
    public required string Status { get; init; }

    public long ExcludedNear { get; init; }

    public long ExcludedOld { get; init; }

    public long ExcludedFew { get; init; }

    public long? BwMean { get; init; }

    public long? BwMedian { get; init; }

    public long? DescBwAvg { get; init; }

    public long? DescBwBur { get; init; }

    public long? DescBwObsLast { get; init; }

    public long? DescBwObsMean { get; init; }

    public long? ConsensusBandwidth { get; init; }

    public bool? ConsensusBandwidthIsUnmeasured { get; init; }

    public bool InConsensus { get; init; }

    public long? RttMilliseconds { get; init; }

    public double? RStrm { get; init; }

    public double? RStrmFilt { get; init; }

    /// <summary>Torflow: the capped scaled bandwidth in B/s, before rounding to KB.</summary>
    public double? ScaledBytes { get; init; }

    /// <summary>The other scalings: the final <c>bw</c> in KB.</summary>
    public long? BwKilobytes { get; init; }

    public double? Mu { get; init; }

    public double? Muf { get; init; }

    public bool Eligible => Status == "eligible";
}
