using System.Text.Json;
using System.Text.Json.Serialization;

namespace TorMetrics.Web.TestNetwork;

/// <summary>
/// The machine-readable description of a running (or stopped) test network, <c>network.json</c> in its run
/// directory. Written before anything is launched so that <c>stop</c> works even if <c>start</c> failed halfway.
/// </summary>
public sealed record TestNetworkDescription
{
    public const string FileName = "network.json";

    public int SchemaVersion { get; init; } = 1;

    public required DateTime CreatedUtc { get; init; }

    public required string RunDir { get; init; }

    public required string TorVersion { get; init; }

    public required int BasePort { get; init; }

    public required int VotingInterval { get; init; }

    public required int InitialVotingInterval { get; init; }

    public required int VoteDelay { get; init; }

    public required int DistDelay { get; init; }

    public required TestNetworkOptionsDescription Options { get; init; }

    /// <summary>Seconds from launching the first process to "ready"; null until then.</summary>
    public double? ReadyAfterSeconds { get; init; }

    public required IReadOnlyList<TestNetworkNode> Nodes { get; init; }

    [JsonIgnore]
    public IEnumerable<TestNetworkNode> Authorities => Nodes.Where(n => n.Role == TestNetworkRole.Auth);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string PathIn(string runDirectory) => Path.Combine(runDirectory, FileName);

    public static TestNetworkDescription? TryRead(string runDirectory)
    {
        var path = PathIn(runDirectory);
        return File.Exists(path) ? JsonSerializer.Deserialize<TestNetworkDescription>(File.ReadAllText(path), Json) : null;
    }

    /// <summary>Writes <c>network.json</c> and a flat <c>network.env</c> (KEY=VALUE) for shell steps, each atomically.</summary>
    public void Write()
    {
        WriteAtomically(PathIn(RunDir), JsonSerializer.Serialize(this, Json));
        WriteAtomically(Path.Combine(RunDir, "network.env"), TestNetworkEnvFile.Format(this));
    }

    private static void WriteAtomically(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>Which optional parts the network has.</summary>
public sealed record TestNetworkOptionsDescription(bool Geoip, bool OpenExits, bool SeedStats, string? BandwidthFile, bool RateCaps);
