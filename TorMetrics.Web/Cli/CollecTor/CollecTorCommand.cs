using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using TorMetrics.Domain.CollecTor.Publishing;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.Cli.CollecTor;

/// <summary>What the publish-collector and build-collector-archive jobs do, by hand and with a progress bar.</summary>
internal static class CollecTorCommand
{
    public static Command Create()
    {
        var publish = new Command("publish", "Place newly archived documents into the served recent/ and archive/ trees and update recent/'s listing.");
        publish.SetAction(async (_, cancellationToken) =>
        {
            var (dataSource, options) = Open();
            await using (dataSource)
            {
                var report = await new CollecTorPublisher(dataSource, options, TimeProvider.System)
                    .PublishAsync(new PublicationProgressBar(), cancellationToken);
                PublicationProgressBar.EndLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Run {report.RunId}: {report.DocumentsPlaced} documents placed; {report.RecentFilesWritten} recent files listed, " +
                    $"{report.RecentFilesRemoved} removed; {report.Duration.TotalSeconds:F1} s."));
            }

            return 0;
        });

        var build = new Command("build-archive", "Build the archive/ tarballs that gained documents since their last build (slow: xz -9e by default).");
        build.SetAction(async (_, cancellationToken) =>
        {
            var (dataSource, options) = Open();
            await using (dataSource)
            {
                var report = await new ArchiveBuilder(dataSource, options, TimeProvider.System)
                    .BuildStaleAsync(new PublicationProgressBar(), cancellationToken);
                PublicationProgressBar.EndLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{report.TarballsBuilt} tarballs built: {report.Documents} documents, {report.Bytes / 1e6:F1} MB in {report.Duration.TotalSeconds:F1} s."));
            }

            return 0;
        });

        return new Command("collector", "Serve what we hold in CollecTor's layout (index.json, recent/, archive/).") { publish, build };
    }

    private static (NpgsqlDataSource DataSource, IOptions<CollecTorServingOptions> Options) Open()
    {
        var configuration = TorMetricsCli.LoadConfiguration([]);
        var options = configuration.GetSection(CollecTorServingOptions.SectionName).Get<CollecTorServingOptions>() ?? new CollecTorServingOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        var dataSource = NpgsqlDataSource.Create(ConnectionStrings.Resolve(configuration, Directory.GetCurrentDirectory()));
        return (dataSource, Options.Create(options));
    }
}
