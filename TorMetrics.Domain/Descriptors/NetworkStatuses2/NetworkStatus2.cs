using TorMetrics.Domain.Descriptors.NetworkStatuses;

namespace TorMetrics.Domain.Descriptors.NetworkStatuses2;

/// <summary>
/// A version 2 network status (torspec attic/dir-spec-v2 §3.1): one authority's signed view of the
/// network, archived by CollecTor from 2005 to 2012 (<c>@type network-status-2 1.0</c>). Each authority
/// published its own; there is no consensus.
/// </summary>
public sealed record NetworkStatus2 : Descriptor
{
    /// <summary><c>dir-source</c> hostname.</summary>
    public required string DirSourceHostname { get; init; }

    public required string DirSourceAddress { get; init; }

    public required int DirSourceDirPort { get; init; }

    /// <summary>The authority's identity: 40 upper-case hex characters.</summary>
    public required string Fingerprint { get; init; }

    public string? Contact { get; init; }

    public required DateTime Published { get; init; }

    /// <summary><c>dir-options</c>, e.g. Names, Versions, BadExits, BadDirectories.</summary>
    public IReadOnlyList<string> DirOptions { get; init; } = [];

    /// <summary>Recommended client versions; empty when the authority does not recommend versions.</summary>
    public IReadOnlyList<string> ClientVersions { get; init; } = [];

    public IReadOnlyList<string> ServerVersions { get; init; } = [];

    /// <summary>The authority's signing key (its identity key in v2), base64 DER without line breaks.</summary>
    public required string DirSigningKey { get; init; }

    public IReadOnlyList<RouterStatusEntry> Entries { get; init; } = [];

    /// <summary>The nickname on the <c>directory-signature</c> line.</summary>
    public required string SignatureNickname { get; init; }

    /// <summary>The SIGNATURE object, base64 without line breaks.</summary>
    public required string Signature { get; init; }

    /// <summary>
    /// Upper-case hex SHA-1 over the signed range: from <c>network-status-version</c> through the LF ending
    /// the <c>directory-signature</c> line.
    /// </summary>
    public required string DigestSha1Hex { get; init; }

    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];
}
