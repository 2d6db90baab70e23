using Microsoft.Extensions.Options;
using TorMetrics.Domain.Data.Migrations;

namespace TorMetrics.Web.Hosting;

/// <summary>Applies migrations before anything else starts, when <c>Database:MigrateOnStartup</c> is set.</summary>
internal sealed partial class MigrationHostedService(
    SqlMigrator migrator,
    IOptions<DatabaseOptions> options,
    ILogger<MigrationHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStartup)
        {
            return;
        }

        var report = await migrator.MigrateAsync(
            MigrationScripts.Embedded(), new Progress<string>(m => LogProgress(m)), cancellationToken);
        LogDone(report.NewlyApplied.Count, report.PreviouslyApplied);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private partial void LogProgress(string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrations: {Applied} applied now, {Previous} already applied")]
    private partial void LogDone(int applied, int previous);
}
