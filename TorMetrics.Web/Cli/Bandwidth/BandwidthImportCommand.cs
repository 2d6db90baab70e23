using System.CommandLine;
using System.Globalization;
using Npgsql;
using TorMetrics.Domain.Bandwidth.Results;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.Cli.Bandwidth;

internal static class BandwidthImportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "sbws data directories (YYYY-MM-DD.txt[.gz] and state.dat, found recursively) or single files.",
            Arity = ArgumentArity.OneOrMore,
        };
        var scanner = new Option<string>("--scanner")
        {
            Description = "The scanner id to file the results under (the generator's BandwidthAuthority:ScannerId).",
            Required = true,
        };
        var command = new Command("import", "Import sbws results and state. Safe to repeat: known lines are skipped.") { paths, scanner };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = TorMetricsCli.LoadConfiguration([]);
            await using var dataSource = NpgsqlDataSource.Create(ConnectionStrings.Resolve(configuration, Directory.GetCurrentDirectory()));
            var report = await new MeasurementImporter(dataSource, TimeProvider.System).ImportAsync(
                parse.GetValue(scanner)!, parse.GetValue(paths)!.Select(Path.GetFullPath).ToList(), new ConsoleProgressBar(), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.Files} files: {report.ResultsNew} new results, {report.ResultsDuplicate} already imported, " +
                $"{report.LinesUnparseable} unparseable lines; {report.StatesNew} new state files; {report.Duration.TotalSeconds:F1} s."));
            return 0;
        });
        return command;
    }
}
