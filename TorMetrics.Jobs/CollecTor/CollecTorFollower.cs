using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;
using TorMetrics.Domain.CollecTor;
using TorMetrics.Domain.Import;

namespace TorMetrics.Jobs.CollecTor;

/// <summary>
/// Follows a CollecTor instance: reads its index, downloads only the files not imported yet or changed since (by URL
/// and the index's SHA-256), checks each download against the index's size and SHA-256, and imports it through the
/// ordinary import path, which adds only the documents not archived yet.
/// </summary>
public sealed class CollecTorFollower(
    HttpClient http,
    NpgsqlDataSource dataSource,
    DescriptorImporter importer,
    IOptions<CollecTorOptions> options)
{
    public async Task<CollecTorSyncReport> SyncAsync(IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var baseUrl = options.Value.BaseUrl?.TrimEnd('/')
            ?? throw new InvalidOperationException("CollecTor:BaseUrl is not configured.");
        var index = CollecTorIndex.Parse(await http.GetByteArrayAsync(new Uri(baseUrl + "/index/index.json"), cancellationToken));
        var wanted = index.AllFiles()
            .Where(f => options.Value.Paths.Any(p => f.RelativePath.StartsWith(p, StringComparison.Ordinal)))
            .Select(f => (Url: baseUrl + "/" + f.RelativePath, f.File))
            .ToList();

        var urls = wanted.Select(w => w.Url).ToArray();
        var followed = await FollowedVersionsAsync(urls, cancellationToken);
        // Files imported before versions were recorded count as current; from now on their versions are tracked.
        var imported = await ImportedLocationsAsync(urls.Where(u => !followed.ContainsKey(u)).ToArray(), cancellationToken);
        var adopted = wanted.Where(w => imported.Contains(w.Url)).ToList();
        var missing = wanted
            .Where(w => followed.TryGetValue(w.Url, out var version)
                ? !string.Equals(version, VersionOf(w.File), StringComparison.Ordinal)
                : !imported.Contains(w.Url))
            .ToList();
        var units = missing.Select(w => new ImportUnit(w.Url, w.File.Size, ct => DownloadAsync(w.Url, w.File, ct))).ToList();
        var report = await importer.ImportAsync(units, "collector", baseUrl, progress, cancellationToken);
        // Only after the whole import succeeded: a failed one is retried in full by the next run.
        await RecordVersionsAsync(missing.Concat(adopted).ToList(), cancellationToken);
        return new CollecTorSyncReport(wanted.Count, missing.Count, report);
    }

    private static string VersionOf(CollecTorFile file) =>
        file.Sha256 is { } sha256 ? "sha256:" + sha256 : FormattableString.Invariant($"size:{file.Size} modified:{file.LastModified}");

    private async Task<IEnumerable<SourceFile>> DownloadAsync(string url, CollecTorFile file, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "tormetrics-" + Guid.NewGuid().ToString("N"));
        await using (var target = File.Create(path))
        await using (var body = await http.GetStreamAsync(new Uri(url), cancellationToken))
        {
            await body.CopyToAsync(target, cancellationToken);
        }

        var length = new FileInfo(path).Length;
        if (length != file.Size)
        {
            File.Delete(path);
            throw new InvalidDataException($"{url}: downloaded {length} bytes, the index says {file.Size}.");
        }

        if (file.Sha256 is { } expected)
        {
            await using var stream = File.OpenRead(path);
            var actual = Convert.ToBase64String(await SHA256.HashDataAsync(stream, cancellationToken));
            if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                File.Delete(path);
                throw new InvalidDataException($"{url}: SHA-256 {actual} does not match the index's {expected}.");
            }
        }

        return ReadThenDelete(path, url);
    }

    private static IEnumerable<SourceFile> ReadThenDelete(string path, string url)
    {
        try
        {
            foreach (var source in SourceReader.Read(new FileInfo(path), url))
            {
                yield return source;
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<Dictionary<string, string>> FollowedVersionsAsync(string[] urls, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT url, version FROM collector_followed_files WHERE url = ANY($1)");
        command.Parameters.AddWithValue(urls);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetString(0)] = reader.GetString(1);
        }

        return versions;
    }

    // Archive members are recorded as URL!member, so the URL is the part before the first '!'.
    private async Task<HashSet<string>> ImportedLocationsAsync(string[] urls, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT DISTINCT split_part(location, '!', 1) FROM source_files WHERE split_part(location, '!', 1) = ANY($1)");
        command.Parameters.AddWithValue(urls);
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            known.Add(reader.GetString(0));
        }

        return known;
    }

    private async Task RecordVersionsAsync(List<(string Url, CollecTorFile File)> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO collector_followed_files (url, version, imported_at)
            SELECT f.url, f.version, now() FROM unnest($1::text[], $2::text[]) AS f(url, version)
            ON CONFLICT (url) DO UPDATE SET version = excluded.version, imported_at = excluded.imported_at
            """);
        command.Parameters.AddWithValue(files.Select(f => f.Url).ToArray());
        command.Parameters.AddWithValue(files.Select(f => VersionOf(f.File)).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>How many files the followed paths list, how many were new, and what importing them did.</summary>
public sealed record CollecTorSyncReport(int FilesListed, int FilesNew, ImportReport Import);
