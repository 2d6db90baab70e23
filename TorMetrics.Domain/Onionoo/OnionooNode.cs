namespace TorMetrics.Domain.Onionoo;

/// <summary>
/// One served relay or bridge: what the query engine filters and orders on, and its documents, already rendered
/// as UTF-8 JSON so a request only concatenates bytes.
/// </summary>
public sealed class OnionooNode
{
    public required bool IsBridge { get; init; }

    public required string Nickname { get; init; }

    /// <summary>Relays: the fingerprint. Bridges: the hashed fingerprint. 40 upper-case hex digits.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>SHA-1 of <see cref="Fingerprint"/>'s bytes, upper-case hex (a bridge's double-hashed fingerprint).</summary>
    public required string HashedFingerprint { get; init; }

    /// <summary>Relays: base64 of the fingerprint bytes without padding. Bridges: null (not searchable so).</summary>
    public string? Base64Fingerprint { get; init; }

    /// <summary>The summary "a" list: lower-case, IPv6 in brackets, no ports.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    public required bool Running { get; init; }

    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Lower-case two-letter code, or null.</summary>
    public string? Country { get; init; }

    /// <summary>"AS" and the number, or null.</summary>
    public string? AutonomousSystem { get; init; }

    /// <summary>Lower-case, for filtering.</summary>
    public string? AutonomousSystemName { get; init; }

    public required DateTime FirstSeen { get; init; }

    public required DateTime LastSeen { get; init; }

    /// <summary>For filtering: lower-case, characters outside printable ASCII replaced by spaces.</summary>
    public string? Contact { get; init; }

    /// <summary>Relays: the effective family (fingerprints, including the relay itself).</summary>
    public IReadOnlyList<string> EffectiveFamily { get; init; } = [];

    public string? Version { get; init; }

    /// <summary>The platform's text after " on ", lower-case.</summary>
    public string? OperatingSystem { get; init; }

    /// <summary>Verified and unverified host names, lower-case.</summary>
    public IReadOnlyList<string> HostNames { get; init; } = [];

    public bool? RecommendedVersion { get; init; }

    /// <summary>Null when no server descriptor is known; else whether the newest one had overload-general.</summary>
    public bool? Overloaded { get; init; }

    /// <summary>Lower-case transport names.</summary>
    public IReadOnlyList<string> Transports { get; init; } = [];

    /// <summary>Relays: the consensus weight. Bridges: -1, so ordering by weight falls through to the fingerprint.</summary>
    public required long ConsensusWeight { get; init; }

    public required byte[] Summary { get; init; }

    /// <summary>The details object's top-level members in order, each rendered as <c>"name":value</c>.</summary>
    public required IReadOnlyList<DetailsMember> Details { get; init; }

    public required byte[] Bandwidth { get; init; }

    public required byte[] Weights { get; init; }

    public required byte[] Clients { get; init; }

    public required byte[] Uptime { get; init; }
}

/// <summary>A details document member: its name, and its <c>"name":value</c> JSON.</summary>
public sealed record DetailsMember(string Name, byte[] Json);
