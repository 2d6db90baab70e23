using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TorMetrics.Domain.CollecTor;
using TorMetrics.Domain.Import;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.CollecTor;

/// <summary>index.json against CollecTor's format (collector.md §1.7), and against the files it describes.</summary>
[Collection(PublishedSamplesCollection.Name)]
public sealed partial class CollecTorIndexTests(PublishedSamplesFixture samples) : IAsyncLifetime
{
    private static readonly string[] RootFields = ["index_created", "build_revision", "path", "files", "directories"];
    private static readonly string[] DirectoryFields = ["path", "files", "directories"];
    private static readonly string[] FileFields = ["path", "size", "last_modified", "types", "first_published", "last_published", "sha256"];

    private TorMetricsWebFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new TorMetricsWebFactory(samples.ConnectionString, samples.WebSettings);
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task IndexJson_HasEveryFieldCollecTorWrites_InItsFormats()
    {
        using var index = JsonDocument.Parse(await _client.GetByteArrayAsync("/index/index.json"));
        var root = index.RootElement;

        Assert.Empty(Names(root).Except(RootFields));
        Assert.Matches(MinuteTimestamp(), root.GetProperty("index_created").GetString());
        Assert.Matches("^[0-9a-f]{7}$", root.GetProperty("build_revision").GetString());
        Assert.Equal("http://localhost", root.GetProperty("path").GetString());
        Assert.False(root.TryGetProperty("files", out _));
        Assert.Equal(["archive", "recent"], root.GetProperty("directories").EnumerateArray().Select(d => d.GetProperty("path").GetString()));

        var files = Files(root, "").ToList();
        Assert.Equal(await samples.ScalarAsync<long>("SELECT count(*) FROM collector_files"), files.Count);
        foreach (var (path, file) in files)
        {
            Assert.Empty(Names(file).Except(FileFields));
            Assert.True(file.GetProperty("size").GetInt64() > 0, path);
            Assert.Matches(MinuteTimestamp(), file.GetProperty("last_modified").GetString());
            Assert.Equal(44, file.GetProperty("sha256").GetString()!.Length);
            Assert.Equal(32, Convert.FromBase64String(file.GetProperty("sha256").GetString()!).Length);

            // Only OnionPerf analyses and web logs carry no @type; only pure microdescriptor files have no publication time.
            var annotated = !path.Contains("/onionperf/", StringComparison.Ordinal) && !path.Contains("/webstats/", StringComparison.Ordinal);
            Assert.True(annotated == file.TryGetProperty("types", out var types), $"{path}: types");
            if (annotated)
            {
                var names = types.EnumerateArray().Select(t => t.GetString()!).ToList();
                Assert.NotEmpty(names);
                Assert.Equal(names.Order(StringComparer.Ordinal), names);
                Assert.All(names, n => Assert.Matches(@"^[a-z0-9-]+ \d+\.\d+$", n));
            }

            Assert.Equal(file.TryGetProperty("first_published", out var first), file.TryGetProperty("last_published", out var last));
            if (file.TryGetProperty("first_published", out first))
            {
                Assert.Matches(MinuteTimestamp(), first.GetString());
                Assert.True(string.CompareOrdinal(first.GetString(), last.GetString()) <= 0, path);
            }
            else
            {
                // Only microdescriptors, and documents we could not read, have no publication time to report.
                var entries = path.StartsWith("recent/", StringComparison.Ordinal) ? "recent_entries e WHERE e.path" : "archive_entries e WHERE e.tarball";
                Assert.True(0 == await samples.ScalarAsync<long>($"""
                    SELECT count(*) FROM raw_documents r WHERE r.sha256 IN (SELECT e.document_sha256 FROM {entries} = '{path}')
                      AND r.kind <> 'microdescriptor' AND r.parse_status = 'Parsed'
                    """), $"{path} has datable documents but no first_published");
            }
        }
    }

    [Fact]
    public async Task IndexJson_SizeDigestAndTypesDescribeExactlyTheFilesServed()
    {
        var index = CollecTorIndex.Parse(await _client.GetByteArrayAsync("/index/index.json"));
        var listed = index.AllFiles().ToList();

        foreach (var (path, file) in listed)
        {
            var bytes = await _client.GetByteArrayAsync("/" + path);
            Assert.True(file.Size == bytes.Length, $"{path}: listed {file.Size} bytes, served {bytes.Length}");
            Assert.Equal(file.Sha256, Convert.ToBase64String(SHA256.HashData(bytes)));
            if (!path.EndsWith(".xz", StringComparison.Ordinal) && !path.EndsWith(".tar", StringComparison.Ordinal))
            {
                var found = Encoding.ASCII.GetString(bytes).Split('\n')
                    .Where(l => l.StartsWith("@type ", StringComparison.Ordinal)).Select(l => l[6..]).Distinct().Order(StringComparer.Ordinal);
                Assert.Equal(file.Types ?? [], found);
            }
        }

        Assert.Contains(listed, f => f.RelativePath.StartsWith("archive/", StringComparison.Ordinal));
        Assert.Contains(listed, f => f.RelativePath.StartsWith("recent/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Head_IndexRecentAndArchiveFiles_SameHeadersAsGetWithoutBody()
    {
        var index = CollecTorIndex.Parse(await _client.GetByteArrayAsync("/index/index.json"));
        var files = index.AllFiles().ToList();
        string[] paths =
        [
            "index/index.json",
            files.First(f => f.RelativePath.StartsWith("recent/", StringComparison.Ordinal)).RelativePath,
            files.First(f => f.RelativePath.StartsWith("archive/", StringComparison.Ordinal)).RelativePath,
        ];

        foreach (var path in paths)
        {
            using var get = await _client.GetAsync("/" + path);
            using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/" + path));

            Assert.True(head.StatusCode == System.Net.HttpStatusCode.OK, $"HEAD /{path}: {(int)head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
            Assert.Equal(get.Content.Headers.LastModified, head.Content.Headers.LastModified);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task IndexJsonGzBz2AndXz_AreTheSameIndexCompressed()
    {
        var json = await _client.GetByteArrayAsync("/index/index.json");
        var gzip = await _client.GetByteArrayAsync("/index/index.json.gz");
        var xz = await _client.GetByteArrayAsync("/index/index.json.xz");
        var bzip2 = await _client.GetByteArrayAsync("/index/index.json.bz2");

        using var gunzip = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        var fromGzip = new MemoryStream();
        await gunzip.CopyToAsync(fromGzip);
        Assert.Equal(json, fromGzip.ToArray());
        Assert.Equal(Compression.Xz, Decompressor.Detect(xz));
        Assert.Equal(json, Decompressor.Decompress(xz, Compression.Xz));
        Assert.Equal(Compression.Bzip2, Decompressor.Detect(bzip2));
        Assert.Equal(json, Decompressor.Decompress(bzip2, Compression.Bzip2));
    }

    [Fact]
    public async Task IndexModel_ReadsOursAndMetricsLibSampleAlike()
    {
        var ours = CollecTorIndex.Parse(await _client.GetByteArrayAsync("/index/index.json"));
        var sample = CollecTorIndex.Parse(SampleFiles.Read("collector-index/index1.json"));

        Assert.Equal(3, sample.AllFiles().Count());
        Assert.All(ours.AllFiles(), f => Assert.NotNull(f.File.Sha256));
        Assert.DoesNotContain("\\u002B", Encoding.UTF8.GetString(await _client.GetByteArrayAsync("/index/index.json")), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name);

    private static IEnumerable<(string Path, JsonElement File)> Files(JsonElement directory, string prefix)
    {
        if (directory.TryGetProperty("files", out var files))
        {
            foreach (var file in files.EnumerateArray())
            {
                yield return (prefix + file.GetProperty("path").GetString(), file);
            }
        }

        if (directory.TryGetProperty("directories", out var directories))
        {
            foreach (var child in directories.EnumerateArray())
            {
                Assert.Empty(Names(child).Except(DirectoryFields));
                foreach (var entry in Files(child, prefix + child.GetProperty("path").GetString() + "/"))
                {
                    yield return entry;
                }
            }
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")]
    private static partial Regex MinuteTimestamp();
}
