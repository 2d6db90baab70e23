using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Npgsql;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Imports files, directories, tor data directories and CollecTor trees into the archive. Each source file is one
/// transaction that stores its documents, their parsed rows and the file's completion mark together, so an import
/// that is killed resumes where it stopped and a repeated import adds nothing.
/// Reading, decompressing, parsing and hashing run on one thread while the database writes run on another: on a
/// two-core machine this keeps both the parser and PostgreSQL busy.
/// </summary>
public sealed class DescriptorImporter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const int PreparedFilesAhead = 8;

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
            var prepared = Channel.CreateBounded<PreparedSource>(PreparedFilesAhead);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var producer = Task.Run(() => PrepareAllAsync(units, prepared.Writer, stop.Token), stop.Token);
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

                // Every file is committed with its completion mark, and an import resumes from those marks: a crash
                // that loses the last commits only means those files are imported again, so waiting for each WAL
                // flush buys nothing.
                await using (var asynchronous = new NpgsqlCommand("SET synchronous_commit = off", connection))
                {
                    await asynchronous.ExecuteNonQueryAsync(cancellationToken);
                }

                var archive = new ArchiveWriter(connection);
                var parsed = new RelayDocumentWriter(connection);
                await foreach (var item in prepared.Reader.ReadAllAsync(cancellationToken))
                {
                    totals.BytesRead += item.Source.CompressedSize;
                    if (item.Documents is null)
                    {
                        totals.FilesSkipped++;
                    }
                    else
                    {
                        await WriteWithRetryAsync(connection, archive, parsed, item, runId, totals, cancellationToken);
                    }

                    if (item.LastOfFile)
                    {
                        progress?.Report(new ImportProgress(item.FileIndex + 1, units.Count, totals.BytesRead, bytesTotal,
                            totals.New, totals.Duplicate, totals.Unparseable, stopwatch.Elapsed, item.Source.Location));
                    }
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

    private async Task PrepareAllAsync(IReadOnlyList<ImportUnit> units, ChannelWriter<PreparedSource> writer, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            for (var index = 0; index < units.Count; index++)
            {
                PreparedSource? pending = null;
                foreach (var source in await units[index].OpenAsync(cancellationToken))
                {
                    if (pending is not null)
                    {
                        await writer.WriteAsync(pending, cancellationToken);
                    }

                    var sha256 = SHA256.HashData(source.Content);
                    var documents = await IsImportedAsync(connection, source.Location, sha256, cancellationToken) ? null : Prepare(source);
                    pending = new PreparedSource(source, sha256, documents, index, false);
                }

                if (pending is not null)
                {
                    await writer.WriteAsync(pending with { LastOfFile = true }, cancellationToken);
                }
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }

    private async Task WriteWithRetryAsync(
        NpgsqlConnection connection, ArchiveWriter archive, RelayDocumentWriter parsed, PreparedSource item, long runId,
        Totals totals, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteSourceAsync(connection, archive, parsed, item, runId, totals, cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                // A concurrent import archived one of these documents first; the next attempt sees it as existing.
            }
        }
    }

    private async Task WriteSourceAsync(
        NpgsqlConnection connection, ArchiveWriter archive, RelayDocumentWriter parsed, PreparedSource item, long runId,
        Totals totals, CancellationToken cancellationToken)
    {
        var documents = item.Documents!;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long sourceFileId;
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO source_files (location, sha256, size, documents, import_run_id, completed_at) " +
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (location, sha256) DO NOTHING RETURNING id", connection, transaction))
        {
            insert.Parameters.AddWithValue(item.Source.Location);
            insert.Parameters.AddWithValue(item.Sha256);
            insert.Parameters.AddWithValue((long)item.Source.Content.Length);
            insert.Parameters.AddWithValue(documents.Count);
            insert.Parameters.AddWithValue(runId);
            insert.Parameters.AddWithValue(now);
            if (await insert.ExecuteScalarAsync(cancellationToken) is not long id)
            {
                // Another import stored this file since it was checked.
                totals.FilesSkipped++;
                return;
            }

            sourceFileId = id;
        }

        var newDocuments = await archive.WriteAsync(documents, sourceFileId, now, cancellationToken);
        await parsed.WriteAsync(newDocuments.Where(d => d.Descriptor is not UnparseableDescriptor).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        totals.FilesImported++;
        totals.New += newDocuments.Count;
        totals.Duplicate += documents.Count - newDocuments.Count;
        totals.Unparseable += newDocuments.Count(d => d.Descriptor is UnparseableDescriptor);
    }

    /// <summary>Parses a source file into archive-ready documents; a file that yields nothing is archived whole.</summary>
    internal static List<ArchivedDocument> Prepare(SourceFile source) =>
        DescriptorImporterPreview.Prepare(source).Select((d, i) => Archive(d, i)).ToList();

    private static ArchivedDocument Archive(Descriptor descriptor, int position)
    {
        var content = descriptor.Raw.Bytes.ToArray();
        var sha256 = SHA256.HashData(content);
        var annotations = descriptor.Raw.Annotations.Count == 0 ? null : string.Join('\n', descriptor.Raw.Annotations);
        return new ArchivedDocument(descriptor, sha256, content, DocumentFacts.Of(descriptor, sha256), annotations, position);
    }

    private static async Task<bool> IsImportedAsync(
        NpgsqlConnection connection, string location, byte[] sha256, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM source_files WHERE location = $1 AND sha256 = $2)", connection);
        command.Parameters.AddWithValue(location);
        command.Parameters.AddWithValue(sha256);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
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

    private sealed record PreparedSource(SourceFile Source, byte[] Sha256, List<ArchivedDocument>? Documents, int FileIndex, bool LastOfFile);

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
