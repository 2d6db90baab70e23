using Microsoft.Extensions.DependencyInjection;
using TorMetrics.Domain.RelayCollection;
using TorMetrics.Jobs.RelayCollection;
using TorMetrics.Tests.Infrastructure;
using TorMetrics.Web.TestNetwork;

namespace TorMetrics.Tests.RelayCollection;

/// <summary>
/// Collection against real tor: every vote, both consensus flavours, detached signatures, and every referenced
/// descriptor, key certificate and bandwidth file archived over consecutive periods; then one authority is stopped
/// by its pid and collection goes on from the others with nothing missing.
/// </summary>
[Collection(TestNetworkCollection.Name)]
public sealed class RelayDescriptorCollectorTests(TestNetworkFixture fixture, PostgresDatabaseFixture database)
    : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan PeriodTimeout = TimeSpan.FromMinutes(4);

    [TorFact]
    public async Task Collect_TwoPeriodsThenAnAuthorityStopped_ArchivesEverythingReferenced()
    {
        var network = fixture.Network;
        await using var services = await TestNetworkCollector.CreateAsync(database.ConnectionString, network);
        var session = services.GetRequiredService<CollectionSession>();
        var archiveRate = services.GetRequiredService<ArchiveRateQueries>();

        var before = await session.RunAsync(2, PeriodTimeout, null, CancellationToken.None);
        var stopped = network.Authorities.Last();
        var pid = TorProcesses.RunningPid(stopped);
        Assert.True(await TorProcesses.StopAsync(stopped, CancellationToken.None));
        try
        {
            var stoppedAt = DateTime.UtcNow;
            var after = await session.RunAsync(2, PeriodTimeout, null, CancellationToken.None);

            var periods = await archiveRate.PeriodsAsync(before[0], after[^1], CancellationToken.None);
            var missing = await archiveRate.MissingAsync(before[0], after[^1], 20, CancellationToken.None);
            Assert.Empty(missing);
            Assert.True(periods.Count >= 4, $"{periods.Count} periods");
            var totals = ArchiveRateTotals.Of(periods).Kinds.ToDictionary(k => k.Kind);
            foreach (var kind in new[]
            {
                ArchiveRateQueries.Consensus, ArchiveRateQueries.MicrodescConsensus, ArchiveRateQueries.Vote, ArchiveRateQueries.DetachedSignature,
                ArchiveRateQueries.ServerDescriptor, ArchiveRateQueries.ExtraInfo, ArchiveRateQueries.Microdescriptor,
                ArchiveRateQueries.KeyCertificate, ArchiveRateQueries.BandwidthFile,
            })
            {
                Assert.True(totals.TryGetValue(kind, out var count) && count.Referenced > 0, $"nothing referenced of {kind}");
                Assert.Equal(count!.Referenced, count.Archived);
            }

            // Each relay is referenced every period: 10 relays (authorities, bridge authority, exits, middles).
            Assert.All(periods, p => Assert.True(p.Kinds.Single(k => k.Kind == ArchiveRateQueries.ServerDescriptor).Referenced >= 10));
            Assert.All(periods, p => Assert.InRange(p.ConsensusArchivedAfter!.Value.TotalSeconds, 0, 30));

            // Periods voted after the stop were made from the two remaining authorities' votes, and all were fetched.
            var late = periods.Where(p => p.ValidAfter > stoppedAt.AddMinutes(1)).ToList();
            Assert.NotEmpty(late);
            Assert.All(late, p => Assert.Equal(2, p.Kinds.Single(k => k.Kind == ArchiveRateQueries.Vote).Archived));
            Assert.True(await database.ScalarAsync<long>(
                $"SELECT count(*) FROM relay_fetches WHERE source = '{stopped.Nickname}' AND status IS NULL") > 0,
                "the stopped authority was never tried");
            Assert.True(await database.ScalarAsync<long>(
                "SELECT count(*) FROM document_sources ds JOIN source_files f ON f.id = ds.source_file_id WHERE f.location LIKE 'http://127.0.0.1:%/tor/%'") > 0);
        }
        finally
        {
            // Give the stopped authority back to the other tests of the network.
            if (pid is not null)
            {
                await TorProcesses.StartAsync(stopped, Path.Combine(network.RunDir, "empty"), CancellationToken.None);
            }
        }
    }
}
