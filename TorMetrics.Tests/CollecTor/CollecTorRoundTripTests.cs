using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TorMetrics.Domain.Import;
using TorMetrics.Jobs.CollecTor;
using TorMetrics.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TorMetrics.Tests.CollecTor;

/// <summary>
/// Acceptance: a second, empty database that follows our own index.json, recent/ and archive/ over HTTP, with the
/// follow-collector job's code, ends with the same set of documents as the database that serves them.
/// </summary>
[Collection(PublishedSamplesCollection.Name)]
public sealed class CollecTorRoundTripTests(PublishedSamplesFixture samples, ITestOutputHelper output)
{
    [Fact]
    public async Task FollowCollecTor_OurIndexRecentAndArchiveOverHttp_SecondDatabaseEndsWithTheSameDocuments()
    {
        await using var server = new TorMetricsWebFactory(samples.ConnectionString, samples.WebSettings);
        server.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        server.StartServer();
        var baseUrl = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", baseUrl, StringComparison.Ordinal);

        var second = new PostgresDatabaseFixture();
        await second.InitializeAsync();
        try
        {
            using var http = new HttpClient();
            var follower = new CollecTorFollower(http, second.DataSource, new DescriptorImporter(second.DataSource, TimeProvider.System),
                Microsoft.Extensions.Options.Options.Create(new CollecTorOptions { BaseUrl = baseUrl, Paths = ["recent/", "archive/"] }));

            var stopwatch = Stopwatch.StartNew();
            var sync = await follower.SyncAsync(null, CancellationToken.None);
            stopwatch.Stop();
            var again = await follower.SyncAsync(null, CancellationToken.None);

            var held = await DocumentsAsync(samples.DataSource, "kind <> 'unknown'");
            var synced = await DocumentsAsync(second.DataSource, "true");
            var viaArchive = await DocumentsAsync(second.DataSource, ComeFrom("/archive/"));
            var viaRecent = await DocumentsAsync(second.DataSource, ComeFrom("/recent/"));
            var recentKinds = await DocumentsAsync(samples.DataSource, "kind NOT IN ('unknown', 'network-status-2')");
            var notServed = await samples.ScalarAsync<long>("SELECT count(*) FROM raw_documents WHERE kind = 'unknown'");
            var bytes = await samples.ScalarAsync<long>("SELECT sum(length) FROM raw_documents WHERE kind <> 'unknown'");

            Assert.True(held.Count > 11_000, $"only {held.Count} documents");
            Assert.Empty(held.Keys.Except(synced.Keys));
            Assert.Empty(synced.Keys.Except(held.Keys));
            Assert.Equal(held, synced); // same SHA-256 set, and every document read as the same kind
            Assert.Equal(held.Count, viaArchive.Count);
            Assert.Equal(recentKinds.Count, viaRecent.Count);
            Assert.Equal(0, again.FilesNew);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Round trip: {synced.Count} documents ({bytes / 1e6:F1} MB of documents) synced from {sync.FilesListed} files " +
                $"({sync.Import.BytesRead / 1e6:F1} MB downloaded) in {stopwatch.Elapsed.TotalSeconds:F1} s; " +
                $"{notServed} archived documents of no known kind are not served."));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private static string ComeFrom(string tree) => $"""
        sha256 IN (SELECT d.document_sha256 FROM document_sources d JOIN source_files f ON f.id = d.source_file_id
                   WHERE f.location LIKE '%{tree}%')
        """;

    private static async Task<Dictionary<string, string>> DocumentsAsync(NpgsqlDataSource dataSource, string predicate)
    {
        await using var command = dataSource.CreateCommand($"SELECT encode(sha256, 'hex'), kind FROM raw_documents WHERE {predicate}");
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            documents[reader.GetString(0)] = reader.GetString(1);
        }

        return documents;
    }
}
