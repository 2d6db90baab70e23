using Quartz;
using TorMetrics.Domain.CollecTor.Publishing;

namespace TorMetrics.Jobs.CollecTor;

/// <summary>Rebuilds the monthly tarballs that gained documents, as CollecTor's create-tarballs.sh does daily.</summary>
[DisallowConcurrentExecution]
public sealed class BuildCollecTorArchiveJob(ArchiveBuilder builder) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var progress = new Progress<PublicationProgress>(p => context.ReportProgress(
            p.Total == 0 ? 100 : (int)(p.Done * 100 / p.Total), $"{p.Stage}: {p.Done}/{p.Total} documents"));
        var report = await builder.BuildStaleAsync(progress, cancellationToken);
        context.Result = new JobCounts
        {
            ["tarballs_built"] = report.TarballsBuilt,
            ["documents"] = report.Documents,
            ["bytes"] = report.Bytes,
        };
    }
}
