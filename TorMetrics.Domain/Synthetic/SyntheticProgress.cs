namespace TorMetrics.Domain.Synthetic;

/// <summary>Progress of a generation, reported once per simulated hour.</summary>
public sealed record SyntheticProgress(int HoursDone, int HoursTotal, int Files, long Bytes, TimeSpan Elapsed);
