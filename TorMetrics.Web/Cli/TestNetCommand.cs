using System.CommandLine;
using System.Globalization;
using TorMetrics.Web.TestNetwork;

namespace TorMetrics.Web.Cli;

/// <summary>The private Tor network on 127.0.0.1 that live collection is tested against; the work is in <see cref="TestNetworkLauncher"/>.</summary>
internal static class TestNetCommand
{
    public static Command Create()
    {
        var runDir = new Option<string>("--run-dir")
        {
            Description = "The network's directory (keys, torrcs, logs, network.json).",
            DefaultValueFactory = _ => Path.Combine(".data", "testnet"),
        };
        var basePort = new Option<int>("--base-port")
        {
            Description = "First port; the network uses base … base+499 on 127.0.0.1.",
            DefaultValueFactory = _ => 20000,
        };

        var start = new Command("start", "Start 3 v3 authorities, a bridge authority, 3 exits, 3 middles, 2 bridges and a client; wait until ready.")
        {
            runDir, basePort,
        };
        start.SetAction(async (parse, cancellationToken) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var launcher = new TestNetworkLauncher(http, TimeProvider.System);
            var settings = new TestNetworkSettings { RunDirectory = parse.GetValue(runDir)!, BasePort = parse.GetValue(basePort) };
            var network = await launcher.StartAsync(settings, new Progress<string>(Console.WriteLine), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Ready after {network.ReadyAfterSeconds:F1} s: {network.Nodes.Count} nodes; description in {TestNetworkDescription.PathIn(network.RunDir)}"));
            PrintNodes(network);
            return 0;
        });

        var status = new Command("status", "Show each node and whether its recorded pid is running.") { runDir };
        status.SetAction(parse =>
        {
            if (Read(parse.GetValue(runDir)!) is not { } network)
            {
                return 1;
            }

            PrintNodes(network);
            return TestNetworkLauncher.Status(network).All(s => s.Pid is not null) ? 0 : 3;
        });

        var stop = new Command("stop", "Stop the network's processes by their recorded pids (SIGTERM, SIGKILL after 5 s).") { runDir };
        stop.SetAction(async (parse, cancellationToken) =>
        {
            if (Read(parse.GetValue(runDir)!) is not { } network)
            {
                return 1;
            }

            var stopped = await TestNetworkLauncher.StopAsync(network, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stopped {stopped} of {network.Nodes.Count} nodes."));
            return 0;
        });

        var periods = new Option<int>("--periods")
        {
            Description = "Consensus periods to collect whole (voting begun after the start) before reporting.",
            DefaultValueFactory = _ => 12,
        };
        var collect = new Command("collect",
            "Collect relay descriptors from the running network into the configured database (migrated first) and report " +
            "the archive rate per type, seconds from valid-after to archived, and fetch counts and bytes.") { runDir, periods };
        collect.SetAction(async (parse, cancellationToken) =>
        {
            if (Read(parse.GetValue(runDir)!) is not { } network)
            {
                return 1;
            }

            await using var services = await TestNetworkCollectionServices.CreateAsync(TorMetricsCli.LoadConfiguration([]), network, cancellationToken);
            var acceptance = await services.GetRequiredService<TestNetworkAcceptance>()
                .RunAsync(parse.GetValue(periods), new Progress<string>(Console.WriteLine), cancellationToken);
            Console.Write(acceptance.Format());
            return acceptance.Missing.Count == 0 ? 0 : 4;
        });

        return new Command("testnet", "A private Tor network on 127.0.0.1 for tests (needs Debian's tor: scripts/prerequisites.sh --tor).")
        {
            start, status, stop, collect,
        };
    }

    private static TestNetworkDescription? Read(string runDir)
    {
        var network = TestNetworkDescription.TryRead(Path.GetFullPath(runDir));
        if (network is null)
        {
            Console.Error.WriteLine($"No test network in {runDir} ({TestNetworkDescription.FileName} missing).");
        }

        return network;
    }

    private static void PrintNodes(TestNetworkDescription network)
    {
        foreach (var (node, pid) in TestNetworkLauncher.Status(network))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{node.Nickname,-8} {node.Role,-10} {node.Fingerprint ?? "-",-40} or={node.OrPort?.ToString(CultureInfo.InvariantCulture) ?? "-",-5} " +
                $"dir={node.DirPort?.ToString(CultureInfo.InvariantCulture) ?? "-",-5} control={node.ControlPort} {(pid is { } p ? "pid " + p.ToString(CultureInfo.InvariantCulture) : "stopped")}"));
        }
    }
}
