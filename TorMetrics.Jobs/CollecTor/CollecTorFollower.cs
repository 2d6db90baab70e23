using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;
using TorMetrics.Domain.CollecTor;
using TorMetrics.Domain.Import;

namespace TorMetrics.Jobs.CollecTor;

/// <summary>
/// Follows a CollecTor instance: reads its index, downloads only the files not imported yet (by URL), checks each
/// download against the index's size and SHA-256, and imports it through the ordinary import path.
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

        var known = await KnownLocationsAsync(wanted.Select(w => w.Url).ToArray(), cancellationToken);
        var missing = wanted.Where(w => !known.Contains(w.Url)).ToList();
        var units = missing.Select(w => new ImportUnit(w.Url, w.File.Size, ct => DownloadAsync(w.Url, w.File, ct))).ToList();
        var report = await importer.ImportAsync(units, "collector", baseUrl, progress, cancellationToken);
        return new CollecTorSyncReport(wanted.Count, missing.Count, report);
    }

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

    private async Task<HashSet<string>> KnownLocationsAsync(string[] urls, CancellationToken cancellationToken)
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
}

/// <summary>How many files the followed paths list, how many were new, and what importing them did.</summary>
public sealed record CollecTorSyncReport(int FilesListed, int FilesNew, ImportReport Import);
