using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Npgsql;
using TorMetrics.Domain.Import;
using TorMetrics.Domain.Synthetic;
using TorMetrics.Web.Cli.Bandwidth;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.Cli.Synthesize;

/// <summary>
/// <c>synthesize network</c>: writes a synthetic full network as a CollecTor <c>recent/</c> tree, and with
/// <c>--import</c> runs the same importer as the <c>import</c> verb on it.
/// </summary>
internal static class SynthesizeNetworkCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output") { Description = "Directory to write recent/ into.", Required = true };
        var relays = new Option<int>("--relays") { Description = "Relays at the first consensus.", DefaultValueFactory = _ => 7000 };
        var bridges = new Option<int>("--bridges") { Description = "Bridges at the first status.", DefaultValueFactory = _ => 2000 };
        var days = new Option<int>("--days") { Description = "Days of hourly consensuses.", DefaultValueFactory = _ => 8 };
        var end = new Option<string>("--end") { Description = "Valid-after of the last consensus (ISO 8601 UTC or Unix seconds); default: this hour." };
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed and options give identical files.", DefaultValueFactory = _ => 1 };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing recent/ tree in the output directory." };
        var import = new Option<bool>("--import") { Description = "Import the generated tree into the database afterwards." };
        var command = new Command("network", "Write a synthetic Tor network (relays, bridges, exit lists) in CollecTor's recent/ layout.")
        {
            output, relays, bridges, days, end, seed, overwrite, import,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            DateTime endTime;
            try
            {
                endTime = parse.GetValue(end) is { } text
                    ? BandwidthGenerateCommand.ParseNow(text).UtcDateTime
                    : TimeProvider.System.GetUtcNow().UtcDateTime;
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"--end: {e.Message}");
                return 2;
            }

            var options = new SyntheticNetworkOptions
            {
                OutputDirectory = parse.GetValue(output)!,
                Relays = parse.GetValue(relays),
                Bridges = parse.GetValue(bridges),
                Days = parse.GetValue(days),
                End = endTime,
                Seed = parse.GetValue(seed),
                Overwrite = parse.GetValue(overwrite),
            };
            var problems = new List<ValidationResult>();
            if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
            {
                Console.Error.WriteLine(string.Join(Environment.NewLine, problems.Select(p => p.ErrorMessage)));
                return 2;
            }

            SyntheticNetworkReport report;
            try
            {
                report = SyntheticNetworkGenerator.Generate(options, new SyntheticProgressBar(), cancellationToken);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {report.RecentDirectory}: {report.Consensuses} consensuses ({report.DistinctRelays} relays), " +
                $"{report.ServerDescriptors} server descriptors, {report.ExtraInfos} extra-infos, {report.BridgeStatuses} bridge statuses " +
                $"({report.DistinctBridges} bridges), {report.BridgeServerDescriptors} bridge descriptors, {report.BridgeExtraInfos} bridge extra-infos, " +
                $"{report.PoolAssignments} pool assignments, {report.ExitLists} exit lists; {report.Files} files, {report.Bytes / 1e6:F1} MB " +
                $"in {report.Duration.TotalSeconds:F1} s."));
            if (!parse.GetValue(import))
            {
                return 0;
            }

            var configuration = TorMetricsCli.LoadConfiguration([]);
            await using var dataSource = NpgsqlDataSource.Create(ConnectionStrings.Resolve(configuration, Directory.GetCurrentDirectory()));
            var imported = await new DescriptorImporter(dataSource, TimeProvider.System)
                .ImportAsync([report.RecentDirectory], "synthesize", new ConsoleProgressBar(), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Import run {imported.ImportRunId}: {imported.FilesImported} files, {imported.DocumentsNew} new documents " +
                $"({imported.DocumentsUnparseable} unparseable) in {imported.Duration.TotalSeconds:F1} s."));
            return imported.DocumentsUnparseable == 0 ? 0 : 1;
        });
        return command;
    }
}
