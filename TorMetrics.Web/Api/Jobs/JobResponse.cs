using TorMetrics.Domain.Model;
using TorMetrics.Jobs.Scheduling;

namespace TorMetrics.Web.Api.Jobs;

/// <summary>A job with its schedule, next fire time (UTC) and most recent runs.</summary>
public sealed record JobResponse(
    string Name,
    string Description,
    string? Cron,
    DateTime? NextFireTime,
    bool Paused,
    IReadOnlyList<JobRunResponse> RecentRuns)
{
    public static JobResponse From(JobStatus status) => new(
        status.Name,
        status.Description,
        status.Cron,
        status.NextFireTime,
        status.Paused,
        status.RecentRuns.Select(JobRunResponse.From).ToList());
}

/// <summary>One recorded run: when, where, how it ended, what it counted.</summary>
public sealed record JobRunResponse(
    long Id,
    string JobName,
    string SchedulerInstance,
    bool Manual,
    DateTime? ScheduledFireTime,
    DateTime StartedAt,
    DateTime? FinishedAt,
    double? DurationSeconds,
    string Outcome,
    int? ProgressPercent,
    string? ProgressMessage,
    string? Counts,
    string? Error)
{
    public static JobRunResponse From(JobRun run) => new(
        run.Id,
        run.JobName,
        run.SchedulerInstance,
        run.Manual,
        run.ScheduledFireTime,
        run.StartedAt,
        run.FinishedAt,
        run.Duration?.TotalSeconds,
        run.Outcome.ToString(),
        run.ProgressPercent,
        run.ProgressMessage,
        run.Counts,
        run.Error);
}
