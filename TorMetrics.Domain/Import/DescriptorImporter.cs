using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Imports files, directories, tor data directories and CollecTor trees into the archive. Each source file is one
/// transaction that stores its documents, their parsed rows and the file's completion mark together, so an import
/// that is killed resumes where it stopped and a repeated import adds nothing.
/// </summary>
public sealed class DescriptorImporter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<ImportReport> ImportAsync(
        IReadOnlyList<string> paths,
        string origin,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var files = SourcePlanner.Plan(paths);
        var runId = await StartRunAsync(origin, paths, files.Count, cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        var totals = new Totals();
        var bytesTotal = files.Sum(f => f.Length);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var archive = new ArchiveWriter(connection);
            var parsed = new RelayDocumentWriter(connection);
            var done = 0;
            foreach (var file in files)
            {
                foreach (var source in SourceReader.Read(file))
                {
                    await ImportSourceAsync(connection, archive, parsed, source, runId, totals, cancellationToken);
                }

                done++;
                progress?.Report(new ImportProgress(done, files.Count, totals.BytesRead, bytesTotal, totals.New,
                    totals.Duplicate, totals.Unparseable, stopwatch.Elapsed, file.FullName));
            }

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

    private async Task ImportSourceAsync(
        NpgsqlConnection connection, ArchiveWriter archive, RelayDocumentWriter parsed, SourceFile source, long runId,
        Totals totals, CancellationToken cancellationToken)
    {
        totals.BytesRead += source.CompressedSize;
        var fileSha256 = SHA256.HashData(source.Content);
        if (await IsImportedAsync(connection, source.Location, fileSha256, cancellationToken))
        {
            totals.FilesSkipped++;
            return;
        }

        var documents = Prepare(source);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long sourceFileId;
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO source_files (location, sha256, size, documents, import_run_id, completed_at) " +
            "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id", connection, transaction))
        {
            insert.Parameters.AddWithValue(source.Location);
            insert.Parameters.AddWithValue(fileSha256);
            insert.Parameters.AddWithValue((long)source.Content.Length);
            insert.Parameters.AddWithValue(documents.Count);
            insert.Parameters.AddWithValue(runId);
            insert.Parameters.AddWithValue(now);
            sourceFileId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        var inserted = await archive.WriteAsync(documents, sourceFileId, now, cancellationToken);
        var newDocuments = documents.Where(d => inserted.Remove(d.Sha256Hex)).ToList();
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

    private async Task<long> StartRunAsync(string origin, IReadOnlyList<string> paths, int files, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO import_runs (started_at, status, origin, paths, files_total, files_imported, files_skipped,
                documents_new, documents_duplicate, documents_unparseable, bytes_read)
            VALUES ($1, 'Running', $2, $3, $4, 0, 0, 0, 0, 0, 0) RETURNING id
            """);
        command.Parameters.AddWithValue(clock.GetUtcNow().UtcDateTime);
        command.Parameters.AddWithValue(origin);
        command.Parameters.AddWithValue(string.Join('\n', paths));
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
