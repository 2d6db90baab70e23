using Microsoft.Extensions.Options;
using Quartz;
using TorMetrics.Domain.Import;

namespace TorMetrics.Jobs.CollecTor;

/// <summary>Imports what a CollecTor instance published since the last run.</summary>
[DisallowConcurrentExecution]
public sealed class FollowCollecTorJob(CollecTorFollower follower, IOptions<CollecTorOptions> options) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(options.Value.BaseUrl))
        {
            context.Result = new JobCounts { ["skipped_not_configured"] = 1 };
            return;
        }

        var progress = new Progress<ImportProgress>(p => context.ReportProgress(
            p.FilesTotal == 0 ? 100 : p.FilesDone * 100 / p.FilesTotal, $"{p.FilesDone}/{p.FilesTotal} files"));
        var report = await follower.SyncAsync(progress, cancellationToken);
        context.Result = new JobCounts
        {
            ["files_listed"] = report.FilesListed,
            ["files_new"] = report.FilesNew,
            ["documents_new"] = report.Import.DocumentsNew,
            ["documents_duplicate"] = report.Import.DocumentsDuplicate,
            ["documents_unparseable"] = report.Import.DocumentsUnparseable,
        };
    }
}
