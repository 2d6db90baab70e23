using System.Data;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.CollecTor.Serving;

namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>
/// Builds the archive/ tarballs that gained documents since their last build (or were never built, or whose built
/// file this instance lacks) into the cache directory, and lists them. Building is slow (xz -9e), so it runs on its
/// own schedule; until a tarball is rebuilt, the previous build stays listed and served. One build at a time across
/// instances (advisory lock).
/// </summary>
public sealed class ArchiveBuilder(NpgsqlDataSource dataSource, IOptions<CollecTorServingOptions> options, TimeProvider clock)
{
    private const long LockKey = 0x746d617263686976; // "tmarchiv"

    public async Task<ArchiveBuildReport> BuildStaleAsync(IProgress<PublicationProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
        {
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var stale = await StaleTarballsAsync(connection, cancellationToken);
            int built = 0;
            long documents = 0, bytes = 0;
            foreach (var tarball in stale)
            {
                var result = await new TarballWriter(dataSource, options.Value, clock).BuildAsync(
                    tarball,
                    (done, total) => progress?.Report(new PublicationProgress(
                        $"{tarball} ({built + 1}/{stale.Count})", done, total, stopwatch.Elapsed)),
                    cancellationToken);
                built++;
                documents += result.Documents;
                bytes += result.Size;
            }

            return new ArchiveBuildReport(built, documents, bytes, stopwatch.Elapsed);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<List<string>> StaleTarballsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var cache = Path.GetFullPath(options.Value.CacheDirectory);
        await using var command = new NpgsqlCommand("""
            SELECT t.path, t.version > t.built_version OR f.path IS NULL, f.sha256
            FROM archive_tarballs t LEFT JOIN collector_files f ON f.path = t.path
            ORDER BY t.path COLLATE "C"
            """, connection);
        var stale = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var path = reader.GetString(0);
            var missingHere = !reader.IsDBNull(2)
                && !File.Exists(Path.Combine(cache, path + "." + Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(2))[..16]));
            if (reader.GetBoolean(1) || missingHere)
            {
                stale.Add(path);
            }
        }

        return stale;
    }
}
