namespace TorMetrics.Domain.RelayCollection;

/// <summary>
/// What the archive holds, as far as collection cares: the newest consensus and its schedule, the authorities and
/// caches it names, what is held for the period being voted on, and what recent documents reference but the archive
/// lacks. Loaded from the database before every planning step, so the archive is the only state that matters.
/// </summary>
public sealed record CollectionState
{
    /// <summary>Null before the first consensus is archived (bootstrap).</summary>
    public VotingSchedule? Schedule { get; init; }

    public DateTime? NewestNsValidAfter { get; init; }

    public DateTime? NewestMicrodescValidAfter { get; init; }

    /// <summary>The newest consensus's authorities (v3 identity set); empty before it, or for consensuses imported before they were recorded.</summary>
    public IReadOnlyList<DirectoryServer> Authorities { get; init; } = [];

    /// <summary>V2Dir relays of the newest consensus that advertise a DirPort.</summary>
    public IReadOnlyList<DirectoryServer> Caches { get; init; } = [];

    /// <summary>The period <see cref="VotesHeld"/> and <see cref="SignaturesHeld"/> are about.</summary>
    public DateTime? VotingValidAfter { get; init; }

    /// <summary>Upper-case hex v3 identities whose vote for <see cref="VotingValidAfter"/> is archived.</summary>
    public IReadOnlySet<string> VotesHeld { get; init; } = new HashSet<string>();

    public bool SignaturesHeld { get; init; }

    /// <summary>Votes the newest consensus was made from that are not archived: (identity, vote digest), hex.</summary>
    public IReadOnlyList<(string Identity, string Digest)> MissingVotes { get; init; } = [];

    /// <summary>Hex SHA-1 digests referenced by recent consensuses and votes.</summary>
    public IReadOnlyList<string> MissingServerDescriptors { get; init; } = [];

    /// <summary>Hex SHA-1 digests referenced by archived server descriptors that recent statuses reference.</summary>
    public IReadOnlyList<string> MissingExtraInfos { get; init; } = [];

    /// <summary>Unpadded base64 SHA-256 digests referenced by recent microdesc consensuses.</summary>
    public IReadOnlyList<string> MissingMicrodescriptors { get; init; } = [];

    /// <summary>(authority identity, signing-key digest), hex, of recent consensus signatures without a certificate.</summary>
    public IReadOnlyList<(string Identity, string SigningKeyDigest)> MissingKeyCertificates { get; init; } = [];

    /// <summary>(voting authority identity hex, bandwidth file SHA-256 hex) referenced by recent votes.</summary>
    public IReadOnlyList<(string Identity, string Digest)> MissingBandwidthFiles { get; init; } = [];
}
