namespace TorMetrics.Web.TestNetwork;

/// <summary>
/// The shape of a test network and its voting schedule. The defaults are the network (3 v3 authorities, a
/// bridge authority, 3 exits, 3 middles, 2 bridges, a client) in the reference's fast mode: no GeoIP, a 10 s
/// initial voting interval, then a consensus every 60 s.
/// </summary>
public sealed record TestNetworkSettings
{
    public required string RunDirectory { get; init; }

    /// <summary>Ports are BasePort + 100·kind + node index, so one network needs BasePort … BasePort+499.</summary>
    public int BasePort { get; init; } = 20000;

    public int Authorities { get; init; } = 3;

    public int Exits { get; init; } = 3;

    public int Middles { get; init; } = 3;

    public int Bridges { get; init; } = 2;

    public int Clients { get; init; } = 1;

    public int VotingInterval { get; init; } = 60;

    public int InitialVotingInterval { get; init; } = 10;

    /// <summary>How long the launcher waits for "ready" before it stops the network and fails.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(240);

    /// <summary>Vote and distribution delay: max(2, min(10, interval/6 − 1)), so that both fit in half an interval.</summary>
    public int VoteDelay => Math.Max(2, Math.Min(10, VotingInterval / 6 - 1));

    public int InitialVoteDelay => Math.Max(2, InitialVotingInterval / 5);

    public int NodeCount => Authorities + 1 + Exits + Middles + Bridges + Clients;

    public void Validate()
    {
        if (Authorities < 1 || Exits < 1 || Middles < 0 || Bridges < 0 || Clients < 0 || NodeCount > 100)
        {
            throw new ArgumentException("A test network needs at least one authority and one exit, and at most 100 nodes.");
        }

        if (BasePort < 1024 || BasePort + 499 > 65535)
        {
            throw new ArgumentException($"--base-port {BasePort}: the network needs ports base … base+499 within 1024-65535.");
        }

        if (VotingInterval < 10 || 86400 % VotingInterval != 0 || InitialVotingInterval < 10 || 1800 % InitialVotingInterval != 0)
        {
            throw new ArgumentException("The voting interval must be ≥ 10 s and divide a day; the initial one must divide 30 minutes.");
        }
    }
}
