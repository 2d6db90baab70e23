using Npgsql;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.Import;

/// <summary>
/// One writer of the import pipeline, on a connection of its own: each batch is one transaction holding its files'
/// documents, their parsed rows and the files' completion marks. Several writers run at once, so that PostgreSQL
/// stores batches on every core; two transactions that archive the same new document meet at its primary key, where
/// the second waits for the first and is then retried, and then sees the document as archived.
/// </summary>
internal sealed class BatchWriter : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly TimeProvider _clock;
    private readonly long _runId;
    private readonly ArchiveWriter _archive;
    private readonly RelayDocumentWriter _parsed;

    private BatchWriter(NpgsqlConnection connection, TimeProvider clock, long runId)
    {
        _connection = connection;
        _clock = clock;
        _runId = runId;
        _archive = new ArchiveWriter(connection);
        _parsed = new RelayDocumentWriter(connection);
    }

    public static async Task<BatchWriter> OpenAsync(NpgsqlDataSource dataSource, TimeProvider clock, long runId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Every file is committed with its completion mark, and an import resumes from those marks: a crash that loses
        // the last commits only means those files are imported again, so waiting for each WAL flush buys nothing. The
        // reference checks keep each COPY's rows in memory until the statement ends (migration 0011); a batch's status
        // entries need more than the default 4 MB not to spill to disk.
        await using (var session = new NpgsqlCommand("SET synchronous_commit = off; SET work_mem = '64MB'", connection))
        {
            await session.ExecuteNonQueryAsync(cancellationToken);
        }

        return new BatchWriter(connection, clock, runId);
    }

    public async Task<BatchOutcome> WriteAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        var sources = batch.Sources.Where(s => s.Documents is not null).ToList();
        var alreadyImported = batch.Sources.Count - sources.Count;
        if (sources.Count == 0)
        {
            return new BatchOutcome(0, alreadyImported, 0, 0, 0);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await WriteOnceAsync(sources, cancellationToken);
                return outcome with { FilesSkipped = outcome.FilesSkipped + alreadyImported };
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                // Another transaction archived one of these documents (or files) first; the next attempt sees it stored.
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task<BatchOutcome> WriteOnceAsync(List<PreparedSource> sources, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        var ids = await InsertSourceFilesAsync(sources, now, cancellationToken);
        var files = new List<(long SourceFileId, List<ArchivedDocument> Documents)>();
        for (var i = 0; i < sources.Count; i++)
        {
            if (ids[i] is { } id)
            {
                files.Add((id, sources[i].Documents!));
            }
        }

        var newDocuments = files.Count == 0 ? [] : await _archive.WriteAsync(files, now, cancellationToken);
        await _parsed.WriteAsync(newDocuments.Where(d => d.Descriptor is not UnparseableDescriptor).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var documents = files.Sum(f => f.Documents.Count);
        return new BatchOutcome(files.Count, sources.Count - files.Count, newDocuments.Count, documents - newDocuments.Count,
            newDocuments.Count(d => d.Descriptor is UnparseableDescriptor));
    }

    /// <summary>
    /// Records the batch's source files with their completion marks; a file another import stored since the producer
    /// checked (or listed twice in this batch) gets no id and is skipped. Rows go in key order, as every writer's do,
    /// so that two writers inserting the same files wait for each other instead of deadlocking.
    /// </summary>
    private async Task<long?[]> InsertSourceFilesAsync(List<PreparedSource> sources, DateTime now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO source_files (location, sha256, size, documents, import_run_id, completed_at)
            SELECT u.location, u.sha256, u.size, u.documents, $5, $6
            FROM unnest($1::text[], $2::bytea[], $3::bigint[], $4::integer[]) AS u (location, sha256, size, documents)
            ORDER BY u.location, u.sha256
            ON CONFLICT (location, sha256) DO NOTHING
            RETURNING id, location, sha256
            """, _connection);
        insert.Parameters.AddWithValue(sources.Select(s => s.Source.Location).ToArray());
        insert.Parameters.AddWithValue(sources.Select(s => s.Sha256).ToArray());
        insert.Parameters.AddWithValue(sources.Select(s => (long)s.Source.Content.Length).ToArray());
        insert.Parameters.AddWithValue(sources.Select(s => s.Documents!.Count).ToArray());
        insert.Parameters.AddWithValue(_runId);
        insert.Parameters.AddWithValue(now);
        var inserted = new Dictionary<(string, string), long>();
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted[(reader.GetString(1), Convert.ToHexString(reader.GetFieldValue<byte[]>(2)))] = reader.GetInt64(0);
            }
        }

        return sources.Select(s => inserted.Remove((s.Source.Location, Convert.ToHexString(s.Sha256)), out var id) ? id : (long?)null).ToArray();
    }
}

/// <summary>What storing one batch did: files stored and skipped, and documents new, duplicate and unparseable.</summary>
internal readonly record struct BatchOutcome(int FilesImported, int FilesSkipped, long New, long Duplicate, long Unparseable);
