namespace TorMetrics.Domain.Descriptors.NetworkStatuses;

/// <summary>
/// One router status entry of a consensus, vote or bridge network status (dir-spec §3.4.1):
/// the <c>r</c>, <c>a</c>, <c>s</c>, <c>v</c>, <c>pr</c>, <c>w</c>, <c>p</c>, <c>m</c> and <c>id</c> lines.
/// </summary>
public sealed record RouterStatusEntry
{
    public required string Nickname { get; init; }

    /// <summary>40 upper-case hex characters (decoded from the base64 identity on the <c>r</c> line).</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Upper-case hex SHA-1 of the referenced server descriptor; null in microdesc consensuses.</summary>
    public string? DescriptorDigestSha1Hex { get; init; }

    /// <summary>Publication time on the <c>r</c> line; exact in votes, approximate in newer consensuses.</summary>
    public required DateTime Published { get; init; }

    public required string Address { get; init; }

    public required int OrPort { get; init; }

    /// <summary>0 when the relay has no DirPort.</summary>
    public required int DirPort { get; init; }

    public IReadOnlyList<OrAddress> OrAddresses { get; init; } = [];

    /// <summary>Flags as written, unknown ones included.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>The <c>v</c> line's text, e.g. "Tor 0.4.7.10".</summary>
    public string? VersionLine { get; init; }

    /// <summary>The tor version from <see cref="VersionLine"/>, e.g. "0.4.7.10".</summary>
    public string? Version { get; init; }

    /// <summary>Parsed <c>pr</c> line; empty when absent.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> Protocols { get; init; } = EmptyProtocols;

    /// <summary><c>w Bandwidth=</c>: the consensus weight.</summary>
    public long? Bandwidth { get; init; }

    /// <summary><c>w Measured=</c>: bandwidth-authority measurement (votes; consensuses before method 17).</summary>
    public long? Measured { get; init; }

    /// <summary><c>w Unmeasured=1</c>: too few measurements; the weight is from the descriptor.</summary>
    public bool Unmeasured { get; init; }

    /// <summary>Other <c>w</c> keys, kept for forward compatibility; null when none.</summary>
    public IReadOnlyDictionary<string, long>? OtherWeights { get; init; }

    /// <summary>The <c>p</c> line, e.g. "accept 80,443" or "reject 1-65535".</summary>
    public string? ExitPolicySummary { get; init; }

    /// <summary>Unpadded base64 SHA-256 of the microdescriptor (<c>m</c> line of a microdesc consensus).</summary>
    public string? MicrodescriptorDigestSha256Base64 { get; init; }

    /// <summary>Vote <c>m</c> lines: which consensus methods yield which microdescriptor digest.</summary>
    public IReadOnlyList<VoteMicrodescriptorHash> MicrodescriptorHashes { get; init; } = [];

    /// <summary>Vote <c>id</c> line key type (e.g. "ed25519") and value ("none" when the relay has none).</summary>
    public string? IdentityKeyType { get; init; }

    public string? IdentityKey { get; init; }

    /// <summary>Vote <c>stats</c> line key/values (wfu, tk, mtbf), as written.</summary>
    public IReadOnlyDictionary<string, string>? Stats { get; init; }

    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];

    internal static readonly IReadOnlyDictionary<string, IReadOnlyList<int>> EmptyProtocols = new Dictionary<string, IReadOnlyList<int>>();
}

/// <summary>A vote <c>m</c> line: <c>m 14,15 sha256=...</c>.</summary>
public sealed record VoteMicrodescriptorHash(IReadOnlyList<int> ConsensusMethods, IReadOnlyDictionary<string, string> Digests);
