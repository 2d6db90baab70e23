using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TorMetrics.Web.TestNetwork;

/// <summary>
/// Starts, describes and stops a private Tor network on 127.0.0.1, following local-tor-network.md §2.7: fresh keys,
/// torrcs and the description first; launch aligned to the authorities' first vote; relays and authorities, then
/// SIGHUP to end their 404 back-off once a consensus exists; then bridges and the client; then wait for ready.
/// </summary>
public sealed class TestNetworkLauncher(HttpClient http, TimeProvider clock)
{
    private const string EmptyFileName = "empty";

    public async Task<TestNetworkDescription> StartAsync(
        TestNetworkSettings settings, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        settings.Validate();
        TorBinaries.RequireTor();
        TorBinaries.RequireTorGencert();
        var runDir = Path.GetFullPath(settings.RunDirectory);
        PrepareRunDirectory(runDir);
        CheckPortsFree(settings);

        var emptyFile = Path.Combine(runDir, EmptyFileName);
        File.WriteAllText(emptyFile, "");
        var layout = Layout(settings, runDir);
        progress?.Report(FormattableString.Invariant($"Generating keys for {layout.Count(n => n.OrPort is not null)} nodes."));
        var identities = await Task.WhenAll(layout.Select(async node => node.OrPort is null
            ? null
            : await TestNetworkKeys.GenerateAsync(node.DataDir, emptyFile, node.Role == TestNetworkRole.Auth ? node.DirPort : null, cancellationToken)));
        var nodes = layout.Select((n, i) => identities[i] is { } id
            ? n with { Fingerprint = id.Fingerprint, Ed25519 = id.Ed25519, V3Ident = id.V3Ident }
            : n).ToList();

        var bandwidthFile = Path.Combine(runDir, "bwfile");
        BandwidthFileWriter.Write(bandwidthFile, nodes.Where(n => n.Role is TestNetworkRole.Exit or TestNetworkRole.Middle), clock.GetUtcNow().UtcDateTime);
        var torrcs = new TorrcBuilder(settings, nodes, emptyFile, bandwidthFile);
        foreach (var node in nodes)
        {
            File.WriteAllText(node.Torrc, torrcs.Build(node));
        }

        var network = new TestNetworkDescription
        {
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            RunDir = runDir,
            TorVersion = await TorBinaries.VersionAsync(cancellationToken),
            BasePort = settings.BasePort,
            VotingInterval = settings.VotingInterval,
            InitialVotingInterval = settings.InitialVotingInterval,
            VoteDelay = settings.VoteDelay,
            DistDelay = settings.VoteDelay,
            Options = new TestNetworkOptionsDescription(Geoip: false, OpenExits: false, SeedStats: false, bandwidthFile, RateCaps: false),
            Nodes = nodes,
        };
        network.Write();

        try
        {
            await AlignToFirstVoteAsync(settings, progress, cancellationToken);
            var launched = Stopwatch.StartNew();
            progress?.Report("Starting authorities, exits and middles.");
            await Task.WhenAll(nodes.Where(n => n.IsPhaseOne).Select(n => TorProcesses.StartAsync(n, emptyFile, cancellationToken)));

            var probe = new TestNetworkProbe(http);
            await WaitForFirstConsensusAsync(network, probe, settings.ReadyTimeout, progress, cancellationToken);

            // They asked for a consensus before one existed and back off for up to a minute; SIGHUP fetches at once.
            foreach (var node in nodes.Where(n => n.IsPhaseOne && n.Role != TestNetworkRole.Auth))
            {
                TorProcesses.Reload(node);
            }

            progress?.Report("Starting bridges and clients.");
            await Task.WhenAll(nodes.Where(n => !n.IsPhaseOne).Select(n => TorProcesses.StartAsync(n, emptyFile, cancellationToken)));
            await WaitUntilReadyAsync(network, probe, settings.ReadyTimeout - launched.Elapsed, progress, cancellationToken);

            network = network with { ReadyAfterSeconds = Math.Round(launched.Elapsed.TotalSeconds, 1) };
            network.Write();
            return network;
        }
        catch
        {
            await StopAsync(network, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Stops every node of the network by its recorded pid; returns how many were running.</summary>
    public static async Task<int> StopAsync(TestNetworkDescription network, CancellationToken cancellationToken)
    {
        var stopped = await Task.WhenAll(network.Nodes.Select(n => TorProcesses.StopAsync(n, cancellationToken)));
        return stopped.Count(s => s);
    }

    /// <summary>Each node's pid, or null when it is not running.</summary>
    public static IReadOnlyList<(TestNetworkNode Node, int? Pid)> Status(TestNetworkDescription network) =>
        network.Nodes.Select(n => (n, TorProcesses.RunningPid(n))).ToList();

    private static void PrepareRunDirectory(string runDir)
    {
        if (TestNetworkDescription.TryRead(runDir) is { } previous)
        {
            if (Status(previous).Any(s => s.Pid is not null))
            {
                throw new InvalidOperationException($"A test network is still running in {runDir}: stop it first (testnet stop).");
            }

            // Our own earlier run, stopped: its keys are never reused.
            Directory.Delete(runDir, recursive: true);
        }
        else if (Directory.Exists(runDir) && Directory.EnumerateFileSystemEntries(runDir).Any())
        {
            throw new InvalidOperationException($"{runDir} exists and is not a test network's run directory; choose an empty one.");
        }

        Directory.CreateDirectory(runDir);
    }

    private static List<TestNetworkNode> Layout(TestNetworkSettings settings, string runDir)
    {
        var roles = Enumerable.Repeat(TestNetworkRole.Auth, settings.Authorities)
            .Append(TestNetworkRole.BridgeAuth)
            .Concat(Enumerable.Repeat(TestNetworkRole.Exit, settings.Exits))
            .Concat(Enumerable.Repeat(TestNetworkRole.Middle, settings.Middles))
            .Concat(Enumerable.Repeat(TestNetworkRole.Bridge, settings.Bridges))
            .Concat(Enumerable.Repeat(TestNetworkRole.Client, settings.Clients));
        return roles.Select((role, i) =>
        {
            var nickname = string.Create(CultureInfo.InvariantCulture, $"tm{i:000}{RoleCode(role)}");
            var dataDir = Path.Combine(runDir, "nodes", nickname);
            Directory.CreateDirectory(dataDir);
            if (!OperatingSystem.IsWindows())
            {
                // tor refuses a DataDirectory that others can read.
                File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var b = settings.BasePort;
            return new TestNetworkNode
            {
                Index = i,
                Role = role,
                Nickname = nickname,
                OrPort = role == TestNetworkRole.Client ? null : b + i,
                ControlPort = b + 100 + i,
                DirPort = role is TestNetworkRole.Auth or TestNetworkRole.BridgeAuth ? b + 200 + i : null,
                MetricsPort = b + 300 + i,
                SocksPort = role == TestNetworkRole.Client ? b + 400 + i : null,
                DataDir = dataDir,
                Torrc = Path.Combine(dataDir, "torrc"),
                CookieFile = Path.Combine(dataDir, "control_auth_cookie"),
                PidFile = Path.Combine(dataDir, "pid"),
                LogFile = Path.Combine(dataDir, "notice.log"),
                ExitPolicy = role == TestNetworkRole.Exit ? ["accept 127.0.0.0/8:*", "reject *:*"] : null,
            };
        }).ToList();
    }

    private static string RoleCode(TestNetworkRole role) => role switch
    {
        TestNetworkRole.Auth => "a",
        TestNetworkRole.BridgeAuth => "ba",
        TestNetworkRole.Exit => "e",
        TestNetworkRole.Middle => "m",
        TestNetworkRole.Bridge => "br",
        _ => "c",
    };

    /// <summary>Whether every port the network would use is free (another network, or anything else, may hold them).</summary>
    public static bool PortsFree(TestNetworkSettings settings)
    {
        try
        {
            CheckPortsFree(settings);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Binds each port with SO_REUSEADDR, as tor does: a previous run's TIME_WAIT sockets are not "busy".</summary>
    private static void CheckPortsFree(TestNetworkSettings settings)
    {
        for (var kind = 0; kind < 5; kind++)
        {
            for (var i = 0; i < settings.NodeCount; i++)
            {
                var port = settings.BasePort + kind * 100 + i;
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                }
                catch (SocketException)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"Port 127.0.0.1:{port} is in use: choose another --base-port (the network needs {settings.BasePort}-{settings.BasePort + 499})."));
                }
            }
        }
    }

    /// <summary>
    /// Authorities vote first at the next multiple of the initial interval minus both delays. If the relays' uploads
    /// cannot arrive before then, the first consensus lists authorities only and the relays wait a full interval:
    /// launch only with a margin left, otherwise just after the next multiple.
    /// </summary>
    private async Task AlignToFirstVoteAsync(TestNetworkSettings settings, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        const double MarginSeconds = 4;
        var interval = settings.InitialVotingInterval;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var nextMultiple = Math.Floor(now / interval) * interval + interval;
        var firstVote = nextMultiple - 2 * settings.InitialVoteDelay;
        if (firstVote - now >= MarginSeconds)
        {
            return;
        }

        var wait = TimeSpan.FromSeconds(nextMultiple + 0.2 - now);
        progress?.Report(FormattableString.Invariant($"Waiting {wait.TotalSeconds:F1} s so the first vote sees every relay."));
        await Task.Delay(wait, clock, cancellationToken);
    }

    private static async Task WaitForFirstConsensusAsync(
        TestNetworkDescription network, TestNetworkProbe probe, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var phaseOne = network.Nodes.Where(n => n.IsPhaseOne).Select(n => n.Fingerprint!).ToHashSet(StringComparer.Ordinal);
        var deadline = Stopwatch.StartNew();
        var last = "";
        while (true)
        {
            var counts = new List<int>();
            foreach (var authority in network.Authorities)
            {
                var consensus = await probe.ConsensusAsync(authority, cancellationToken);
                counts.Add(consensus?.Entries.Count(e => phaseOne.Contains(e.Fingerprint)) ?? 0);
            }

            if (counts.All(c => c == phaseOne.Count))
            {
                return;
            }

            var status = FormattableString.Invariant($"Waiting for a consensus with every relay: {counts.Min()}/{phaseOne.Count} listed.");
            if (status != last)
            {
                progress?.Report(status);
                last = status;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException(FormattableString.Invariant(
                    $"No consensus with all {phaseOne.Count} relays after {timeout.TotalSeconds:F0} s; the nodes' notice.log files are in {network.RunDir}/nodes."));
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private static async Task WaitUntilReadyAsync(
        TestNetworkDescription network, TestNetworkProbe probe, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var last = "";
        while (true)
        {
            var waiting = await probe.NotReadyAsync(network, cancellationToken);
            if (waiting.Count == 0)
            {
                return;
            }

            var status = "Waiting for: " + string.Join("; ", waiting.Take(3)) + (waiting.Count > 3 ? "; …" : "");
            if (status != last)
            {
                progress?.Report(status);
                last = status;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException(FormattableString.Invariant(
                    $"Not ready after the timeout: {string.Join("; ", waiting)}. The nodes' notice.log files are in {network.RunDir}/nodes."));
            }

            await Task.Delay(1000, cancellationToken);
        }
    }
}
