using TorMetrics.Domain.Model;

namespace TorMetrics.Jobs.Scheduling;

public sealed record JobStatus(
    string Name,
    string Description,
    string? Cron,
    DateTime? NextFireTime,
    bool Paused,
    IReadOnlyList<JobRun> RecentRuns);
