using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;
using TorMetrics.Domain.Onionoo.Enrichment;

namespace TorMetrics.Jobs.Onionoo;

/// <summary>Looks up the host names of relays in the newest consensus (Onionoo's reverse DNS), when enabled.</summary>
[DisallowConcurrentExecution]
public sealed class ResolveHostNamesJob(ReverseDnsUpdater updater, IOptions<ReverseDnsOptions> options) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            context.Result = new JobCounts { ["skipped_not_enabled"] = 1 };
            return;
        }

        var progress = new Progress<ReverseDnsProgress>(p => context.ReportProgress(
            p.Total == 0 ? 100 : p.Done * 100 / p.Total,
            string.Create(CultureInfo.InvariantCulture, $"{p.Done}/{p.Total} addresses")));
        var report = await updater.RunAsync(options.Value, progress, cancellationToken);
        context.Result = new JobCounts
        {
            ["due"] = report.Due,
            ["looked_up"] = report.LookedUp,
            ["with_names"] = report.WithNames,
            ["verified_names"] = report.VerifiedNames,
            ["unverified_names"] = report.UnverifiedNames,
            ["failed"] = report.Failed,
            ["not_reached"] = report.NotReached,
            ["pruned"] = report.Pruned,
        };
    }
}
