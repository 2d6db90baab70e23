using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Stores one source file's documents in the raw archive: binary COPY into a staging table, then one statement that
/// adds the documents not yet archived (returning which are new) and one that records where each copy came from.
/// </summary>
internal sealed class ArchiveWriter(NpgsqlConnection connection)
{
    /// <summary>Bumped when a parser change should make 'reparse' revisit documents parsed by an older version.</summary>
    public const int ParserVersion = 1;

    private bool _stagingCreated;

    public async Task<HashSet<string>> WriteAsync(
        IReadOnlyList<ArchivedDocument> documents, long sourceFileId, DateTime now, CancellationToken cancellationToken)
    {
        await EnsureStagingAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY staging_documents (sha256, kind, content, length, digest_sha1, digest_sha256, published, annotations, " +
            "parse_status, parse_error, parse_error_line, position) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var document in documents)
            {
                copy.StartRow();
                copy.Write(document.Sha256, NpgsqlDbType.Bytea);
                copy.Write(DescriptorKindNames.ToTypeName(document.Descriptor.Kind), NpgsqlDbType.Text);
                copy.Write(document.Content, NpgsqlDbType.Bytea);
                copy.Write(document.Content.Length, NpgsqlDbType.Integer);
                WriteNullable(copy, document.Facts.DigestSha1, NpgsqlDbType.Bytea);
                WriteNullable(copy, document.Facts.DigestSha256, NpgsqlDbType.Bytea);
                WriteNullable(copy, document.Facts.Published, NpgsqlDbType.TimestampTz);
                WriteNullable(copy, document.Annotations, NpgsqlDbType.Text);
                var unparseable = document.Descriptor as UnparseableDescriptor;
                copy.Write(unparseable is null ? "Parsed" : "Unparseable", NpgsqlDbType.Text);
                WriteNullable(copy, unparseable?.Reason, NpgsqlDbType.Text);
                WriteNullable(copy, unparseable?.LineNumber, NpgsqlDbType.Integer);
                copy.Write(document.Position, NpgsqlDbType.Integer);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO raw_documents (sha256, kind, content, length, digest_sha1, digest_sha256, published, annotations,
                                       parse_status, parse_error, parse_error_line, parser_version, first_seen)
            SELECT DISTINCT ON (sha256) sha256, kind, content, length, digest_sha1, digest_sha256, published, annotations,
                   parse_status, parse_error, parse_error_line, $1, $2
            FROM staging_documents
            ORDER BY sha256, position
            ON CONFLICT (sha256) DO NOTHING
            RETURNING sha256
            """, connection))
        {
            insert.Parameters.AddWithValue(ParserVersion);
            insert.Parameters.AddWithValue(now);
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add(Convert.ToHexString(reader.GetFieldValue<byte[]>(0)));
            }
        }

        await using (var sources = new NpgsqlCommand(
            "INSERT INTO document_sources (source_file_id, position, document_sha256) " +
            "SELECT $1, position, sha256 FROM staging_documents",
            connection))
        {
            sources.Parameters.AddWithValue(sourceFileId);
            await sources.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var truncate = new NpgsqlCommand("TRUNCATE staging_documents", connection))
        {
            await truncate.ExecuteNonQueryAsync(cancellationToken);
        }

        return inserted;
    }

    private async Task EnsureStagingAsync(CancellationToken cancellationToken)
    {
        if (_stagingCreated)
        {
            return;
        }

        await using var create = new NpgsqlCommand("""
            CREATE TEMP TABLE IF NOT EXISTS staging_documents (
                sha256 bytea, kind text, content bytea, length integer, digest_sha1 bytea, digest_sha256 bytea,
                published timestamptz, annotations text, parse_status text, parse_error text, parse_error_line integer,
                position integer)
            """, connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        _stagingCreated = true;
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
        where T : class
    {
        if (value is null) { copy.WriteNull(); } else { copy.Write(value, type); }
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is null) { copy.WriteNull(); } else { copy.Write(value.Value, type); }
    }
}

/// <summary>A document ready for the archive: parsed (or not), hashed, with its position in the source file.</summary>
internal sealed record ArchivedDocument(Descriptor Descriptor, byte[] Sha256, byte[] Content, DocumentFacts Facts, string? Annotations, int Position)
{
    public string Sha256Hex => Convert.ToHexString(Sha256);
}
