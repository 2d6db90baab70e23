using Microsoft.Extensions.Options;
using TorMetrics.Domain.Bandwidth;
using TorMetrics.Domain.CollecTor.Publishing;
using TorMetrics.Domain.Import;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.CollecTor;

/// <summary>The 72-hour recent window and tarball rebuilds, on a database of its own driven by fixed clocks.</summary>
public sealed class RecentWindowTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private readonly string _cache = Path.Combine(Path.GetTempPath(), "tm-recent-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task PublishAndBuild_OverFourDays_RecentKeeps72HoursAndOnlyChangedTarballsAreRebuilt()
    {
        // An exit list first seen five days ago, then one now.
        await ImportAsync(Now.AddDays(-5), "tordnsel/2016-09-20-13-02-00");
        await ImportAsync(Now, "tordnsel/2017-07-17-17-02-00", "torperf/torperf-51200-2016-10-02.tpf");

        var first = await PublishAsync(Now);
        var built = await BuildAsync(Now);

        Assert.Equal(new[] { "recent/exit-lists/2017-07-17-17-02-00", "recent/torperf/torperf-51200-2016-10-02.tpf" }, await PathsAsync("recent/%"));
        Assert.Equal(
            new[] { "archive/exit-lists/exit-list-2016-09.tar.xz", "archive/exit-lists/exit-list-2017-07.tar.xz", "archive/torperf/torperf-2016-10.tar.xz" },
            await PathsAsync("archive/%"));
        Assert.Equal(3, built.TarballsBuilt);

        // A day later, more measurements of the same month arrive: only that month's tarball is rebuilt.
        var torperfBefore = await FileAsync("archive/torperf/torperf-2016-10.tar.xz");
        var exitListBefore = await FileAsync("archive/exit-lists/exit-list-2017-07.tar.xz");
        await ImportAsync(Now.AddDays(1), "torperf/moria-1048576-2016-10-05.tpf");
        var second = await PublishAsync(Now.AddDays(1));
        var rebuilt = await BuildAsync(Now.AddDays(1));

        var torperfAfter = await FileAsync("archive/torperf/torperf-2016-10.tar.xz");
        Assert.True(second.DocumentsPlaced > 0);
        Assert.NotEqual(torperfBefore.Sha256, torperfAfter.Sha256);
        Assert.True(torperfAfter.Documents > torperfBefore.Documents, $"{torperfAfter.Documents} <= {torperfBefore.Documents}");
        Assert.Equal(exitListBefore, await FileAsync("archive/exit-lists/exit-list-2017-07.tar.xz"));
        Assert.DoesNotContain("archive/exit-lists/", string.Join(' ', await RebuiltSinceAsync(Now.AddDays(1))), StringComparison.Ordinal);
        Assert.InRange(rebuilt.TarballsBuilt, 1, 2); // torperf-2016-10, plus this month's for the moria file's unreadable 0.9 lines
        Assert.Single(Directory.GetFiles(Path.Combine(_cache, "archive/torperf"), "torperf-2016-10.tar.xz.*"));

        // Three days after the first run its files leave recent/, the later run's stay; the archive keeps everything.
        var third = await PublishAsync(Now.AddHours(73));

        Assert.Equal(2, first.RecentFilesWritten);
        Assert.Equal(2, third.RecentFilesRemoved);
        var remaining = await PathsAsync("recent/%");
        Assert.Contains("recent/torperf/moria-1048576-2016-10-05.tpf", remaining);
        Assert.DoesNotContain("recent/exit-lists/2017-07-17-17-02-00", remaining);
        Assert.DoesNotContain("recent/torperf/torperf-51200-2016-10-02.tpf", remaining);
        Assert.Equal(0, await database.ScalarAsync<long>(
            "SELECT count(*) FROM raw_documents r WHERE kind <> 'unknown' AND NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.document_sha256 = r.sha256)"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    private IOptions<CollecTorServingOptions> Options => Microsoft.Extensions.Options.Options.Create(
        new CollecTorServingOptions { CacheDirectory = _cache, ArchiveXzPreset = "0" });

    private Task ImportAsync(DateTime firstSeen, params string[] samples) =>
        new DescriptorImporter(database.DataSource, new FixedTimeProvider(firstSeen)).ImportAsync(samples.Select(SampleFiles.PathOf).ToList(), "test");

    private Task<PublicationReport> PublishAsync(DateTime now) =>
        new CollecTorPublisher(database.DataSource, Options, new FixedTimeProvider(now.AddMinutes(1))).PublishAsync(null, CancellationToken.None);

    private Task<ArchiveBuildReport> BuildAsync(DateTime now) =>
        new ArchiveBuilder(database.DataSource, Options, new FixedTimeProvider(now.AddMinutes(2))).BuildStaleAsync(null, CancellationToken.None);

    private async Task<string[]> PathsAsync(string pattern) =>
        (await database.ScalarAsync<string?>($"SELECT string_agg(path, ' ' ORDER BY path) FROM collector_files WHERE path LIKE '{pattern}'"))
        ?.Split(' ') ?? [];

    private async Task<(string Sha256, int Documents)> FileAsync(string path)
    {
        var row = await database.ScalarAsync<string>($"SELECT encode(sha256, 'hex') || ' ' || documents FROM collector_files WHERE path = '{path}'");
        var parts = row.Split(' ');
        return (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<string[]> RebuiltSinceAsync(DateTime since) =>
        (await database.ScalarAsync<string?>(
            $"SELECT string_agg(path, ' ') FROM collector_files WHERE path LIKE 'archive/%' AND last_modified >= '{since:yyyy-MM-dd HH:mm:ss}+00'"))
        ?.Split(' ') ?? [];
}
