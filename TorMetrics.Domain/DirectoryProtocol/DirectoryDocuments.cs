using System.Data;
using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.KeyCertificates;

namespace TorMetrics.Domain.DirectoryProtocol;

/// <summary>
/// Answers tor's directory requests (dir-spec §4, §5) from the archive: which stored documents a request names, then
/// their exact bytes, streamed one at a time. Lookups return storage keys (SHA-256 of the bytes) in request order,
/// once each; what is not held is left out, as a directory cache does.
/// </summary>
public sealed class DirectoryDocuments(NpgsqlDataSource dataSource)
{
    /// <summary>Relay server descriptors by their SHA-1 descriptor digest.</summary>
    public Task<IReadOnlyList<byte[]>> FindServerDescriptorsAsync(IReadOnlyList<byte[]> digests, CancellationToken cancellationToken) =>
        FindByKeyAsync("SELECT digest_sha1, document_sha256 FROM server_descriptors WHERE digest_sha1 = ANY($1) AND NOT is_bridge",
            digests, cancellationToken);

    /// <summary>Relay extra-info descriptors by their SHA-1 digest.</summary>
    public Task<IReadOnlyList<byte[]>> FindExtraInfosAsync(IReadOnlyList<byte[]> digests, CancellationToken cancellationToken) =>
        FindByKeyAsync("SELECT digest_sha1, document_sha256 FROM extra_infos WHERE digest_sha1 = ANY($1) AND NOT is_bridge",
            digests, cancellationToken);

    /// <summary>The most recently published relay server descriptor of each fingerprint.</summary>
    public Task<IReadOnlyList<byte[]>> FindNewestServerDescriptorsAsync(IReadOnlyList<byte[]> fingerprints, CancellationToken cancellationToken) =>
        FindByKeyAsync("""
            SELECT DISTINCT ON (fingerprint) fingerprint, document_sha256 FROM server_descriptors
            WHERE fingerprint = ANY($1) AND NOT is_bridge
            ORDER BY fingerprint, published DESC, document_sha256
            """, fingerprints, cancellationToken);

    /// <summary>The most recently published relay extra-info descriptor of each fingerprint.</summary>
    public Task<IReadOnlyList<byte[]>> FindNewestExtraInfosAsync(IReadOnlyList<byte[]> fingerprints, CancellationToken cancellationToken) =>
        FindByKeyAsync("""
            SELECT DISTINCT ON (fingerprint) fingerprint, document_sha256 FROM extra_infos
            WHERE fingerprint = ANY($1) AND NOT is_bridge
            ORDER BY fingerprint, published DESC, document_sha256
            """, fingerprints, cancellationToken);

    /// <summary>Microdescriptors by their SHA-256 digest, which is also their storage key.</summary>
    public Task<IReadOnlyList<byte[]>> FindMicrodescriptorsAsync(IReadOnlyList<byte[]> digests, CancellationToken cancellationToken) =>
        FindByKeyAsync("SELECT sha256, sha256 FROM raw_documents WHERE sha256 = ANY($1) AND kind = 'microdescriptor'",
            digests, cancellationToken);

    /// <summary>
    /// The newest consensus of a flavour (<c>ns</c> or <c>microdesc</c>). Copies of one consensus fetched from
    /// different authorities can differ in their signatures; the one with the most bytes (signatures) wins.
    /// </summary>
    public async Task<byte[]?> FindNewestConsensusAsync(string flavor, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.document_sha256 FROM network_statuses s JOIN raw_documents r ON r.sha256 = s.document_sha256
            WHERE s.flavor = $1 AND NOT s.is_vote
            ORDER BY s.valid_after DESC, r.length DESC, s.document_sha256
            LIMIT 1
            """);
        command.Parameters.AddWithValue(flavor);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <summary>Every directory key certificate we hold, parsed (there are few: one per authority per key rotation).</summary>
    public async Task<IReadOnlyList<(byte[] Sha256, DirKeyCertificate Certificate)>> ListKeyCertificatesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT sha256, content FROM raw_documents WHERE kind = 'dir-key-certificate-3' AND parse_status = 'Parsed'");
        var certificates = new List<(byte[], DirKeyCertificate)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var raw = new RawDocument(reader.GetFieldValue<byte[]>(1), 0, 1, [], null, null);
            if (DescriptorFileParser.ParseDocument(raw, DescriptorKind.DirKeyCertificate) is DirKeyCertificate certificate)
            {
                certificates.Add((reader.GetFieldValue<byte[]>(0), certificate));
            }
        }

        return certificates;
    }

    /// <summary>Writes the documents' exact bytes, concatenated in the given order.</summary>
    public async Task WriteAsync(IReadOnlyList<byte[]> documents, Stream output, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.content FROM unnest($1::bytea[]) WITH ORDINALITY AS k(sha256, n) JOIN raw_documents r ON r.sha256 = k.sha256
            ORDER BY k.n
            """);
        command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bytea, documents.ToArray());
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            await output.WriteAsync(reader.GetFieldValue<byte[]>(0), cancellationToken);
        }
    }

    // The SQL selects (key, storage key) pairs for the keys in $1: a digest, or a fingerprint with one row each.
    private async Task<IReadOnlyList<byte[]>> FindByKeyAsync(string sql, IReadOnlyList<byte[]> keys, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bytea, keys.ToArray());
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                // The same descriptor stored twice (say, with and without CR) would carry one digest: keep one, stably.
                var key = Convert.ToHexString(reader.GetFieldValue<byte[]>(0));
                var document = reader.GetFieldValue<byte[]>(1);
                if (!found.TryGetValue(key, out var kept) || string.CompareOrdinal(Convert.ToHexString(document), Convert.ToHexString(kept)) < 0)
                {
                    found[key] = document;
                }
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return keys
            .Select(Convert.ToHexString)
            .Where(k => seen.Add(k) && found.ContainsKey(k))
            .Select(k => found[k])
            .ToList();
    }
}
