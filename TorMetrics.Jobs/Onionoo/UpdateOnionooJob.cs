using Quartz;
using TorMetrics.Domain.Onionoo.Updating;

namespace TorMetrics.Jobs.Onionoo;

/// <summary>Folds new statuses into the histories and publishes a new generation of Onionoo documents.</summary>
[DisallowConcurrentExecution]
public sealed class UpdateOnionooJob(OnionooUpdater updater) : IJob
{
    public const string Name = "update-onionoo";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var report = await updater.UpdateAsync(
            new Progress<(double Fraction, string Step)>(p => context.ReportProgress((int)(p.Fraction * 100), p.Step)), cancellationToken);
        context.Result = new JobCounts
        {
            ["generation"] = report.Generation,
            ["statuses"] = report.StatusesFolded,
            ["extra_infos"] = report.ExtraInfosFolded,
            ["relays"] = report.Relays,
            ["bridges"] = report.Bridges,
            ["history_milliseconds"] = (long)report.HistoryDuration.TotalMilliseconds,
            ["milliseconds"] = (long)report.Duration.TotalMilliseconds,
        };
    }
}
