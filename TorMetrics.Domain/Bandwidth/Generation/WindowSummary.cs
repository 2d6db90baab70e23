namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>All results in the window, every type: their number and the oldest and newest time.</summary>
public sealed record WindowSummary(long Results, DateTime Earliest, DateTime Latest);
