using System.Formats.Tar;
using System.Text.RegularExpressions;
using TorMetrics.Domain.CollecTor.Publishing;
using TorMetrics.Domain.Import;
using TorMetrics.Tests.Descriptors;

namespace TorMetrics.Tests.CollecTor;

[Collection(PublishedSamplesCollection.Name)]
public sealed class CollecTorPublisherTests(PublishedSamplesFixture samples)
{
    [Fact]
    public async Task Publish_Samples_EveryDocumentOfAKnownKindIsInTheArchiveAndRecentTrees()
    {
        var served = await samples.ScalarAsync<long>("SELECT count(*) FROM raw_documents WHERE kind <> 'unknown'");
        var archived = await samples.ScalarAsync<long>("SELECT count(DISTINCT document_sha256) FROM archive_entries");
        var notArchived = await samples.ScalarAsync<long>(
            "SELECT count(*) FROM raw_documents r WHERE NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.document_sha256 = r.sha256) AND kind <> 'unknown'");
        // CollecTor has no recent/ directory for v2 statuses (archived 2005-2012 only).
        var recentKinds = await samples.ScalarAsync<long>("SELECT count(*) FROM raw_documents WHERE kind NOT IN ('unknown', 'network-status-2')");
        var recent = await samples.ScalarAsync<long>("SELECT count(*) FROM recent_entries");

        Assert.True(served > 11_000, $"only {served} documents");
        Assert.Equal(served, archived);
        Assert.Equal(0, notArchived);
        Assert.Equal(recentKinds, recent);
        Assert.Equal(served, samples.Publication.DocumentsPlaced);
    }

    [Theory]
    [InlineData("relay-descriptors/consensuses/2020-02-29-11-00-00-consensus")]
    [InlineData("relay-descriptors/consensuses/2016-09-20-13-00-00-consensus")]
    [InlineData("relay-descriptors/microdescs/consensus-microdesc/2017-07-17-17-00-00-consensus-microdesc")]
    [InlineData("relay-descriptors/votes/2016-09-20-13-00-00-vote-49015F787433103580E3B66A1707A00E60F2D15B-60ADC6BEC262AE921A1037D54C8A3976367DBE87")]
    [InlineData("relay-descriptors/certs/0D95B91896E6089AB9A3C6CB56E724CAF898C43F-2007-12-02-21-24-31")]
    [InlineData("relay-descriptors/certs/14C131DFC5C6F93646BE72FA1401C02A8DF2E8B4-2011-04-21-15-27-55")]
    [InlineData("bridge-descriptors/statuses/20160920-063816-1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1")]
    [InlineData("bridge-descriptors/statuses/20190501-002857-BA44A889E64B93FAA2B114E02C2A279A8555C533")]
    [InlineData("bridge-pool-assignments/2022-03-18-23-33-42")]
    [InlineData("bridgedb-metrics/2019-09-17-00-33-44-bridgedb-metrics")]
    [InlineData("exit-lists/2016-09-20-13-02-00")]
    [InlineData("exit-lists/2018-11-01-00-02-01")]
    [InlineData("torperf/op-nl-1048576-2017-04-11.tpf")]
    [InlineData("torperf/torperf-51200-2016-10-02.tpf")]
    [InlineData("onionperf/2020-07-13.op-nl-test1.onionperf.analysis.json.xz")]
    [InlineData("snowflakes/2020-12-16-19-24-38-snowflake-stats")]
    [InlineData("webstats/metrics.torproject.org_meronense.torproject.org_access.log_20170531.xz")]
    public async Task Publish_Samples_RecentFilesHaveTheNamesCollecTorGaveTheSamples(string path)
    {
        var listed = await samples.ScalarAsync<long>($"SELECT count(*) FROM collector_files WHERE path = 'recent/{path}'");

        Assert.Equal(1, listed);
    }

    [Theory]
    [InlineData("relay-descriptors/server-descriptors/", "-server-descriptors")]
    [InlineData("relay-descriptors/extra-infos/", "-extra-infos")]
    [InlineData("relay-descriptors/microdescs/micro/", "-micro-2017-03")]
    [InlineData("bridge-descriptors/server-descriptors/", "-server-descriptors")]
    [InlineData("bridge-descriptors/extra-infos/", "-extra-infos")]
    public async Task Publish_Samples_PerRunKindsAreConcatenatedIntoOneFileNamedByTheRun(string directory, string suffix)
    {
        var started = await samples.ScalarAsync<DateTime>($"SELECT started_at FROM collector_runs WHERE id = {samples.Publication.RunId}");
        var expected = $"recent/{directory}{started:yyyy-MM-dd-HH-mm}-00{suffix}";

        var documents = await samples.ScalarAsync<int>($"SELECT documents FROM collector_files WHERE path = '{expected}'");

        Assert.True(documents > 1, $"{expected} holds {documents} documents");
        Assert.Matches(new Regex(@"\d{4}-\d\d-\d\d-\d\d-\d\d-00-"), expected);
    }

    [Fact]
    public async Task Publish_Samples_ArchiveEntriesFollowTheLayoutOfCollecTorTarballSamples()
    {
        var tarballDirectories = new Dictionary<string, string>
        {
            ["server-descriptors"] = "relay-descriptors/server-descriptors",
            ["extra-infos"] = "relay-descriptors/extra-infos",
            ["bridge-server-descriptors"] = "bridge-descriptors/server-descriptors",
            ["bridge-extra-infos"] = "bridge-descriptors/extra-infos",
        };
        var checkedEntries = 0;
        string[] folders = ["server-descriptor", "extra-info", "bridge-server-descriptor", "bridge-extra-info"];
        foreach (var sample in folders.SelectMany(folder => SampleFiles.FilesUnder(folder + "/archive-layout")))
        {
            var inner = sample[(sample.IndexOf("archive-layout/", StringComparison.Ordinal) + "archive-layout/".Length)..];
            var stem = inner[..inner.IndexOf('/', StringComparison.Ordinal)];
            var prefix = stem[..^"-YYYY-MM".Length];
            var tarball = $"archive/{tarballDirectories[prefix]}/{stem}.tar.xz";

            var found = await samples.ScalarAsync<long>(
                $"SELECT count(*) FROM archive_entries WHERE tarball = '{tarball}' AND entry_name = '{inner}'");

            Assert.True(found == 1, $"{inner} is not in {tarball}");
            checkedEntries++;
        }

        Assert.Equal(12, checkedEntries);
    }

    [Fact]
    public async Task Publish_Samples_MicrodescriptorsGoIntoTheMonthOfTheConsensusesReferencingThem()
    {
        var referenced = await samples.ScalarAsync<long>("""
            SELECT count(DISTINCT e.microdescriptor_digest) FROM status_entries e JOIN network_statuses s ON s.id = e.status_id
            WHERE s.flavor = 'microdesc' AND NOT s.is_vote AND s.valid_after >= '2017-03-01' AND s.valid_after < '2017-04-01'
            """);
        var inTarball = await samples.ScalarAsync<long>("""
            SELECT count(*) FROM archive_entries a JOIN raw_documents r ON r.sha256 = a.document_sha256
            WHERE a.tarball = 'archive/relay-descriptors/microdescs/microdescs-2017-03.tar.xz' AND r.kind = 'microdescriptor'
            """);
        var referencedAndInTarball = await samples.ScalarAsync<long>("""
            SELECT count(*) FROM (
                SELECT DISTINCT e.microdescriptor_digest AS digest FROM status_entries e JOIN network_statuses s ON s.id = e.status_id
                WHERE s.flavor = 'microdesc' AND NOT s.is_vote AND s.valid_after >= '2017-03-01' AND s.valid_after < '2017-04-01') d
            JOIN archive_entries a ON a.document_sha256 = d.digest AND a.tarball = 'archive/relay-descriptors/microdescs/microdescs-2017-03.tar.xz'
            WHERE a.entry_name LIKE 'microdescs-2017-03/micro/%'
            """);

        Assert.Equal(7326, referenced);
        Assert.Equal(referenced, inTarball);
        Assert.Equal(referenced, referencedAndInTarball);
    }

    [Fact]
    public void Build_ConsensusTarball_HoldsCollecTorInnerPathsAndTheAnnotatedSampleBytes()
    {
        var entries = ReadTarball("archive/relay-descriptors/consensuses/consensuses-2020-02.tar.xz");

        Assert.Equal(
            ["consensuses-2020-02/", "consensuses-2020-02/29/", "consensuses-2020-02/29/2020-02-29-10-00-00-consensus",
             "consensuses-2020-02/29/2020-02-29-11-00-00-consensus"],
            entries.Select(e => e.Name).ToArray());
        // The sample is a CollecTor file: its @type line and bytes come back exactly.
        Assert.Equal(SampleFiles.Read("network-status-consensus-3/2020-02-29-11-00-00-consensus"), entries[3].Content);
    }

    [Fact]
    public async Task PublishAndBuild_NothingNew_PlaceNothingAndLeaveEveryListingAlone()
    {
        var before = await ListingAsync();

        var publication = await new CollecTorPublisher(samples.DataSource, samples.Options, TimeProvider.System).PublishAsync(null, CancellationToken.None);
        var build = await new ArchiveBuilder(samples.DataSource, samples.Options, TimeProvider.System).BuildStaleAsync(null, CancellationToken.None);

        Assert.Equal(0, publication.DocumentsPlaced);
        Assert.Equal(0, build.TarballsBuilt);
        Assert.Equal(before, await ListingAsync());
        Assert.True(samples.Build.TarballsBuilt > 50, $"only {samples.Build.TarballsBuilt} tarballs");
    }

    private async Task<string> ListingAsync() => await samples.ScalarAsync<string>(
        "SELECT string_agg(path || ' ' || encode(sha256, 'hex'), E'\\n' ORDER BY path) FROM collector_files");

    private List<(string Name, byte[] Content)> ReadTarball(string path)
    {
        var file = Directory.EnumerateFiles(Path.Combine(samples.CacheDirectory, Path.GetDirectoryName(path)!), Path.GetFileName(path) + ".*").Single();
        using var xz = Decompressor.StartStreaming("xz", file);
        using var reader = new TarReader(xz.StandardOutput.BaseStream);
        var entries = new List<(string, byte[])>();
        while (reader.GetNextEntry() is { } entry)
        {
            var content = new byte[entry.Length];
            entry.DataStream?.ReadExactly(content);
            entries.Add((entry.Name, content));
        }

        return entries;
    }
}
