namespace TorMetrics.Domain.Bandwidth.Results;

/// <summary>
/// The scanner's state file (sbws <c>state.dat</c>, bandwidth-scanner.md §2.9): the counters the generator copies
/// into the bandwidth file header.
/// </summary>
public sealed record ScannerState
{
    public DateTime? ScannerStarted { get; init; }

    public string? Uuid { get; init; }

    public string? TorVersion { get; init; }

    public IReadOnlyList<DateTime> RecentConsensus { get; init; } = [];

    public IReadOnlyList<DateTime> RecentPriorityList { get; init; } = [];

    /// <summary>How many relays each priority list held.</summary>
    public IReadOnlyList<int> RecentPriorityRelay { get; init; } = [];

    /// <summary>Null when the state has no such list (sbws stopped updating it in 1.2.0).</summary>
    public IReadOnlyList<DateTime>? RecentMeasurementAttempt { get; init; }

    public DateTime? MinPercReached { get; init; }
}
