using System.CommandLine;
using Npgsql;
using TorMetrics.Domain.Import;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.Cli;

internal static class ReparseCommand
{
    public static Command Create()
    {
        var kind = new Option<string?>("--kind") { Description = "Only documents of this @type name, e.g. torperf." };
        var command = new Command("reparse", "Parse archived documents that were unparseable again, with the current parsers.") { kind };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = TorMetricsCli.LoadConfiguration([]);
            await using var dataSource = NpgsqlDataSource.Create(ConnectionStrings.Resolve(configuration, Directory.GetCurrentDirectory()));
            var report = await new Reparser(dataSource).ReparseUnparseableAsync(
                parse.GetValue(kind), new Progress<int>(n => { if (n % 500 == 0) { Console.WriteLine($"{n} documents re-read"); } }), cancellationToken);
            Console.WriteLine($"{report.Candidates} unparseable documents: {report.Parsed} now parsed, " +
                              $"{report.StillUnparseable} still unparseable, {report.Reshaped} split differently (re-import their source files).");
            return 0;
        });
        return command;
    }
}
