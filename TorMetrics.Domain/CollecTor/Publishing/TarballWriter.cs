using System.Data;
using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.CollecTor.Serving;

namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>Writes one tarball from the archive: a GNU tar of its entries in name order, through xz, into the cache.</summary>
internal sealed class TarballWriter(NpgsqlDataSource dataSource, CollecTorServingOptions options, TimeProvider clock)
{
    public async Task<PublishedFile> BuildAsync(string tarball, Action<long, long> progress, CancellationToken cancellationToken)
    {
        var cache = Path.GetFullPath(options.CacheDirectory);
        var target = Path.Combine(cache, tarball);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".tmp-" + Guid.NewGuid().ToString("N");

        long version;
        TarballSummary summary;
        DigestingStream digest;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            // One snapshot for the version, the summary and the entries: the version recorded is exactly what was built.
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            version = await ReadVersionAsync(connection, tarball, cancellationToken);
            summary = await SummarizeAsync(connection, tarball, cancellationToken);
            try
            {
                await using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                digest = new DigestingStream(file);
                if (tarball.EndsWith(".xz", StringComparison.Ordinal))
                {
                    await using var xz = XzProcess.Start(digest, options.ArchiveXzPreset, cancellationToken);
                    await TarballContent.WriteAsync(connection, tarball, xz.Input, n => progress(n, summary.Entries), cancellationToken);
                    await xz.CompleteAsync(cancellationToken);
                }
                else
                {
                    await TarballContent.WriteAsync(connection, tarball, digest, n => progress(n, summary.Entries), cancellationToken);
                }

                await file.FlushAsync(cancellationToken);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var built = new PublishedFile(tarball, digest.BytesWritten, digest.Sha256(), clock.GetUtcNow().UtcDateTime, summary.Types,
            summary.FirstPublished, summary.LastPublished, summary.Documents, null);
        File.Move(temporary, Path.Combine(cache, built.CacheFileName), overwrite: true);
        await RecordAsync(built, version, cancellationToken);
        RemoveOlderBuilds(cache, built);
        return built;
    }

    private static async Task<long> ReadVersionAsync(NpgsqlConnection connection, string tarball, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM archive_tarballs WHERE path = $1", connection);
        command.Parameters.AddWithValue(tarball);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<TarballSummary> SummarizeAsync(NpgsqlConnection connection, string tarball, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT count(*), count(DISTINCT document_sha256), min(published), max(published),
                   (SELECT coalesce(array_agg(t ORDER BY t COLLATE "C"), '{}') FROM (
                       SELECT DISTINCT substr(type_annotation, 7) AS t FROM archive_entries
                       WHERE tarball = $1 AND type_annotation IS NOT NULL) types)
            FROM archive_entries WHERE tarball = $1
            """, connection);
        command.Parameters.AddWithValue(tarball);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TarballSummary(
            reader.GetInt64(0),
            (int)reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetDateTime(2),
            reader.IsDBNull(3) ? null : reader.GetDateTime(3),
            reader.GetFieldValue<string[]>(4));
    }

    private async Task RecordAsync(PublishedFile file, long version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO collector_files (path, size, sha256, last_modified, types, first_published, last_published, documents)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (path) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256, last_modified = excluded.last_modified,
                types = excluded.types, first_published = excluded.first_published, last_published = excluded.last_published,
                documents = excluded.documents
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue(file.Path);
            upsert.Parameters.AddWithValue(file.Size);
            upsert.Parameters.AddWithValue(file.Sha256);
            upsert.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, file.LastModified);
            upsert.Parameters.AddWithValue(file.Types.ToArray());
            upsert.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)file.FirstPublished ?? DBNull.Value);
            upsert.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)file.LastPublished ?? DBNull.Value);
            upsert.Parameters.AddWithValue(file.Documents);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        // Documents placed while this build ran raised the version past what was built: the tarball stays stale.
        await using (var update = new NpgsqlCommand("UPDATE archive_tarballs SET built_version = $2 WHERE path = $1", connection, transaction))
        {
            update.Parameters.AddWithValue(file.Path);
            update.Parameters.AddWithValue(version);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    // A request that opened the previous build keeps reading it after the unlink.
    private static void RemoveOlderBuilds(string cache, PublishedFile current)
    {
        var target = Path.Combine(cache, current.Path);
        var keep = Path.Combine(cache, current.CacheFileName);
        foreach (var old in Directory.EnumerateFiles(Path.GetDirectoryName(target)!, Path.GetFileName(target) + ".*"))
        {
            if (!string.Equals(old, keep, StringComparison.Ordinal) && !old.Contains(".tmp-", StringComparison.Ordinal))
            {
                File.Delete(old);
            }
        }
    }

    private sealed record TarballSummary(long Entries, int Documents, DateTime? FirstPublished, DateTime? LastPublished, string[] Types);
}
