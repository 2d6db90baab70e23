namespace TorMetrics.Domain.Descriptors.Microdescriptors;

/// <summary>
/// A microdescriptor (dir-spec §3.3): the part of a server descriptor clients need, derived by
/// the authorities. Unsigned and without timestamp; identified by its SHA-256.
/// </summary>
public sealed record Microdescriptor : Descriptor
{
    /// <summary>False in newer formats where <c>onion-key</c> carries no RSA object.</summary>
    public bool HasTapOnionKey { get; init; }

    /// <summary>As written; the trailing '=' was dropped from consensus method 30 on.</summary>
    public string? NtorOnionKey { get; init; }

    public IReadOnlyList<OrAddress> OrAddresses { get; init; } = [];

    public IReadOnlyList<string> Family { get; init; } = [];

    /// <summary><c>family-ids</c> (happy families, tor 0.4.9), as written.</summary>
    public IReadOnlyList<string> FamilyIds { get; init; } = [];

    /// <summary>The <c>p</c> line, e.g. "accept 80,443"; null when absent ("reject 1-65535").</summary>
    public string? ExitPolicySummary { get; init; }

    /// <summary>The <c>p6</c> line; null when absent.</summary>
    public string? Ipv6PolicySummary { get; init; }

    /// <summary><c>id</c> lines by key type, e.g. "ed25519" → unpadded base64 key.</summary>
    public IReadOnlyDictionary<string, string> Identifiers { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, IReadOnlyList<int>> Protocols { get; init; } = new Dictionary<string, IReadOnlyList<int>>();

    /// <summary>
    /// Unpadded base64 SHA-256 over the whole microdescriptor without annotations: what
    /// microdesc-consensus <c>m</c> lines reference.
    /// </summary>
    public required string DigestSha256Base64 { get; init; }

    /// <summary>Lower-case hex of the same digest: CollecTor's archive file name.</summary>
    public required string DigestSha256Hex { get; init; }

    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];
}
