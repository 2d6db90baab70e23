using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TorMetrics.Domain.Data;
using TorMetrics.Domain.Model;
using TorMetrics.Jobs;

namespace TorMetrics.Web.Health;

/// <summary>Reports the last run of every job; a job whose last run failed makes the system degraded.</summary>
internal sealed class JobsHealthCheck(IDbContextFactory<TorMetricsDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lastRuns = await db.JobRuns.AsNoTracking()
            .GroupBy(r => r.JobName)
            .Select(g => g.OrderByDescending(r => r.StartedAt).First())
            .ToListAsync(cancellationToken);

        var data = new Dictionary<string, object>();
        var failed = new List<string>();
        foreach (var job in JobCatalog.All)
        {
            var last = lastRuns.FirstOrDefault(r => r.JobName == job.Name);
            data[job.Name] = last is null
                ? new { lastRun = (object?)null }
                : new { lastRun = new { last.StartedAt, last.FinishedAt, outcome = last.Outcome.ToString() } };
            if (last?.Outcome == JobRunOutcome.Failed)
            {
                failed.Add(job.Name);
            }
        }

        return failed.Count == 0
            ? HealthCheckResult.Healthy("No job's last run failed.", data)
            : HealthCheckResult.Degraded("Last run failed: " + string.Join(", ", failed), data: data);
    }
}
