using Microsoft.Extensions.Options;
using Quartz;

namespace TorMetrics.Jobs.RelayCollection;

/// <summary>
/// Collects relay descriptors from the directory authorities. Scheduling: rather than polling at fixed minutes, each
/// run asks the planner when the next document falls due on the voting schedule (votes, signatures, the next
/// consensus, a retry) and sets a one-off follow-up trigger for that moment. The catalog's cron is only a safety net
/// that restarts the chain after a restart or a failed run; a run that finds nothing due ends at once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CollectRelayDescriptorsJob(RelayDescriptorCollector collector, IOptions<JobsOptions> jobs) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var report = await collector.RunAsync(new Progress<string>(m => context.ReportProgress(0, m)), cancellationToken);
        context.Result = new JobCounts
        {
            [report.Configured ? "rounds" : "skipped_not_configured"] = report.Configured ? report.Rounds : 1,
            ["requests"] = report.Requests,
            ["succeeded"] = report.Succeeded,
            ["bytes"] = report.Bytes,
            ["documents_new"] = report.DocumentsNew,
            ["documents_unparseable"] = report.DocumentsUnparseable,
        };

        if (report.Configured && jobs.Value.Enabled && JobCatalog.Find(context.JobDetail.Key.Name) is { } job)
        {
            var followUp = TriggerBuilder.Create()
                .WithIdentity(job.FollowUpTriggerKey)
                .ForJob(job.Key)
                .StartAt(report.NextDue)
                .Build();
            if (await context.Scheduler.GetTrigger(job.FollowUpTriggerKey, cancellationToken) is not null)
            {
                await context.Scheduler.RescheduleJob(job.FollowUpTriggerKey, followUp, cancellationToken);
            }
            else
            {
                await context.Scheduler.ScheduleJob(followUp, new ScheduleJobOptions(), cancellationToken);
            }
        }
    }
}
