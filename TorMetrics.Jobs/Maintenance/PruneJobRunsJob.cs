using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using TorMetrics.Domain.Data;

namespace TorMetrics.Jobs.Maintenance;

/// <summary>Keeps the run history bounded; finished runs older than the retention period are deleted.</summary>
[DisallowConcurrentExecution]
public sealed class PruneJobRunsJob(
    IDbContextFactory<TorMetricsDbContext> contexts,
    IOptions<JobsOptions> options,
    TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.RunRetentionDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = await db.JobRuns
            .Where(r => r.FinishedAt != null && r.StartedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        context.Result = new JobCounts { ["deleted"] = deleted };
    }
}
