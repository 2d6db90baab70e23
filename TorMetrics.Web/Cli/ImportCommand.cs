using System.CommandLine;
using System.Globalization;
using Npgsql;
using TorMetrics.Domain.Import;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.Cli;

internal static class ImportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files or directories: CollecTor recent/ or archive/ trees, .tar.xz/.tar/.gz/.xz/.z files, " +
                          "tor data directories, or single descriptor files.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("import", "Archive and parse Tor documents. Safe to repeat and to resume after a kill.") { paths };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = TorMetricsCli.LoadConfiguration([]);
            await using var dataSource = NpgsqlDataSource.Create(ConnectionStrings.Resolve(configuration, Directory.GetCurrentDirectory()));
            var importer = new DescriptorImporter(dataSource, TimeProvider.System);
            var report = await importer.ImportAsync(
                parse.GetValue(paths)!.Select(Path.GetFullPath).ToList(), "cli", new ConsoleProgressBar(), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Import run {report.ImportRunId}: {report.FilesImported} files imported, {report.FilesSkipped} already imported; " +
                $"{report.DocumentsNew} new documents ({report.DocumentsUnparseable} unparseable), " +
                $"{report.DocumentsDuplicate} duplicates; {report.BytesRead / 1e6:F1} MB in {report.Duration.TotalSeconds:F1} s."));
            return 0;
        });
        return command;
    }
}
