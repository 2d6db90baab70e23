using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.Data;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Stores a batch of source files' documents in the raw archive: one indexed lookup finds which are archived
/// already, the new ones go straight into <c>raw_documents</c> by one binary COPY (each byte written once), and every
/// copy's provenance into <c>document_sources</c> by another. A concurrent importer that stores the same document
/// first makes the COPY fail with a unique violation; the caller retries the batch, and the lookup then sees it.
/// </summary>
internal sealed class ArchiveWriter(NpgsqlConnection connection)
{
    /// <summary>Bumped when a parser change should make 'reparse' revisit documents parsed by an older version.</summary>
    public const int ParserVersion = 1;

    /// <returns>The documents that were not archived before, first occurrence of each, in SHA-256 order.</returns>
    public async Task<List<ArchivedDocument>> WriteAsync(
        IReadOnlyList<(long SourceFileId, List<ArchivedDocument> Documents)> files, DateTime now, CancellationToken cancellationToken)
    {
        var seen = await FindExistingAsync(files, cancellationToken);
        var added = new List<ArchivedDocument>();
        foreach (var (_, documents) in files)
        {
            foreach (var document in documents)
            {
                if (seen.Add(document.Sha256))
                {
                    added.Add(document);
                }
            }
        }

        if (added.Count > 0)
        {
            // In key order, as every writer does, so that two writers archiving the same documents wait for each
            // other instead of deadlocking.
            added.Sort((a, b) => a.Sha256.AsSpan().SequenceCompareTo(b.Sha256));
            await CopyDocumentsAsync(added, now, cancellationToken);
        }

        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY document_sources (source_file_id, position, document_sha256) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (sourceFileId, documents) in files)
        {
            foreach (var document in documents)
            {
                copy.StartRow();
                copy.Write(sourceFileId, NpgsqlDbType.Bigint);
                copy.Write(document.Position, NpgsqlDbType.Integer);
                copy.Write(document.Sha256, NpgsqlDbType.Bytea);
            }
        }

        await copy.CompleteAsync(cancellationToken);
        return added;
    }

    private async Task<HashSet<byte[]>> FindExistingAsync(
        IReadOnlyList<(long SourceFileId, List<ArchivedDocument> Documents)> files, CancellationToken cancellationToken)
    {
        var digests = files.SelectMany(f => f.Documents).Select(d => d.Sha256).Distinct(DigestComparer.Instance).ToArray();
        await using var command = new NpgsqlCommand("SELECT sha256 FROM raw_documents WHERE sha256 = ANY($1)", connection);
        command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bytea, digests);
        var existing = new HashSet<byte[]>(DigestComparer.Instance);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            existing.Add(reader.GetFieldValue<byte[]>(0));
        }

        return existing;
    }

    private async Task CopyDocumentsAsync(List<ArchivedDocument> documents, DateTime now, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY raw_documents (sha256, kind, content, length, digest_sha1, digest_sha256, published, annotations, " +
            "parse_status, parse_error, parse_error_line, parser_version, first_seen) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var document in documents)
        {
            var unparseable = document.Descriptor as UnparseableDescriptor;
            copy.StartRow();
            copy.Write(document.Sha256, NpgsqlDbType.Bytea);
            copy.Write(DescriptorKindNames.ToTypeName(document.Descriptor.Kind), NpgsqlDbType.Text);
            copy.Write(document.Content, NpgsqlDbType.Bytea);
            copy.Write(document.Content.Length, NpgsqlDbType.Integer);
            copy.WriteNullable(document.Facts.DigestSha1, NpgsqlDbType.Bytea);
            copy.WriteNullable(document.Facts.DigestSha256, NpgsqlDbType.Bytea);
            copy.WriteNullable(document.Facts.Published, NpgsqlDbType.TimestampTz);
            copy.WriteNullable(document.Annotations, NpgsqlDbType.Text);
            copy.Write(unparseable is null ? "Parsed" : "Unparseable", NpgsqlDbType.Text);
            copy.WriteNullable(unparseable?.Reason, NpgsqlDbType.Text);
            copy.WriteNullable(unparseable?.LineNumber, NpgsqlDbType.Integer);
            copy.Write(ParserVersion, NpgsqlDbType.Integer);
            copy.Write(now, NpgsqlDbType.TimestampTz);
        }

        await copy.CompleteAsync(cancellationToken);
    }
}
