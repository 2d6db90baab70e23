using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Re-reads archived documents that were unparseable, with today's parsers (after a parser fix or a new parser),
/// and fills in their parsed rows. The stored bytes never change, so neither does a document's address.
/// </summary>
public sealed class Reparser(NpgsqlDataSource dataSource)
{
    public async Task<ReparseReport> ReparseUnparseableAsync(string? kind, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var candidates = await LoadCandidatesAsync(kind, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var writer = new RelayDocumentWriter(connection);
        int parsed = 0, stillUnparseable = 0, reshaped = 0;
        foreach (var candidate in candidates)
        {
            var input = candidate.Annotations is null
                ? candidate.Content
                : [.. Encoding.UTF8.GetBytes(candidate.Annotations + "\n"), .. candidate.Content];
            var results = DescriptorFileParser.Parse(input, candidate.FileName).ToList();
            if (results.Count != 1 || !SHA256.HashData(results[0].Raw.Bytes.Span).AsSpan().SequenceEqual(candidate.Sha256))
            {
                // The parser now delimits these bytes differently; re-importing the source file archives the new split.
                reshaped++;
                continue;
            }

            var descriptor = results[0];
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (descriptor is UnparseableDescriptor unparseable)
            {
                await UpdateAsync(connection, candidate.Sha256, descriptor, default, unparseable, cancellationToken);
                stillUnparseable++;
            }
            else
            {
                var facts = DocumentFacts.Of(descriptor, candidate.Sha256);
                await UpdateAsync(connection, candidate.Sha256, descriptor, facts, null, cancellationToken);
                await writer.WriteAsync([new ArchivedDocument(descriptor, candidate.Sha256, candidate.Content, facts, candidate.Annotations, 0)], cancellationToken);
                parsed++;
            }

            await transaction.CommitAsync(cancellationToken);
            progress?.Report(parsed + stillUnparseable + reshaped);
        }

        return new ReparseReport(candidates.Count, parsed, stillUnparseable, reshaped);
    }

    private static async Task UpdateAsync(
        NpgsqlConnection connection, byte[] sha256, Descriptor descriptor, DocumentFacts facts, UnparseableDescriptor? unparseable,
        CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE raw_documents SET kind = $2, parse_status = $3, parse_error = $4, parse_error_line = $5, parser_version = $6,
                digest_sha1 = $7, digest_sha256 = $8, published = $9
            WHERE sha256 = $1
            """, connection);
        update.Parameters.AddWithValue(sha256);
        update.Parameters.AddWithValue(DescriptorKindNames.ToTypeName(descriptor.Kind));
        update.Parameters.AddWithValue(unparseable is null ? "Parsed" : "Unparseable");
        update.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)unparseable?.Reason ?? DBNull.Value);
        update.Parameters.AddWithValue(NpgsqlDbType.Integer, (object?)unparseable?.LineNumber ?? DBNull.Value);
        update.Parameters.AddWithValue(ArchiveWriter.ParserVersion);
        update.Parameters.AddWithValue(NpgsqlDbType.Bytea, (object?)facts.DigestSha1 ?? DBNull.Value);
        update.Parameters.AddWithValue(NpgsqlDbType.Bytea, (object?)facts.DigestSha256 ?? DBNull.Value);
        update.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)facts.Published ?? DBNull.Value);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<Candidate>> LoadCandidatesAsync(string? kind, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.sha256, r.content, r.annotations,
                   (SELECT f.location FROM document_sources ds JOIN source_files f ON f.id = ds.source_file_id
                    WHERE ds.document_sha256 = r.sha256 ORDER BY f.id LIMIT 1)
            FROM raw_documents r
            WHERE r.parse_status = 'Unparseable' AND ($1::text IS NULL OR r.kind = $1)
            ORDER BY r.first_seen, r.sha256
            """);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)kind ?? DBNull.Value);
        var candidates = new List<Candidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var location = reader.IsDBNull(3) ? null : reader.GetString(3);
            candidates.Add(new Candidate(
                reader.GetFieldValue<byte[]>(0),
                reader.GetFieldValue<byte[]>(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                location is null ? null : Path.GetFileName(location.Split('!')[^1])));
        }

        return candidates;
    }

    private sealed record Candidate(byte[] Sha256, byte[] Content, string? Annotations, string? FileName);
}

public sealed record ReparseReport(int Candidates, int Parsed, int StillUnparseable, int Reshaped);
