using System.CommandLine;
using System.Globalization;
using Npgsql;
using TorMetrics.Domain.Onionoo.Enrichment;
using TorMetrics.Domain.Onionoo.Updating;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.Cli.Onionoo;

/// <summary><c>onionoo update</c>: what the update-onionoo job does, from the command line, with its timings.</summary>
internal static class OnionooCommand
{
    public static Command Create()
    {
        var update = new Command("update", "Fold newly imported statuses into the Onionoo histories and publish new documents.");
        update.SetAction(async (_, cancellationToken) =>
        {
            var configuration = TorMetricsCli.LoadConfiguration([]);
            await using var dataSource = NpgsqlDataSource.Create(ConnectionStrings.Resolve(configuration, Directory.GetCurrentDirectory()));
            var clock = TimeProvider.System;
            var updater = new OnionooUpdater(
                new OnionooHistoryUpdater(dataSource, clock),
                new OnionooSnapshotBuilder(dataSource, clock, Locator(configuration), new HostNameStore(dataSource)),
                new OnionooGenerationStore(dataSource));
            var report = await updater.UpdateAsync(
                new Progress<(double Fraction, string Step)>(p => Console.WriteLine($"{p.Fraction,4:P0} {p.Step}")), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Generation {report.Generation}: {report.Relays} relays (published {report.RelaysPublished:yyyy-MM-dd HH:mm}), " +
                $"{report.Bridges} bridges (published {report.BridgesPublished:yyyy-MM-dd HH:mm}); folded {report.StatusesFolded} statuses and " +
                $"{report.ExtraInfosFolded} extra-infos in {report.HistoryDuration.TotalSeconds:F1} s; total {report.Duration.TotalSeconds:F1} s."));
            return 0;
        });

        return new Command("onionoo", "The Onionoo-style relay and bridge documents.") { update };
    }

    // The same GeoIP/AS databases the web host uses (Onionoo:GeoIp), so the verb and the job write the same documents.
    private static AddressLocator Locator(IConfiguration configuration) =>
        AddressLocator.Load(configuration.GetSection(GeoIpOptions.SectionName).Get<GeoIpOptions>() ?? new GeoIpOptions());
}
