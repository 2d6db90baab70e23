using Microsoft.Extensions.Options;
using TorMetrics.Domain.Import;
using TorMetrics.Jobs.CollecTor;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Jobs;

public sealed class CollecTorFollowerTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly Dictionary<string, string> Recent = new()
    {
        ["recent/relay-descriptors/consensuses/2020-02-29-11-00-00-consensus"] = "network-status-consensus-3/2020-02-29-11-00-00-consensus",
        ["recent/relay-descriptors/server-descriptors/2020-02-29-10-05-00-server-descriptors"] = "server-descriptor/2020-02-29-10-05-00-server-descriptors",
        ["recent/exit-lists/2016-09-20-13-02-00"] = "tordnsel/2016-09-20-13-02-00",
    };

    private static readonly Dictionary<string, string[]> Archive = new()
    {
        ["archive/relay-descriptors/extra-infos/extra-infos-2016-10.tar.xz"] = ["extra-info/2016-10-02-08-05-00-extra-infos"],
    };

    [Fact]
    public async Task Sync_LocalInstance_ImportsEveryListedFileOnceAndVerifiesDigests()
    {
        await using var collector = await LocalCollecTor.StartAsync(Recent, Archive);
        using var http = new HttpClient();
        var follower = new CollecTorFollower(
            http,
            database.DataSource,
            new DescriptorImporter(database.DataSource, TimeProvider.System),
            Options.Create(new CollecTorOptions { BaseUrl = collector.BaseUrl, Paths = ["recent/", "archive/"] }));

        var first = await follower.SyncAsync(null, CancellationToken.None);
        var documents = await database.ScalarAsync<long>("SELECT count(*) FROM raw_documents");
        var second = await follower.SyncAsync(null, CancellationToken.None);

        Assert.Equal(4, first.FilesListed);
        Assert.Equal(4, first.FilesNew);
        Assert.True(first.Import.DocumentsNew > 587, $"only {first.Import.DocumentsNew} documents imported");
        Assert.Equal(0L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM source_files WHERE location NOT LIKE 'http://127.0.0.1:%'"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM network_statuses"));
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM extra_infos") > 0, "the archive tarball's extra-infos are missing");

        Assert.Equal(4, second.FilesListed);
        Assert.Equal(0, second.FilesNew);
        Assert.Equal(documents, await database.ScalarAsync<long>("SELECT count(*) FROM raw_documents"));
    }

    [Fact]
    public async Task Sync_TarballRebuiltWithMoreMembers_FetchesItAgainAndImportsOnlyTheNewDocuments()
    {
        const string tarball = "archive/relay-descriptors/extra-infos/extra-infos-2016-10.tar.xz";
        await using var collector = await LocalCollecTor.StartAsync(
            new Dictionary<string, string>(), new Dictionary<string, string[]> { [tarball] = ["extra-info/2016-10-02-08-05-00-extra-infos"] });
        using var http = new HttpClient();
        var follower = new CollecTorFollower(
            http,
            database.DataSource,
            new DescriptorImporter(database.DataSource, TimeProvider.System),
            Options.Create(new CollecTorOptions { BaseUrl = collector.BaseUrl, Paths = ["archive/"] }));
        await follower.SyncAsync(null, CancellationToken.None);
        var relayExtraInfos = await database.ScalarAsync<long>("SELECT count(*) FROM extra_infos");
        var unchanged = await follower.SyncAsync(null, CancellationToken.None);
        // As after an upgrade: imported before versions were recorded, the file is taken as current and tracked.
        await database.ScalarAsync<long>("WITH d AS (DELETE FROM collector_followed_files RETURNING 1) SELECT count(*) FROM d");
        var adopted = await follower.SyncAsync(null, CancellationToken.None);
        var tracked = await database.ScalarAsync<long>("SELECT count(*) FROM collector_followed_files");

        collector.RebuildArchive(tarball, ["extra-info/2016-10-02-08-05-00-extra-infos", "bridge-extra-info/2016-10-02-08-09-00-extra-infos"]);
        var rebuilt = await follower.SyncAsync(null, CancellationToken.None);
        var again = await follower.SyncAsync(null, CancellationToken.None);

        Assert.Equal(0, unchanged.FilesNew);
        Assert.Equal(0, adopted.FilesNew);
        Assert.Equal(1L, tracked);
        Assert.Equal(1, rebuilt.FilesNew);
        // The member imported before is recognised by its location and digest and skipped whole.
        Assert.Equal(1, rebuilt.Import.FilesSkipped);
        Assert.Equal(1, rebuilt.Import.FilesImported);
        Assert.True(rebuilt.Import.DocumentsNew > 0, "the rebuilt tarball's new member was not imported");
        Assert.Equal(relayExtraInfos + rebuilt.Import.DocumentsNew, await database.ScalarAsync<long>("SELECT count(*) FROM extra_infos"));
        Assert.Equal(0, again.FilesNew);
    }

    [Fact]
    public async Task Sync_DownloadDiffersFromIndex_FailsWithoutImportingIt()
    {
        await using var collector = await LocalCollecTor.StartAsync(
            new Dictionary<string, string> { ["recent/exit-lists/2016-09-20-13-02-00"] = "tordnsel/2016-09-20-13-02-00" },
            new Dictionary<string, string[]>());
        // The file changes after the index was written: its size and digest no longer match.
        await File.AppendAllTextAsync(Path.Combine(collector.Root, "recent/exit-lists/2016-09-20-13-02-00"), "ExitNode 0\n");
        using var http = new HttpClient();
        var follower = new CollecTorFollower(
            http,
            database.DataSource,
            new DescriptorImporter(database.DataSource, TimeProvider.System),
            Options.Create(new CollecTorOptions { BaseUrl = collector.BaseUrl }));
        var before = await database.ScalarAsync<long>("SELECT count(*) FROM source_files");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => follower.SyncAsync(null, CancellationToken.None));

        Assert.Contains("the index says", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await database.ScalarAsync<long>("SELECT count(*) FROM source_files"));
    }
}
