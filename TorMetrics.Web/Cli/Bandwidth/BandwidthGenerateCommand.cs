using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Npgsql;
using TorMetrics.Domain.Bandwidth;
using TorMetrics.Domain.Bandwidth.Generation;
using TorMetrics.Domain.Import;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.Cli.Bandwidth;

/// <summary>
/// Generates one bandwidth file. Settings come from <c>BandwidthAuthority</c> in configuration; each flag overrides
/// one of them for this run, with sbws's flag names where sbws has the option.
/// </summary>
internal static class BandwidthGenerateCommand
{
    public static Command Create()
    {
        var now = new Option<string>("--now") { Description = "Fix the clock: Unix seconds or an ISO 8601 UTC time." };
        var scanner = new Option<string>("--scanner") { Description = "Scanner id (BandwidthAuthority:ScannerId)." };
        var output = new Option<string>("--output") { Description = "Output path, replaced atomically (BandwidthAuthority:OutputPath)." };
        var scaling = new Option<BandwidthScaling?>("--scaling") { Description = "Torflow (default), Sbws, Raw or Linear." };
        var margin = new Option<double?>("--torflow-bw-margin") { Description = "Cap as a share of the total (default 0.05)." };
        var digits = new Option<int?>("--round-digs") { Description = "Significant digits of bw (default 2)." };
        var away = new Option<int?>("--secs-away") { Description = "Require two successes this many seconds apart." };
        var minNum = new Option<int?>("--min-num") { Description = "Minimum successes per relay (default 1)." };
        var recent = new Option<int?>("--secs-recent") { Description = "Window in seconds (default 28 days, 5 for Sbws/Raw)." };
        var constant = new Option<double?>("--scale-constant") { Description = "Quota in KB for Sbws and Linear scaling (default 7500)." };
        var consensus = new Option<string>("--consensus")
        {
            Description = "Consensus file to compare with, or 'none'; default: the newest archived consensus.",
        };
        var command = new Command("generate", "Generate the bandwidth file (format 1.9.0) from the scanner's measurements.")
        {
            now, scanner, output, scaling, margin, digits, away, minNum, recent, constant, consensus,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = TorMetricsCli.LoadConfiguration([]);
            var options = configuration.GetSection(BandwidthGeneratorOptions.SectionName).Get<BandwidthGeneratorOptions>() ?? new();
            options.ScannerId = parse.GetValue(scanner) ?? options.ScannerId;
            options.OutputPath = parse.GetValue(output) ?? options.OutputPath;
            options.Scaling = parse.GetValue(scaling) ?? options.Scaling;
            options.TorflowBwMargin = parse.GetValue(margin) ?? options.TorflowBwMargin;
            options.RoundDigits = parse.GetValue(digits) ?? options.RoundDigits;
            options.SecsAway = parse.GetValue(away) ?? options.SecsAway;
            options.MinNum = parse.GetValue(minNum) ?? options.MinNum;
            options.SecsRecent = parse.GetValue(recent) ?? options.SecsRecent;
            options.ScaleConstant = parse.GetValue(constant) ?? options.ScaleConstant;
            options.ConsensusPath = parse.GetValue(consensus) ?? options.ConsensusPath;
            var problems = new List<ValidationResult>();
            if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
            {
                Console.Error.WriteLine(string.Join(Environment.NewLine, problems.Select(p => p.ErrorMessage)));
                return 2;
            }

            TimeProvider clock = parse.GetValue(now) is { } fixedNow ? new FixedTimeProvider(ParseNow(fixedNow)) : TimeProvider.System;
            await using var dataSource = NpgsqlDataSource.Create(ConnectionStrings.Resolve(configuration, Directory.GetCurrentDirectory()));
            var generator = new BandwidthFileGenerator(dataSource, new DescriptorImporter(dataSource, clock), clock);
            var result = await generator.GenerateAsync(options, cancellationToken);
            if (!result.Written)
            {
                Console.WriteLine($"No results for scanner '{options.ScannerId}' in the window; nothing written.");
                return 1;
            }

            var f = result.Document!.Figures;
            var share = f.ConsensusRelays is { } c
                ? string.Create(CultureInfo.InvariantCulture, $" of {c} in the consensus ({f.PercentEligibleRelays} %)")
                : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {result.OutputPath} ({Convert.ToHexString(result.Sha256!)}): {f.RelayLines} relays, {f.EligibleRelays} eligible{share}; " +
                $"{result.Timings.Total.TotalMilliseconds:F0} ms."));
            return 0;
        });
        return command;
    }

    internal static DateTimeOffset ParseNow(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
