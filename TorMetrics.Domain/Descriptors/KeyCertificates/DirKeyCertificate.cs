namespace TorMetrics.Domain.Descriptors.KeyCertificates;

/// <summary>
/// A directory authority key certificate (dir-spec §3.1): binds the authority's medium-term
/// signing key to its long-term identity. Identified by (<see cref="Fingerprint"/>, <see cref="Published"/>).
/// </summary>
public sealed record DirKeyCertificate : Descriptor
{
    /// <summary>Upper-case hex authority identity (SHA-1 of the DER identity key).</summary>
    public required string Fingerprint { get; init; }

    public required DateTime Published { get; init; }

    public required DateTime Expires { get; init; }

    /// <summary>From the optional <c>dir-address</c> line.</summary>
    public string? Address { get; init; }

    public int? DirPort { get; init; }

    /// <summary>
    /// Upper-case hex SHA-1 of the DER signing key: the value <c>directory-signature</c> lines
    /// name, so signatures can be matched to this certificate.
    /// </summary>
    public required string SigningKeyDigest { get; init; }

    /// <summary>Base64 DER identity and signing keys, for signature verification later.</summary>
    public required string IdentityKey { get; init; }

    public required string SigningKey { get; init; }

    /// <summary>
    /// Upper-case hex SHA-1 over the signed range (<c>dir-key-certificate-version</c> through the
    /// LF after <c>dir-key-certification</c>).
    /// </summary>
    public required string DigestSha1Hex { get; init; }

    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];
}
