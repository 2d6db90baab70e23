using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TorMetrics.Domain.Bandwidth;
using TorMetrics.Domain.Import;
using TorMetrics.Domain.RelayCollection;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.RelayCollection;

/// <summary>
/// The archive rate on real documents: the 2020-02-29 11:00 consensus and the server descriptors CollecTor stored at
/// 10:05, of which 381 are referenced by that consensus (descriptor-formats.md §3); and /health's alarm on it.
/// </summary>
public sealed class ArchiveRateQueriesTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTime ValidAfter = new(2020, 2, 29, 11, 0, 0, DateTimeKind.Utc);

    public async Task InitializeAsync()
    {
        if (await database.ScalarAsync<long>("SELECT count(*) FROM network_statuses") == 0)
        {
            await new DescriptorImporter(database.DataSource, TimeProvider.System).ImportAsync(
            [
                SampleFiles.PathOf("network-status-consensus-3/2020-02-29-11-00-00-consensus"),
                SampleFiles.PathOf("server-descriptor/2020-02-29-10-05-00-server-descriptors"),
            ], "test");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Periods_SampleConsensusAndDescriptors_CountsReferencedAndArchivedPerType()
    {
        var queries = new ArchiveRateQueries(database.DataSource);

        var period = Assert.Single(await queries.PeriodsAsync(ValidAfter.AddHours(-1), ValidAfter.AddHours(1), default));

        var kinds = period.Kinds.ToDictionary(k => k.Kind);
        Assert.Equal((1, 1), Counts(kinds[ArchiveRateQueries.Consensus]));
        Assert.Equal((1, 0), Counts(kinds[ArchiveRateQueries.MicrodescConsensus]));
        Assert.Equal((1, 0), Counts(kinds[ArchiveRateQueries.DetachedSignature]));
        Assert.Equal((8, 0), Counts(kinds[ArchiveRateQueries.Vote]));
        Assert.Equal((6463, 381), Counts(kinds[ArchiveRateQueries.ServerDescriptor]));
        Assert.Equal((7, 0), Counts(kinds[ArchiveRateQueries.KeyCertificate]));
        Assert.InRange(kinds[ArchiveRateQueries.ExtraInfo].Referenced, 1, 381);
        Assert.Equal(0, kinds[ArchiveRateQueries.ExtraInfo].Archived);
        Assert.False(kinds.ContainsKey(ArchiveRateQueries.Microdescriptor));
    }

    [Fact]
    public async Task Missing_SampleConsensus_ListsTheUnarchivedDigestsNewestFirst()
    {
        var queries = new ArchiveRateQueries(database.DataSource);

        var missing = await queries.MissingAsync(ValidAfter, ValidAfter, 10_000, default);

        Assert.Contains(missing, m => m.Kind == ArchiveRateQueries.MicrodescConsensus);
        Assert.Equal(8, missing.Count(m => m.Kind == ArchiveRateQueries.Vote));
        Assert.Equal(6463 - 381, missing.Count(m => m.Kind == ArchiveRateQueries.ServerDescriptor));
        Assert.All(missing.Where(m => m.Kind == ArchiveRateQueries.ServerDescriptor), m => Assert.Matches("^[0-9A-F]{40}$", m.Digest));
        var archived = await database.ScalarAsync<long>(
            "SELECT count(*) FROM server_descriptors WHERE digest_sha1 = decode('" + missing.First(m => m.Kind == ArchiveRateQueries.ServerDescriptor).Digest + "', 'hex')");
        Assert.Equal(0, archived);
    }

    [Theory]
    [InlineData("5", 10, HttpStatusCode.ServiceUnavailable, "Unhealthy", "missing")]
    [InlineData("100", 10, HttpStatusCode.OK, "Degraded", "missing")]
    [InlineData("100", 200, HttpStatusCode.ServiceUnavailable, "Unhealthy", "past its valid-until")]
    public async Task Health_MissingDocumentsOrOldConsensus_RaisesTheAlarm(
        string unhealthyPercent, int minutesAfterValidAfter, HttpStatusCode expectedCode, string expectedStatus, string expectedReason)
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "false",
            ["RelayCollection:Authorities:0"] = "127.0.0.1:9",
            ["RelayCollection:UnhealthyMissingPercent"] = unhealthyPercent,
        });
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(
            s => s.AddSingleton<TimeProvider>(new FixedTimeProvider(new DateTimeOffset(ValidAfter.AddMinutes(minutesAfterValidAfter))))));

        var response = await host.CreateClient().GetAsync("/health");

        Assert.Equal(expectedCode, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var check = body.RootElement.GetProperty("checks").GetProperty("relay-collection");
        Assert.Equal(expectedStatus, check.GetProperty("status").GetString());
        Assert.Contains(expectedReason, check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectionPage_SampleArchive_ShowsTheRateChartAndMissingDocuments()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "false",
            ["RelayCollection:Authorities:0"] = "127.0.0.1:9",
        });
        var client = await factory.CreateSignedInClientAsync();

        var page = await client.GetStringAsync("/admin/collection");
        var status = await client.GetStringAsync("/admin/collection/status");

        Assert.Contains("archive-rate-chart", page, StringComparison.Ordinal);
        Assert.Contains("6463", page, StringComparison.Ordinal);
        Assert.Contains("missing-documents", page, StringComparison.Ordinal);
        Assert.Contains("2020-02-29 11:00:00", status, StringComparison.Ordinal);
        Assert.Contains("planned-fetches", status, StringComparison.Ordinal);
    }

    private static (long, long) Counts(ArchiveRateCount count) => (count.Referenced, count.Archived);
}
