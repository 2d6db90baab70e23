namespace TorMetrics.Domain.Descriptors.NetworkStatuses;

/// <summary>
/// A v3 network status document (dir-spec §3.4.1): an ns- or microdesc-flavoured consensus, or
/// one authority's vote. <see cref="Descriptor.Kind"/> tells which.
/// </summary>
public sealed record NetworkStatus : Descriptor
{
    /// <summary>"ns" or "microdesc".</summary>
    public required string Flavor { get; init; }

    /// <summary>"consensus" or "vote".</summary>
    public required string VoteStatus { get; init; }

    public bool IsVote => string.Equals(VoteStatus, "vote", StringComparison.Ordinal);

    /// <summary>The consensus method used (consensuses only).</summary>
    public int? ConsensusMethod { get; init; }

    /// <summary>The methods the authority supports (votes only).</summary>
    public IReadOnlyList<int> ConsensusMethods { get; init; } = [];

    /// <summary>When the vote was published (votes only).</summary>
    public DateTime? Published { get; init; }

    public required DateTime ValidAfter { get; init; }

    public required DateTime FreshUntil { get; init; }

    public required DateTime ValidUntil { get; init; }

    public required int VoteSeconds { get; init; }

    public required int DistSeconds { get; init; }

    public IReadOnlyList<string> ClientVersions { get; init; } = [];

    public IReadOnlyList<string> ServerVersions { get; init; } = [];

    /// <summary><c>package</c> lines, verbatim arguments.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    public IReadOnlyList<string> KnownFlags { get; init; } = [];

    /// <summary>Vote <c>flag-thresholds</c> as written (values may carry '%').</summary>
    public IReadOnlyDictionary<string, string> FlagThresholds { get; init; } = EmptyStrings;

    public IReadOnlyDictionary<string, IReadOnlyList<int>> RecommendedClientProtocols { get; init; } = RouterStatusEntry.EmptyProtocols;

    public IReadOnlyDictionary<string, IReadOnlyList<int>> RecommendedRelayProtocols { get; init; } = RouterStatusEntry.EmptyProtocols;

    public IReadOnlyDictionary<string, IReadOnlyList<int>> RequiredClientProtocols { get; init; } = RouterStatusEntry.EmptyProtocols;

    public IReadOnlyDictionary<string, IReadOnlyList<int>> RequiredRelayProtocols { get; init; } = RouterStatusEntry.EmptyProtocols;

    public IReadOnlyDictionary<string, long> Params { get; init; } = EmptyLongs;

    public SharedRandomValue? SharedRandPreviousValue { get; init; }

    public SharedRandomValue? SharedRandCurrentValue { get; init; }

    /// <summary>Vote <c>bandwidth-file-headers</c> key/values.</summary>
    public IReadOnlyDictionary<string, string> BandwidthFileHeaders { get; init; } = EmptyStrings;

    /// <summary>Vote <c>bandwidth-file-digest</c> arguments, e.g. "sha256=...".</summary>
    public string? BandwidthFileDigest { get; init; }

    public IReadOnlyList<DirectoryAuthority> Authorities { get; init; } = [];

    public IReadOnlyList<RouterStatusEntry> Entries { get; init; } = [];

    /// <summary><c>bandwidth-weights</c> (consensuses); divide by the <c>bwweightscale</c> param (default 10000).</summary>
    public IReadOnlyDictionary<string, long> BandwidthWeights { get; init; } = EmptyLongs;

    public IReadOnlyList<DirectorySignature> Signatures { get; init; } = [];

    /// <summary>
    /// Upper-case hex SHA-1 over the signed range (from <c>network-status-version</c> through the
    /// space after the first <c>directory-signature</c>): vote file names, consensus
    /// <c>vote-digest</c> lines and detached <c>consensus-digest</c> use it.
    /// </summary>
    public required string DigestSha1Hex { get; init; }

    /// <summary>Upper-case hex SHA-256 over the same range (what microdesc consensus signatures cover).</summary>
    public required string DigestSha256Hex { get; init; }

    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];

    internal static readonly IReadOnlyDictionary<string, string> EmptyStrings = new Dictionary<string, string>();

    internal static readonly IReadOnlyDictionary<string, long> EmptyLongs = new Dictionary<string, long>();
}

/// <summary><c>shared-rand-*-value NumReveals Value</c>.</summary>
public sealed record SharedRandomValue(int NumReveals, string Value);

/// <summary>
/// One authority section: <c>dir-source</c>, <c>contact</c>, <c>vote-digest</c> (consensus), and in
/// votes the embedded key certificate's identity and validity.
/// </summary>
public sealed record DirectoryAuthority
{
    public required string Nickname { get; init; }

    /// <summary>Upper-case hex v3 identity.</summary>
    public required string Identity { get; init; }

    public required string Hostname { get; init; }

    public required string Address { get; init; }

    public required int DirPort { get; init; }

    public required int OrPort { get; init; }

    public string? Contact { get; init; }

    /// <summary>Upper-case hex SHA-1 of the authority's vote (consensuses).</summary>
    public string? VoteDigest { get; init; }

    public string? LegacyDirKey { get; init; }

    /// <summary>Votes only: the embedded key certificate's <c>dir-key-published</c>.</summary>
    public DateTime? KeyCertificatePublished { get; init; }

    /// <summary>Votes only: the embedded key certificate's <c>dir-key-expires</c>.</summary>
    public DateTime? KeyCertificateExpires { get; init; }
}

/// <summary><c>directory-signature [algorithm] identity signing-key-digest</c> and its SIGNATURE object.</summary>
public sealed record DirectorySignature(string Algorithm, string Identity, string SigningKeyDigest, string Signature);
