using Microsoft.EntityFrameworkCore;
using Quartz;
using TorMetrics.Domain.Data;
using TorMetrics.Domain.Model;

namespace TorMetrics.Jobs.Scheduling;

/// <summary>What the admin UI and API may do with jobs: list them with their state, run one now, pause, resume.</summary>
public sealed class JobControl(ISchedulerFactory schedulers, IDbContextFactory<TorMetricsDbContext> contexts)
{
    public async Task<IReadOnlyList<JobStatus>> ListAsync(int runsPerJob, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = JobCatalog.All.Select(j => j.Name).ToArray();
        var recent = await db.JobRuns.AsNoTracking()
            .Where(r => names.Contains(r.JobName))
            .GroupBy(r => r.JobName)
            .Select(g => new { g.Key, Runs = g.OrderByDescending(r => r.StartedAt).Take(runsPerJob).ToList() })
            .ToListAsync(cancellationToken);

        var statuses = new List<JobStatus>();
        foreach (var job in JobCatalog.All)
        {
            var trigger = await scheduler.GetTrigger(job.TriggerKey, cancellationToken);
            var state = trigger is null
                ? TriggerState.None
                : await scheduler.GetTriggerState(job.TriggerKey, cancellationToken);
            var cron = (trigger as ICronTrigger)?.CronExpressionString;
            var runs = recent.FirstOrDefault(r => r.Key == job.Name)?.Runs ?? [];
            statuses.Add(new JobStatus(
                job.Name,
                job.Description,
                cron,
                trigger?.NextFireTimeUtc?.UtcDateTime,
                state == TriggerState.Paused,
                runs));
        }

        return statuses;
    }

    public async Task<bool> TriggerAsync(string name, CancellationToken cancellationToken)
    {
        if (JobCatalog.Find(name) is not { } job)
        {
            return false;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(job.Key, new JobDataMap(), cancellationToken);
        return true;
    }

    public async Task<bool> PauseAsync(string name, CancellationToken cancellationToken)
    {
        if (JobCatalog.Find(name) is not { } job)
        {
            return false;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.PauseJob(job.Key, cancellationToken);
        return true;
    }

    public async Task<bool> ResumeAsync(string name, CancellationToken cancellationToken)
    {
        if (JobCatalog.Find(name) is not { } job)
        {
            return false;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ResumeJob(job.Key, cancellationToken);
        return true;
    }
}
