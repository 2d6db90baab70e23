namespace TorMetrics.Domain.Bandwidth.Results;

/// <summary>
/// One measurement attempt as the scanner recorded it (an sbws result line, bandwidth-scanner.md §2.8).
/// Bandwidths are bytes per second; lists of times are UTC.
/// </summary>
public sealed record SbwsResult
{
    public required int Version { get; init; }

    /// <summary><c>success</c> or one of the <c>error-*</c> types.</summary>
    public required string Type { get; init; }

    public required DateTime Time { get; init; }

    /// <summary>40 upper-case hex digits, without <c>$</c>.</summary>
    public required string Fingerprint { get; init; }

    public string? Nickname { get; init; }

    public string? Address { get; init; }

    public string? MasterKeyEd25519 { get; init; }

    /// <summary>The path, first hop first (hex fingerprints); empty when none was chosen.</summary>
    public IReadOnlyList<string> Circuit { get; init; } = [];

    public string? DestinationUrl { get; init; }

    public string? Scanner { get; init; }

    public string? Message { get; init; }

    public IReadOnlyList<long>? DownloadAmounts { get; init; }

    public IReadOnlyList<double>? DownloadDurations { get; init; }

    public IReadOnlyList<double>? Rtts { get; init; }

    public long? RelayAverageBandwidth { get; init; }

    public long? RelayBurstBandwidth { get; init; }

    public long? RelayObservedBandwidth { get; init; }

    public long? ConsensusBandwidth { get; init; }

    public bool? ConsensusBandwidthIsUnmeasured { get; init; }

    public IReadOnlyList<DateTime>? RelayInRecentConsensus { get; init; }

    public IReadOnlyList<DateTime>? RelayRecentPriorityList { get; init; }

    public IReadOnlyList<DateTime>? RelayRecentMeasurementAttempt { get; init; }

    public IReadOnlyList<DateTime>? XoffRecv { get; init; }

    public IReadOnlyList<DateTime>? XoffSent { get; init; }

    /// <summary>Fields without a column (older versions' counters, later additions), as a JSON object; null if none.</summary>
    public string? Extra { get; init; }

    /// <summary>The hop of the circuit that is not the measured relay.</summary>
    public string? Helper => Circuit.FirstOrDefault(f => !string.Equals(f, Fingerprint, StringComparison.Ordinal));
}
