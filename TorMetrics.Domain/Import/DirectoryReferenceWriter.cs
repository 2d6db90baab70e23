using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.Data;
using TorMetrics.Domain.Descriptors.KeyCertificates;
using TorMetrics.Domain.Descriptors.NetworkStatuses;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Writes what directory documents say about each other, for collection and the archive rate: a status's authority
/// sections (where authorities are; which votes a consensus used), its signatures (which key certificates it needs),
/// a vote's bandwidth-file digest, and each key certificate's signing-key digest. Called for new documents only.
/// </summary>
internal sealed class DirectoryReferenceWriter(NpgsqlConnection connection)
{
    public async Task WriteAsync(IReadOnlyList<ArchivedDocument> newDocuments, CancellationToken cancellationToken)
    {
        var statuses = newDocuments.Where(d => d.Descriptor is NetworkStatus).Select(d => (d, (NetworkStatus)d.Descriptor)).ToList();
        var certificates = newDocuments.Where(d => d.Descriptor is DirKeyCertificate).Select(d => (d, (DirKeyCertificate)d.Descriptor)).ToList();
        if (statuses.Count > 0)
        {
            await WriteAuthoritiesAsync(statuses, cancellationToken);
            await WriteSignaturesAsync(statuses, cancellationToken);
            await WriteBandwidthFileDigestsAsync(statuses, cancellationToken);
        }

        if (certificates.Count > 0)
        {
            await WriteCertificatesAsync(certificates, cancellationToken);
        }
    }

    private async Task WriteAuthoritiesAsync(List<(ArchivedDocument Document, NetworkStatus Status)> statuses, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY status_authorities (status_sha256, identity, nickname, address, dir_port, or_port, vote_digest) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var (document, status) in statuses)
        {
            foreach (var authority in status.Authorities.DistinctBy(a => a.Identity, StringComparer.Ordinal))
            {
                copy.StartRow();
                copy.Write(document.Sha256, NpgsqlDbType.Bytea);
                copy.Write(Convert.FromHexString(authority.Identity), NpgsqlDbType.Bytea);
                copy.Write(authority.Nickname, NpgsqlDbType.Text);
                copy.Write(authority.Address, NpgsqlDbType.Text);
                copy.Write(authority.DirPort, NpgsqlDbType.Integer);
                copy.Write(authority.OrPort, NpgsqlDbType.Integer);
                copy.WriteNullable(TorEncoding.FromHex(authority.VoteDigest), NpgsqlDbType.Bytea);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private async Task WriteSignaturesAsync(List<(ArchivedDocument Document, NetworkStatus Status)> statuses, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY status_signatures (status_sha256, identity, signing_key_digest, algorithm) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (document, status) in statuses)
        {
            foreach (var signature in status.Signatures.DistinctBy(s => (s.Identity, s.Algorithm)))
            {
                copy.StartRow();
                copy.Write(document.Sha256, NpgsqlDbType.Bytea);
                copy.Write(Convert.FromHexString(signature.Identity), NpgsqlDbType.Bytea);
                copy.Write(Convert.FromHexString(signature.SigningKeyDigest), NpgsqlDbType.Bytea);
                copy.Write(signature.Algorithm, NpgsqlDbType.Text);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private async Task WriteBandwidthFileDigestsAsync(List<(ArchivedDocument Document, NetworkStatus Status)> statuses, CancellationToken cancellationToken)
    {
        foreach (var (document, status) in statuses)
        {
            if (BandwidthFileSha256(status.BandwidthFileDigest) is not { } digest)
            {
                continue;
            }

            await using var update = new NpgsqlCommand(
                "UPDATE network_statuses SET bandwidth_file_digest = $2 WHERE document_sha256 = $1", connection);
            update.Parameters.AddWithValue(document.Sha256);
            update.Parameters.AddWithValue(digest);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The <c>sha256=</c> value of a vote's <c>bandwidth-file-digest</c> line (unpadded base64).</summary>
    internal static byte[]? BandwidthFileSha256(string? arguments)
    {
        var value = arguments?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(a => a.StartsWith("sha256=", StringComparison.Ordinal))?["sha256=".Length..];
        try
        {
            return TorEncoding.FromUnpaddedBase64(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task WriteCertificatesAsync(List<(ArchivedDocument Document, DirKeyCertificate Certificate)> certificates, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY key_certificates (document_sha256, fingerprint, published, expires, signing_key_digest, address, dir_port) " +
            "FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (document, certificate) in certificates)
        {
            copy.StartRow();
            copy.Write(document.Sha256, NpgsqlDbType.Bytea);
            copy.Write(Convert.FromHexString(certificate.Fingerprint), NpgsqlDbType.Bytea);
            copy.Write(certificate.Published, NpgsqlDbType.TimestampTz);
            copy.Write(certificate.Expires, NpgsqlDbType.TimestampTz);
            copy.Write(Convert.FromHexString(certificate.SigningKeyDigest), NpgsqlDbType.Bytea);
            copy.WriteNullable(certificate.Address, NpgsqlDbType.Text);
            copy.WriteNullable(certificate.DirPort, NpgsqlDbType.Integer);
        }

        await copy.CompleteAsync(cancellationToken);
    }
}
