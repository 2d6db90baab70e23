using System.CommandLine;
using Npgsql;
using TorMetrics.Domain.Data.Migrations;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending SQL migrations from migrations/ (safe to run concurrently).");
        command.SetAction(async (_, cancellationToken) =>
        {
            var configuration = TorMetricsCli.LoadConfiguration([]);
            var connectionString = ConnectionStrings.Resolve(configuration, Directory.GetCurrentDirectory());
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var migrator = new SqlMigrator(dataSource, TimeProvider.System);
            var scripts = MigrationScripts.Embedded();
            var report = await migrator.MigrateAsync(scripts, new Progress<string>(Console.WriteLine), cancellationToken);
            Console.WriteLine(
                $"{report.NewlyApplied.Count} migration(s) applied, {report.PreviouslyApplied} already applied, " +
                $"{scripts.Count} known.");
            return 0;
        });
        return command;
    }
}
