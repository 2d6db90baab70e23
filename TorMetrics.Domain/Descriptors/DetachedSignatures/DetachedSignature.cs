using TorMetrics.Domain.Descriptors.NetworkStatuses;

namespace TorMetrics.Domain.Descriptors.DetachedSignatures;

/// <summary>
/// Detached consensus signatures (dir-spec §3.10): what authorities exchange to assemble the
/// signatures on the consensus of one valid-after hour, for each flavour.
/// </summary>
public sealed record DetachedSignature : Descriptor
{
    /// <summary>Upper-case hex SHA-1 of the ns consensus being signed.</summary>
    public string? ConsensusDigest { get; init; }

    public required DateTime ValidAfter { get; init; }

    public required DateTime FreshUntil { get; init; }

    public required DateTime ValidUntil { get; init; }

    /// <summary>Digests of other flavours, e.g. ("microdesc", "sha256", HEX).</summary>
    public IReadOnlyList<AdditionalDigest> AdditionalDigests { get; init; } = [];

    public IReadOnlyList<AdditionalSignature> AdditionalSignatures { get; init; } = [];

    /// <summary>Signatures on the ns consensus.</summary>
    public IReadOnlyList<DirectorySignature> Signatures { get; init; } = [];

    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];
}

/// <summary><c>additional-digest flavor algname digest</c>.</summary>
public sealed record AdditionalDigest(string Flavor, string Algorithm, string Digest);

/// <summary><c>additional-signature flavor algname identity signing-key-digest</c> and its SIGNATURE.</summary>
public sealed record AdditionalSignature(string Flavor, string Algorithm, string Identity, string SigningKeyDigest, string Signature);
