using System.Text.Json.Serialization;

namespace TorMetrics.Web.TestNetwork;

/// <summary>One tor process of the network, as the machine-readable description lists it (local-tor-network.md §3.4).</summary>
public sealed record TestNetworkNode
{
    public required int Index { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<TestNetworkRole>))]
    public required TestNetworkRole Role { get; init; }

    public required string Nickname { get; init; }

    /// <summary>40 upper-case hex RSA identity; null for clients, which have no keys of their own.</summary>
    public string? Fingerprint { get; init; }

    public string? Ed25519 { get; init; }

    /// <summary>The v3 identity (authority certificate fingerprint) of a v3 authority.</summary>
    public string? V3Ident { get; init; }

    public int? OrPort { get; init; }

    public int? DirPort { get; init; }

    public required int ControlPort { get; init; }

    public int? SocksPort { get; init; }

    public required int MetricsPort { get; init; }

    public required string DataDir { get; init; }

    public required string Torrc { get; init; }

    public required string CookieFile { get; init; }

    public required string PidFile { get; init; }

    public required string LogFile { get; init; }

    public IReadOnlyList<string>? ExitPolicy { get; init; }

    [JsonIgnore]
    public bool IsRelay => Role is TestNetworkRole.Auth or TestNetworkRole.BridgeAuth or TestNetworkRole.Exit or TestNetworkRole.Middle;

    /// <summary>Started first: everything that must be in the first consensus.</summary>
    [JsonIgnore]
    public bool IsPhaseOne => IsRelay;
}
