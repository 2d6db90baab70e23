using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.CollecTor.Layout;
using TorMetrics.Domain.CollecTor.Serving;

namespace TorMetrics.Domain.CollecTor.Publishing;

/// <summary>
/// Publishes what the archive holds in CollecTor's layout. A run places the documents first seen since the previous
/// run (our "collection run": CollecTor's per-run files are this run's files), lists the recent/ files it added to,
/// and drops recent/ files whose run left the window. Tarballs are built separately (<see cref="ArchiveBuilder"/>)
/// because that is slow. Runs are serialized across instances by an advisory lock.
/// </summary>
public sealed class CollecTorPublisher(NpgsqlDataSource dataSource, IOptions<CollecTorServingOptions> options, TimeProvider clock)
{
    private const long LockKey = 0x746d636f6c6c6563; // "tmcollec"

    public async Task<PublicationReport> PublishAsync(IProgress<PublicationProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            var run = await StartRunAsync(connection, cancellationToken);
            var estimate = await CountCandidatesAsync(connection, run, cancellationToken);
            var placed = await new DocumentPlacer(connection).PlaceAsync(
                run, n => progress?.Report(new PublicationProgress("placing documents", n, Math.Max(n, estimate), stopwatch.Elapsed)),
                cancellationToken);

            var removed = await ExpireAsync(connection, run, cancellationToken);
            var touched = await PathsOfRunAsync(connection, run, cancellationToken);
            touched.UnionWith(removed);
            int written = 0, dropped = 0, done = 0;
            foreach (var path in touched.Order(StringComparer.Ordinal))
            {
                if (await UpdateListingAsync(connection, run, path, cancellationToken))
                {
                    written++;
                }
                else
                {
                    dropped++;
                }

                progress?.Report(new PublicationProgress("recent files", ++done, touched.Count, stopwatch.Elapsed));
            }

            await FinishRunAsync(connection, run, placed, written, cancellationToken);
            return new PublicationReport(run.Id, placed, written, dropped, stopwatch.Elapsed);
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private async Task<PublicationRun> StartRunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var previous = new NpgsqlCommand("SELECT max(started_at) FROM collector_runs WHERE finished_at IS NOT NULL", connection);
        var last = await previous.ExecuteScalarAsync(cancellationToken) as DateTime?;
        var from = last is { } l ? l - options.Value.LateCommitAllowance : DateTime.UnixEpoch;

        await using var insert = new NpgsqlCommand("INSERT INTO collector_runs (started_at) VALUES ($1) RETURNING id", connection);
        insert.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, now);
        var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        return new PublicationRun(id, now, from, now - TimeSpan.FromHours(options.Value.RecentHours));
    }

    private static async Task<long> CountCandidatesAsync(NpgsqlConnection connection, PublicationRun run, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM raw_documents WHERE first_seen >= $1 AND first_seen < $2", connection);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, run.From);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, run.Start);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // recent/ holds what runs of the last RecentHours placed (CollecTor deletes recent files older than 72 hours).
    private static async Task<HashSet<string>> ExpireAsync(NpgsqlConnection connection, PublicationRun run, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            DELETE FROM recent_entries
            WHERE run_id IN (SELECT id FROM collector_runs WHERE started_at < $1)
            RETURNING path
            """, connection);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, run.RecentStart);
        return await ReadPathsAsync(command, cancellationToken);
    }

    private static async Task<HashSet<string>> PathsOfRunAsync(NpgsqlConnection connection, PublicationRun run, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT DISTINCT path FROM recent_entries WHERE run_id = $1", connection);
        command.Parameters.AddWithValue(run.Id);
        return await ReadPathsAsync(command, cancellationToken);
    }

    /// <summary>Recomputes one recent/ file's listing from its documents; false when it has none left and was dropped.</summary>
    private static async Task<bool> UpdateListingAsync(NpgsqlConnection connection, PublicationRun run, string path, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var digest = new DigestingStream();
        var documents = await RecentFileContent.WriteAsync(connection, path, run.Id, digest, cancellationToken);
        if (documents == 0)
        {
            await using var delete = new NpgsqlCommand("DELETE FROM collector_files WHERE path = $1", connection, transaction);
            delete.Parameters.AddWithValue(path);
            await delete.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        await using var upsert = new NpgsqlCommand("""
            WITH entries AS (SELECT * FROM recent_entries WHERE path = $1 AND run_id <= $6)
            INSERT INTO collector_files (path, size, sha256, last_modified, types, first_published, last_published, documents, through_run_id)
            SELECT $1, $2, $3, $4,
                   (SELECT coalesce(array_agg(t ORDER BY t COLLATE "C"), '{}')
                    FROM (SELECT DISTINCT substr(type_annotation, 7) AS t FROM entries WHERE type_annotation IS NOT NULL) types),
                   (SELECT min(published) FROM entries), (SELECT max(published) FROM entries), $5, $6
            ON CONFLICT (path) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256, last_modified = excluded.last_modified,
                types = excluded.types, first_published = excluded.first_published, last_published = excluded.last_published,
                documents = excluded.documents, through_run_id = excluded.through_run_id
            """, connection, transaction);
        upsert.Parameters.AddWithValue(path);
        upsert.Parameters.AddWithValue(digest.BytesWritten);
        upsert.Parameters.AddWithValue(digest.Sha256());
        upsert.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, run.Start);
        upsert.Parameters.AddWithValue(documents);
        upsert.Parameters.AddWithValue(run.Id);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task FinishRunAsync(NpgsqlConnection connection, PublicationRun run, long placed, int written, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE collector_runs SET finished_at = $2, documents_placed = $3, recent_files = $4 WHERE id = $1", connection);
        command.Parameters.AddWithValue(run.Id);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, clock.GetUtcNow().UtcDateTime);
        command.Parameters.AddWithValue(placed);
        command.Parameters.AddWithValue(written);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<HashSet<string>> ReadPathsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            paths.Add(reader.GetString(0));
        }

        return paths;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
