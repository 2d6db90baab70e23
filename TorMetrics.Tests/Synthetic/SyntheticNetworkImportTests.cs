using TorMetrics.Domain.Import;
using TorMetrics.Domain.Synthetic;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Synthetic;

/// <summary>A small synthetic network (60 relays, 20 bridges, 2 days) through the real importer into a test database.</summary>
public sealed class SyntheticNetworkImportTests(SyntheticNetworkImportTests.ImportedNetworkFixture network)
    : IClassFixture<SyntheticNetworkImportTests.ImportedNetworkFixture>
{
    [Fact]
    public async Task Import_Network_EveryDocumentParsed()
    {
        var report = network.Generated;
        long expected = report.Consensuses + report.ServerDescriptors + report.ExtraInfos + report.BridgeStatuses
            + report.BridgeServerDescriptors + report.BridgeExtraInfos + report.PoolAssignments + report.ExitLists;

        Assert.Equal(0, network.Imported.DocumentsUnparseable);
        Assert.Equal(expected, network.Imported.DocumentsNew);
        Assert.Equal(0L, await network.ScalarAsync<long>("SELECT count(*) FROM raw_documents WHERE parse_status <> 'Parsed'"));
        Assert.Equal((long)report.Consensuses, await network.ScalarAsync<long>("SELECT count(*) FROM network_statuses WHERE flavor = 'ns' AND NOT is_vote"));
        Assert.Equal((long)report.BridgeStatuses, await network.ScalarAsync<long>("SELECT count(*) FROM network_statuses WHERE flavor = 'bridge'"));
        Assert.True(await network.ScalarAsync<long>("SELECT count(*) FROM exit_list_entries") > 0);
    }

    [Fact]
    public async Task Import_Consensuses_EveryDigestResolvesToServerDescriptorAndExtraInfo()
    {
        var (entries, descriptors, extraInfos) = await JoinAsync("""
            SELECT count(*), count(d.document_sha256), count(x.document_sha256)
            FROM status_entries e
            JOIN network_statuses s ON s.id = e.status_id AND s.flavor = 'ns'
            LEFT JOIN server_descriptors d ON d.digest_sha1 = e.descriptor_digest AND NOT d.is_bridge
            LEFT JOIN extra_infos x ON x.digest_sha1 = d.extra_info_digest AND NOT x.is_bridge
            """);

        Assert.True(entries > 48 * 50, $"only {entries} status entries");
        Assert.Equal(entries, descriptors);
        Assert.Equal(entries, extraInfos);
    }

    [Fact]
    public async Task Import_BridgeStatuses_EveryDigestResolvesToBridgeDescriptorAndExtraInfo()
    {
        var (entries, descriptors, extraInfos) = await JoinAsync("""
            SELECT count(*), count(d.document_sha256), count(x.document_sha256)
            FROM status_entries e
            JOIN network_statuses s ON s.id = e.status_id AND s.flavor = 'bridge'
            LEFT JOIN server_descriptors d ON d.digest_sha1 = e.descriptor_digest AND d.is_bridge
            LEFT JOIN extra_infos x ON x.digest_sha1 = d.extra_info_digest AND x.is_bridge AND x.fingerprint = d.fingerprint
            """);

        Assert.True(entries > 48 * 15, $"only {entries} bridge status entries");
        Assert.Equal(entries, descriptors);
        Assert.Equal(entries, extraInfos);
    }

    [Fact]
    public async Task Import_ExtraInfos_HistoriesAndBridgeStatisticsStored()
    {
        Assert.Equal(0L, await network.ScalarAsync<long>(
            "SELECT count(*) FROM extra_infos WHERE read_history_interval IS NOT NULL AND read_history_interval <> 86400"));
        Assert.True(await network.ScalarAsync<long>("SELECT count(*) FROM extra_infos WHERE cardinality(read_history) = 5") > 100);
        Assert.True(await network.ScalarAsync<long>(
            "SELECT count(*) FROM extra_infos WHERE is_bridge AND statistics->'dirreqV3Resp' ? 'ok' AND bridge_ips IS NOT NULL") > 10);
        Assert.True(await network.ScalarAsync<long>("SELECT count(*) FROM extra_infos WHERE is_bridge AND cardinality(transports) > 0") > 0);
    }

    private async Task<(long, long, long)> JoinAsync(string sql)
    {
        await using var command = network.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public sealed class ImportedNetworkFixture : PostgresDatabaseFixture
    {
        private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("tm-synth-import-");

        public SyntheticNetworkReport Generated { get; private set; } = null!;

        public ImportReport Imported { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Generated = SyntheticNetworkGenerator.Generate(new SyntheticNetworkOptions
            {
                OutputDirectory = _work.FullName,
                Relays = 60,
                Bridges = 20,
                Days = 2,
                End = new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc),
                Seed = 11,
            });
            Imported = await new DescriptorImporter(DataSource, TimeProvider.System).ImportAsync([Generated.RecentDirectory], "test");
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            _work.Delete(recursive: true);
        }
    }
}
