using Quartz;
using TorMetrics.Domain.CollecTor.Publishing;

namespace TorMetrics.Jobs.CollecTor;

/// <summary>Places newly archived documents into our recent/ and archive/ trees and updates recent/'s listing.</summary>
[DisallowConcurrentExecution]
public sealed class PublishCollecTorJob(CollecTorPublisher publisher) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var progress = new Progress<PublicationProgress>(p => context.ReportProgress(
            p.Total == 0 ? 100 : (int)(p.Done * 100 / p.Total), $"{p.Stage}: {p.Done}/{p.Total}"));
        var report = await publisher.PublishAsync(progress, cancellationToken);
        context.Result = new JobCounts
        {
            ["run_id"] = report.RunId,
            ["documents_placed"] = report.DocumentsPlaced,
            ["recent_files_written"] = report.RecentFilesWritten,
            ["recent_files_removed"] = report.RecentFilesRemoved,
        };
    }
}
