using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;
using Quartz.Extensibility;
using TorMetrics.Domain.Data;
using TorMetrics.Domain.Model;

namespace TorMetrics.Jobs;

/// <summary>Records every job run (start, end, outcome, counts, progress, error) in <c>job_runs</c>.</summary>
public sealed partial class JobRunListener(
    IDbContextFactory<TorMetricsDbContext> contexts,
    TimeProvider clock,
    ILogger<JobRunListener> logger) : IJobListener
{
    public string Name => "job-run-recorder";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        LogStarting(context.JobDetail.Key.Name, context.FireInstanceId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.JobRuns.Add(new JobRun
        {
            JobName = context.JobDetail.Key.Name,
            FireInstanceId = context.FireInstanceId,
            SchedulerInstance = await context.Scheduler.GetSchedulerInstanceId(cancellationToken),
            Manual = !IsCatalogTrigger(context.Trigger.Key),
            ScheduledFireTime = context.ScheduledFireTimeUtc?.UtcDateTime,
            StartedAt = clock.GetUtcNow().UtcDateTime,
            Outcome = JobRunOutcome.Running,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await FinishAsync(context, JobRunOutcome.Vetoed, error: null, cancellationToken);
    }

    public async ValueTask JobWasExecuted(
        IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var outcome = jobException is null ? JobRunOutcome.Succeeded : JobRunOutcome.Failed;
        var error = jobException?.InnerException?.ToString() ?? jobException?.ToString();
        if (jobException is null)
        {
            LogSucceeded(context.JobDetail.Key.Name, context.JobRunTime.TotalMilliseconds);
        }
        else
        {
            LogFailed(jobException, context.JobDetail.Key.Name, context.JobRunTime.TotalMilliseconds);
        }

        await FinishAsync(context, outcome, error, cancellationToken);
    }

    public async ValueTask JobProgressChanged(
        IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.JobRuns
            .Where(r => r.FireInstanceId == context.FireInstanceId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.ProgressPercent, progress.Percent)
                      .SetProperty(r => r.ProgressMessage, progress.Message),
                cancellationToken);
    }

    private async Task FinishAsync(
        IJobExecutionContext context, JobRunOutcome outcome, string? error, CancellationToken cancellationToken)
    {
        var counts = context.Result is JobCounts jobCounts ? JsonSerializer.Serialize(jobCounts) : null;
        var finishedAt = clock.GetUtcNow().UtcDateTime;
        int? percent = outcome == JobRunOutcome.Succeeded ? 100 : null;

        // The job's own cancellation token may already be cancelled at shutdown; the record must still be written.
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.JobRuns
            .Where(r => r.FireInstanceId == context.FireInstanceId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.FinishedAt, finishedAt)
                      .SetProperty(r => r.Outcome, outcome)
                      .SetProperty(r => r.Counts, counts)
                      .SetProperty(r => r.Error, error)
                      .SetProperty(r => r.ProgressPercent, r => percent ?? r.ProgressPercent),
                CancellationToken.None);
    }

    private static bool IsCatalogTrigger(TriggerKey key) =>
        JobCatalog.All.Any(j => j.TriggerKey.Equals(key) || j.FollowUpTriggerKey.Equals(key));

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} starting (fire instance {FireInstanceId})")]
    private partial void LogStarting(string job, string fireInstanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} succeeded in {ElapsedMs:F0} ms")]
    private partial void LogSucceeded(string job, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed after {ElapsedMs:F0} ms")]
    private partial void LogFailed(Exception exception, string job, double elapsedMs);
}
