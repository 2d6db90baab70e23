using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Npgsql;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Imports files, directories, tor data directories and CollecTor trees into the archive. Source files are stored in
/// batches, one transaction each, that hold every file's documents, their parsed rows and the files' completion marks
/// together, so an import that is killed resumes where it stopped and a repeated import adds nothing.
/// Reading, decompressing, parsing and hashing run on one thread while the database writes run on another: on a
/// two-core machine this keeps both the parser and PostgreSQL busy.
/// </summary>
public sealed class DescriptorImporter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // Statements per batch are fixed (about ten), so a batch of many small files costs what one large file does.
    // A batch closes when the writer has nothing queued (so it never waits for a batch to fill) or at whichever limit
    // comes first; the limits bound memory and the work a kill throws away.
    private const int BatchBytes = 4 << 20;
    private const int BatchFiles = 2_000;
    private const int PreparedBatchesAhead = 2;

    public Task<ImportReport> ImportAsync(
        IReadOnlyList<string> paths,
        string origin,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var files = SourcePlanner.Plan(paths);
        var units = files.Select(f => new ImportUnit(f.FullName, f.Length, _ => Task.FromResult(SourceReader.Read(f)))).ToList();
        return ImportAsync(units, origin, string.Join('\n', paths), progress, cancellationToken);
    }

    /// <summary>
    /// Imports units that produce their source files when asked (a local file, or a download): the producer side
    /// of the pipeline opens them one at a time, so a long list of downloads never sits in memory at once.
    /// </summary>
    public async Task<ImportReport> ImportAsync(
        IReadOnlyList<ImportUnit> units,
        string origin,
        string description,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var runId = await StartRunAsync(origin, description, units.Count, cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        var totals = new Totals();
        var bytesTotal = units.Sum(f => f.Size);
        try
        {
            var prepared = Channel.CreateBounded<ImportBatch>(PreparedBatchesAhead);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var producer = Task.Run(() => PrepareAllAsync(units, prepared, stop.Token), stop.Token);
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

                // Every file is committed with its completion mark, and an import resumes from those marks: a crash
                // that loses the last commits only means those files are imported again, so waiting for each WAL
                // flush buys nothing. The reference checks keep each COPY's rows in memory until the statement ends
                // (migration 0011); a batch's status entries need more than the default 4 MB not to spill to disk.
                await using (var session = new NpgsqlCommand("SET synchronous_commit = off; SET work_mem = '64MB'", connection))
                {
                    await session.ExecuteNonQueryAsync(cancellationToken);
                }

                var archive = new ArchiveWriter(connection);
                var parsed = new RelayDocumentWriter(connection);
                await foreach (var batch in prepared.Reader.ReadAllAsync(cancellationToken))
                {
                    foreach (var item in batch.Sources)
                    {
                        totals.BytesRead += item.Source.CompressedSize;
                        totals.FilesSkipped += item.Documents is null ? 1 : 0;
                    }

                    await WriteWithRetryAsync(connection, archive, parsed, batch, runId, totals, cancellationToken);
                    progress?.Report(new ImportProgress(batch.UnitsDone, units.Count, totals.BytesRead, bytesTotal,
                        totals.New, totals.Duplicate, totals.Unparseable, stopwatch.Elapsed, batch.Sources[^1].Source.Location));
                }
            }
            finally
            {
                await stop.CancelAsync();
                await producer.ContinueWith(_ => { }, TaskScheduler.Default);
            }

            // Reading errors (a corrupt tarball) surface here, after everything readable was stored.
            await producer;
            await FinishRunAsync(runId, "Succeeded", totals, null);
        }
        catch (OperationCanceledException)
        {
            await FinishRunAsync(runId, "Interrupted", totals, "The import was cancelled; run it again to resume.");
            throw;
        }
        catch (Exception e)
        {
            await FinishRunAsync(runId, "Failed", totals, e.Message);
            throw;
        }

        return new ImportReport(runId, totals.FilesImported, totals.FilesSkipped, totals.New, totals.Duplicate,
            totals.Unparseable, totals.BytesRead, stopwatch.Elapsed);
    }

    private async Task PrepareAllAsync(IReadOnlyList<ImportUnit> units, Channel<ImportBatch> batches, CancellationToken cancellationToken)
    {
        var writer = batches.Writer;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var pending = new List<(SourceFile Source, byte[] Sha256)>();
            long pendingBytes = 0;
            for (var index = 0; index < units.Count; index++)
            {
                foreach (var source in await units[index].OpenAsync(cancellationToken))
                {
                    if (pending.Count > 0 && (batches.Reader.Count == 0 || pending.Count >= BatchFiles || pendingBytes >= BatchBytes))
                    {
                        // Every unit before this one has been read whole.
                        await writer.WriteAsync(await PrepareBatchAsync(connection, pending, index, cancellationToken), cancellationToken);
                        pending = [];
                        pendingBytes = 0;
                    }

                    pending.Add((source, SHA256.HashData(source.Content)));
                    pendingBytes += source.Content.Length;
                }
            }

            if (pending.Count > 0)
            {
                await writer.WriteAsync(await PrepareBatchAsync(connection, pending, units.Count, cancellationToken), cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }

    private static async Task<ImportBatch> PrepareBatchAsync(
        NpgsqlConnection connection, List<(SourceFile Source, byte[] Sha256)> files, int unitsDone, CancellationToken cancellationToken)
    {
        var imported = await FindImportedAsync(connection, files, cancellationToken);
        var sources = files.Select((f, i) => new PreparedSource(f.Source, f.Sha256, imported.Contains(i) ? null : Prepare(f.Source))).ToList();
        return new ImportBatch(sources, unitsDone);
    }

    private async Task WriteWithRetryAsync(
        NpgsqlConnection connection, ArchiveWriter archive, RelayDocumentWriter parsed, ImportBatch batch, long runId,
        Totals totals, CancellationToken cancellationToken)
    {
        var sources = batch.Sources.Where(s => s.Documents is not null).ToList();
        if (sources.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteBatchAsync(connection, archive, parsed, sources, runId, totals, cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                // A concurrent import archived one of these documents first; the next attempt sees it as existing.
            }
        }
    }

    private async Task WriteBatchAsync(
        NpgsqlConnection connection, ArchiveWriter archive, RelayDocumentWriter parsed, List<PreparedSource> sources, long runId,
        Totals totals, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = await InsertSourceFilesAsync(connection, sources, runId, now, cancellationToken);
        var files = new List<(long SourceFileId, List<ArchivedDocument> Documents)>();
        for (var i = 0; i < sources.Count; i++)
        {
            if (ids[i] is { } id)
            {
                files.Add((id, sources[i].Documents!));
            }
        }

        var newDocuments = files.Count == 0 ? [] : await archive.WriteAsync(files, now, cancellationToken);
        await parsed.WriteAsync(newDocuments.Where(d => d.Descriptor is not UnparseableDescriptor).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var documents = files.Sum(f => f.Documents.Count);
        totals.FilesImported += files.Count;
        totals.FilesSkipped += sources.Count - files.Count;
        totals.New += newDocuments.Count;
        totals.Duplicate += documents - newDocuments.Count;
        totals.Unparseable += newDocuments.Count(d => d.Descriptor is UnparseableDescriptor);
    }

    /// <summary>
    /// Records the batch's source files with their completion marks; a file another import stored since the producer
    /// checked (or listed twice in this batch) gets no id and is skipped.
    /// </summary>
    private static async Task<long?[]> InsertSourceFilesAsync(
        NpgsqlConnection connection, List<PreparedSource> sources, long runId, DateTime now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO source_files (location, sha256, size, documents, import_run_id, completed_at)
            SELECT u.location, u.sha256, u.size, u.documents, $5, $6
            FROM unnest($1::text[], $2::bytea[], $3::bigint[], $4::integer[]) AS u (location, sha256, size, documents)
            ON CONFLICT (location, sha256) DO NOTHING
            RETURNING id, location, sha256
            """, connection);
        insert.Parameters.AddWithValue(sources.Select(s => s.Source.Location).ToArray());
        insert.Parameters.AddWithValue(sources.Select(s => s.Sha256).ToArray());
        insert.Parameters.AddWithValue(sources.Select(s => (long)s.Source.Content.Length).ToArray());
        insert.Parameters.AddWithValue(sources.Select(s => s.Documents!.Count).ToArray());
        insert.Parameters.AddWithValue(runId);
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

    /// <summary>Parses a source file into archive-ready documents; a file that yields nothing is archived whole.</summary>
    internal static List<ArchivedDocument> Prepare(SourceFile source) =>
        DescriptorImporterPreview.Prepare(source).Select((d, i) => Archive(d, i)).ToList();

    private static ArchivedDocument Archive(Descriptor descriptor, int position)
    {
        var content = descriptor.Raw.Bytes;
        var sha256 = SHA256.HashData(content.Span);
        var annotations = descriptor.Raw.Annotations.Count == 0 ? null : string.Join('\n', descriptor.Raw.Annotations);
        return new ArchivedDocument(descriptor, sha256, content, DocumentFacts.Of(descriptor, sha256), annotations, position);
    }

    /// <returns>The positions in <paramref name="files"/> of the files an earlier import completed.</returns>
    private static async Task<HashSet<int>> FindImportedAsync(
        NpgsqlConnection connection, List<(SourceFile Source, byte[] Sha256)> files, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT u.position - 1
            FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS u (location, sha256, position)
            WHERE EXISTS (SELECT 1 FROM source_files f WHERE f.location = u.location AND f.sha256 = u.sha256)
            """, connection);
        command.Parameters.AddWithValue(files.Select(f => f.Source.Location).ToArray());
        command.Parameters.AddWithValue(files.Select(f => f.Sha256).ToArray());
        var imported = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            imported.Add((int)reader.GetInt64(0));
        }

        return imported;
    }

    private async Task<long> StartRunAsync(string origin, string description, int files, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO import_runs (started_at, status, origin, paths, files_total, files_imported, files_skipped,
                documents_new, documents_duplicate, documents_unparseable, bytes_read)
            VALUES ($1, 'Running', $2, $3, $4, 0, 0, 0, 0, 0, 0) RETURNING id
            """);
        command.Parameters.AddWithValue(clock.GetUtcNow().UtcDateTime);
        command.Parameters.AddWithValue(origin);
        command.Parameters.AddWithValue(description);
        command.Parameters.AddWithValue(files);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task FinishRunAsync(long runId, string status, Totals totals, string? error)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE import_runs SET finished_at = $2, status = $3, files_imported = $4, files_skipped = $5,
                documents_new = $6, documents_duplicate = $7, documents_unparseable = $8, bytes_read = $9, error = $10
            WHERE id = $1
            """);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(clock.GetUtcNow().UtcDateTime);
        command.Parameters.AddWithValue(status);
        command.Parameters.AddWithValue(totals.FilesImported);
        command.Parameters.AddWithValue(totals.FilesSkipped);
        command.Parameters.AddWithValue(totals.New);
        command.Parameters.AddWithValue(totals.Duplicate);
        command.Parameters.AddWithValue(totals.Unparseable);
        command.Parameters.AddWithValue(totals.BytesRead);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)error ?? DBNull.Value);

        // Recorded even when the import itself was cancelled.
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private sealed class Totals
    {
        public int FilesImported { get; set; }

        public int FilesSkipped { get; set; }

        public long New { get; set; }

        public long Duplicate { get; set; }

        public long Unparseable { get; set; }

        public long BytesRead { get; set; }
    }
}
