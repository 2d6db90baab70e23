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
/// Reading, decompressing, parsing and hashing run on one thread; the batches are written by several writers, each on
/// its own connection, so that PostgreSQL (which works one core per connection) can use every core as well.
/// </summary>
public sealed class DescriptorImporter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // Statements per batch are fixed (about ten), so a batch of many small files costs what one large file does.
    // A batch closes when no writer has one queued (so writers never wait for a batch to fill) or at whichever limit
    // comes first; the limits bound memory and the work a kill throws away.
    private const int BatchBytes = 4 << 20;
    private const int BatchFiles = 2_000;
    private const int PreparedBatchesAhead = 2;

    // Two writers keep a two-core machine's PostgreSQL busy while the other work (parsing, serialising) fills the
    // gaps; more cores take more, up to a few, beyond which the importer's single parsing thread is the limit.
    private static readonly int Writers = Math.Clamp(Environment.ProcessorCount, 2, 4);

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
        var totals = new ImportTotals();
        var bytesTotal = units.Sum(f => f.Size);
        try
        {
            var prepared = Channel.CreateBounded<ImportBatch>(PreparedBatchesAhead);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var producer = Task.Run(() => PrepareAllAsync(units, prepared, stop.Token), stop.Token);
            try
            {
                void Stored(ImportBatch batch, BatchOutcome outcome) =>
                    totals.Add(batch, outcome, units.Count, bytesTotal, stopwatch.Elapsed, progress);
                await Task.WhenAll(Enumerable.Range(0, Writers)
                    .Select(_ => Task.Run(() => WriteAllAsync(prepared.Reader, runId, Stored, stop), stop.Token)));
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

    /// <summary>One writer: stores batches until none are left; its failure stops the other writers and the reader.</summary>
    private async Task WriteAllAsync(
        ChannelReader<ImportBatch> batches, long runId, Action<ImportBatch, BatchOutcome> stored, CancellationTokenSource stop)
    {
        try
        {
            await using var writer = await BatchWriter.OpenAsync(dataSource, clock, runId, stop.Token);
            await foreach (var batch in batches.ReadAllAsync(stop.Token))
            {
                stored(batch, await writer.WriteAsync(batch, stop.Token));
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private async Task PrepareAllAsync(IReadOnlyList<ImportUnit> units, Channel<ImportBatch> batches, CancellationToken cancellationToken)
    {
        var writer = batches.Writer;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var pending = new List<(SourceFile Source, byte[] Sha256)>();
            long pendingBytes = 0;
            long sequence = 0;
            for (var index = 0; index < units.Count; index++)
            {
                foreach (var source in await units[index].OpenAsync(cancellationToken))
                {
                    if (pending.Count > 0 && (batches.Reader.Count == 0 || pending.Count >= BatchFiles || pendingBytes >= BatchBytes))
                    {
                        // Every unit before this one has been read whole.
                        await writer.WriteAsync(await PrepareBatchAsync(connection, sequence++, pending, index, cancellationToken), cancellationToken);
                        pending = [];
                        pendingBytes = 0;
                    }

                    pending.Add((source, SHA256.HashData(source.Content)));
                    pendingBytes += source.Content.Length;
                }
            }

            if (pending.Count > 0)
            {
                await writer.WriteAsync(await PrepareBatchAsync(connection, sequence, pending, units.Count, cancellationToken), cancellationToken);
            }

            writer.Complete();
        }
        catch
        {
            // The writers store what was read before the error; the error itself surfaces from this task.
            writer.Complete();
            throw;
        }
    }

    private static async Task<ImportBatch> PrepareBatchAsync(
        NpgsqlConnection connection, long sequence, List<(SourceFile Source, byte[] Sha256)> files, int unitsDone,
        CancellationToken cancellationToken)
    {
        var imported = await FindImportedAsync(connection, files, cancellationToken);
        var sources = files.Select((f, i) => new PreparedSource(f.Source, f.Sha256, imported.Contains(i) ? null : Prepare(f.Source))).ToList();
        return new ImportBatch(sequence, sources, unitsDone);
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

    private async Task FinishRunAsync(long runId, string status, ImportTotals totals, string? error)
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
}
