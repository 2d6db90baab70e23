namespace TorMetrics.Domain.Descriptors.ServerDescriptors;

/// <summary>
/// A relay or sanitised bridge server descriptor (dir-spec §2.1.1; bridge-descriptors spec).
/// <see cref="Descriptor.Kind"/> tells which. Ports of 0 mean "not offered".
/// </summary>
public sealed record ServerDescriptor : Descriptor
{
    public required string Nickname { get; init; }

    public required string Address { get; init; }

    public required int OrPort { get; init; }

    public required int SocksPort { get; init; }

    public required int DirPort { get; init; }

    /// <summary>40 upper-case hex characters; for bridges the sanitised (hashed) fingerprint.</summary>
    public string? Fingerprint { get; init; }

    public required DateTime Published { get; init; }

    public string? Platform { get; init; }

    /// <summary>The version from <see cref="Platform"/> ("Tor 0.4.7.10 on Linux" gives "0.4.7.10").</summary>
    public string? TorVersion { get; init; }

    /// <summary>The raw <c>proto</c> line arguments.</summary>
    public string? Proto { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<int>> ProtocolVersions { get; init; } = new Dictionary<string, IReadOnlyList<int>>();

    /// <summary>Legacy <c>protocols</c> line (before <c>proto</c> existed), raw.</summary>
    public string? Protocols { get; init; }

    public required long BandwidthAverage { get; init; }

    public required long BandwidthBurst { get; init; }

    public required long BandwidthObserved { get; init; }

    /// <summary>Seconds; negative in some ancient descriptors (tor 0.1.1 bug).</summary>
    public long? Uptime { get; init; }

    public bool Hibernating { get; init; }

    public string? Contact { get; init; }

    /// <summary>Family members as written: nicknames, <c>$HEX</c>, <c>$HEX=nick</c>, <c>$HEX~nick</c>.</summary>
    public IReadOnlyList<string> Family { get; init; } = [];

    /// <summary>The ordered exit policy, one rule per entry, e.g. <c>reject *:25</c>.</summary>
    public IReadOnlyList<string> ExitPolicy { get; init; } = [];

    /// <summary>The <c>ipv6-policy</c> summary; null when absent (meaning "reject 1-65535").</summary>
    public string? Ipv6Policy { get; init; }

    public IReadOnlyList<OrAddress> OrAddresses { get; init; } = [];

    /// <summary>Unpadded base64 ed25519 master key, from <c>master-key-ed25519</c> or the identity certificate.</summary>
    public string? MasterKeyEd25519 { get; init; }

    public string? NtorOnionKey { get; init; }

    /// <summary>Upper-case hex SHA-1 of the extra-info descriptor this descriptor points to.</summary>
    public string? ExtraInfoDigestSha1Hex { get; init; }

    /// <summary>Unpadded base64 SHA-256 of that extra-info descriptor (tor ≥ 0.2.7.2).</summary>
    public string? ExtraInfoDigestSha256Base64 { get; init; }

    public bool HiddenServiceDir { get; init; }

    public bool TunnelledDirServer { get; init; }

    public bool CachesExtraInfo { get; init; }

    public bool AllowSingleHopExits { get; init; }

    public OverloadGeneral? OverloadGeneral { get; init; }

    public string? BridgeDistributionRequest { get; init; }

    /// <summary>Only pre-0.2.0 descriptors carry histories; later ones moved them to extra-info.</summary>
    public BandwidthHistory? ReadHistory { get; init; }

    public BandwidthHistory? WriteHistory { get; init; }

    /// <summary>
    /// Upper-case hex SHA-1 identifying the descriptor: computed from "router" through
    /// "router-signature\n" for relays (what consensus <c>r</c> lines reference), the
    /// <c>router-digest</c> line for sanitised bridges.
    /// </summary>
    public required string DigestSha1Hex { get; init; }

    /// <summary>
    /// Unpadded base64 SHA-256: over the same signed range as the SHA-1 for relays (what stem and
    /// metrics-lib compute), the <c>router-digest-sha256</c> line for bridges (null when absent).
    /// </summary>
    public string? DigestSha256Base64 { get; init; }

    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];
}

/// <summary><c>overload-general version YYYY-MM-DD HH:MM:SS</c>: overloaded at or after that hour.</summary>
public sealed record OverloadGeneral(int Version, DateTime Since);
