using System.Globalization;
using System.Text;

namespace TorMetrics.Web.TestNetwork;

/// <summary>
/// Writes each node's torrc (local-tor-network.md §2.4–2.5). Everything stays on 127.0.0.1: every listener is bound
/// to it, <c>OutboundBindAddress</c> makes the kernel refuse any connection to a non-loopback address, and the only
/// directory authorities are our own, so no node ever learns of the public network.
/// </summary>
internal sealed class TorrcBuilder(TestNetworkSettings settings, IReadOnlyList<TestNetworkNode> nodes, string emptyFile, string? bandwidthFile)
{
    public string Build(TestNetworkNode node)
    {
        var torrc = new StringBuilder();
        Common(torrc, node);
        switch (node.Role)
        {
            case TestNetworkRole.Auth:
                Relay(torrc, node, exit: false);
                V3Authority(torrc, node);
                break;
            case TestNetworkRole.BridgeAuth:
                Relay(torrc, node, exit: false);
                Line(torrc, "DirPort", Loopback(node.DirPort!.Value));
                Line(torrc, "AuthoritativeDirectory", "1");
                Line(torrc, "BridgeAuthoritativeDir", "1");
                Line(torrc, "BridgePassword", "tormetrics-testnet");
                break;
            case TestNetworkRole.Exit:
                Relay(torrc, node, exit: true);
                break;
            case TestNetworkRole.Middle:
                Relay(torrc, node, exit: false);
                Line(torrc, "EntryStatistics", "1");
                break;
            case TestNetworkRole.Bridge:
                Relay(torrc, node, exit: false);
                Line(torrc, "BridgeRelay", "1");
                Line(torrc, "BridgeDistribution", "any");
                break;
            case TestNetworkRole.Client:
                Line(torrc, "SocksPort", Loopback(node.SocksPort!.Value));
                Line(torrc, "UseMicrodescriptors", "0");
                Line(torrc, "FetchDirInfoEarly", "1");
                Line(torrc, "FetchDirInfoExtraEarly", "1");
                Line(torrc, "FetchUselessDescriptors", "1");
                Line(torrc, "LearnCircuitBuildTimeout", "0");
                Line(torrc, "CircuitBuildTimeout", "60");
                Line(torrc, "__DisablePredictedCircuits", "1");
                Line(torrc, "ConnectionPadding", "0");
                break;
        }

        return torrc.ToString();
    }

    private void Common(StringBuilder torrc, TestNetworkNode node)
    {
        Line(torrc, "TestingTorNetwork", "1");
        Line(torrc, "DataDirectory", node.DataDir);
        Line(torrc, "PidFile", node.PidFile);
        Line(torrc, "Nickname", node.Nickname);
        Line(torrc, "RunAsDaemon", "1");
        Line(torrc, "Log", "notice file " + node.LogFile);
        Line(torrc, "SafeLogging", "0");
        Line(torrc, "LogTimeGranularity", "1");
        Line(torrc, "ShutdownWaitLength", "0");
        Line(torrc, "ControlPort", Loopback(node.ControlPort));
        Line(torrc, "CookieAuthentication", "1");
        Line(torrc, "CookieAuthFile", node.CookieFile);
        Line(torrc, "OutboundBindAddress", "127.0.0.1");
        Line(torrc, "OutboundBindAddress", "[::1]");
        Line(torrc, "MetricsPort", Loopback(node.MetricsPort));
        Line(torrc, "MetricsPortPolicy", "accept 127.0.0.1");
        Line(torrc, "PathsNeededToBuildCircuits", "0.67");

        // Fast mode: no GeoIP anywhere (bridges then report no countries; nothing here needs them).
        Line(torrc, "GeoIPFile", "");
        Line(torrc, "GeoIPv6File", "");

        // Only our own authorities: these lines replace tor's default authorities and fallback directories.
        foreach (var authority in nodes.Where(n => n.Role == TestNetworkRole.Auth))
        {
            Line(torrc, "DirAuthority", Invariant(
                $"{authority.Nickname} orport={authority.OrPort} no-v2 v3ident={authority.V3Ident} 127.0.0.1:{authority.DirPort} {authority.Fingerprint}"));
        }

        foreach (var bridgeAuthority in nodes.Where(n => n.Role == TestNetworkRole.BridgeAuth))
        {
            Line(torrc, "DirAuthority", Invariant(
                $"{bridgeAuthority.Nickname} orport={bridgeAuthority.OrPort} no-v2 bridge 127.0.0.1:{bridgeAuthority.DirPort} {bridgeAuthority.Fingerprint}"));
        }
    }

    private void Relay(StringBuilder torrc, TestNetworkNode node, bool exit)
    {
        Line(torrc, "SocksPort", "0");
        Line(torrc, "ORPort", Loopback(node.OrPort!.Value));
        Line(torrc, "Address", "127.0.0.1");
        Line(torrc, "ContactInfo", node.Nickname + "@testnet.invalid");
        Line(torrc, "ServerDNSResolvConfFile", emptyFile);
        Line(torrc, "ServerDNSDetectHijacking", "0");
        Line(torrc, "ServerDNSTestAddresses", "");

        // Relays upload at once and count as running; a bridge with 0 uploads right after its ORPort self-test.
        Line(torrc, "AssumeReachable", node.Role == TestNetworkRole.Bridge ? "0" : "1");
        if (exit)
        {
            Line(torrc, "ExitRelay", "1");
            Line(torrc, "ExitPolicyRejectPrivate", "0");
            Line(torrc, "ExitPortStatistics", "1");
        }
        else
        {
            Line(torrc, "ExitRelay", "0");
        }

        foreach (var rule in node.ExitPolicy ?? ["reject *:*"])
        {
            Line(torrc, "ExitPolicy", rule);
        }
    }

    private void V3Authority(StringBuilder torrc, TestNetworkNode node)
    {
        Line(torrc, "DirPort", Loopback(node.DirPort!.Value));
        Line(torrc, "AuthoritativeDirectory", "1");
        Line(torrc, "V3AuthoritativeDirectory", "1");
        Line(torrc, "V3AuthVotingInterval", Invariant($"{settings.VotingInterval}"));
        Line(torrc, "V3AuthVoteDelay", Invariant($"{settings.VoteDelay}"));
        Line(torrc, "V3AuthDistDelay", Invariant($"{settings.VoteDelay}"));
        Line(torrc, "V3AuthNIntervalsValid", "3");
        Line(torrc, "TestingV3AuthInitialVotingInterval", Invariant($"{settings.InitialVotingInterval}"));
        Line(torrc, "TestingV3AuthInitialVoteDelay", Invariant($"{settings.InitialVoteDelay}"));
        Line(torrc, "TestingV3AuthInitialDistDelay", Invariant($"{settings.InitialVoteDelay}"));
        Line(torrc, "TestingMinExitFlagThreshold", "0");

        // Deterministic, realistic flags: Guard for middles and authorities, Exit for the loopback-only exits.
        var guards = nodes.Where(n => n.Role is TestNetworkRole.Middle or TestNetworkRole.Auth).Select(n => "$" + n.Fingerprint);
        Line(torrc, "TestingDirAuthVoteGuard", string.Join(',', guards));
        Line(torrc, "TestingDirAuthVoteGuardIsStrict", "1");
        Line(torrc, "TestingDirAuthVoteExit", string.Join(',', nodes.Where(n => n.Role == TestNetworkRole.Exit).Select(n => "$" + n.Fingerprint)));
        Line(torrc, "TestingDirAuthVoteExitIsStrict", "1");
        Line(torrc, "TestingDirAuthVoteHSDir", "*");
        if (bandwidthFile is not null)
        {
            Line(torrc, "V3BandwidthsFile", bandwidthFile);
        }
    }

    private static string Loopback(int port) => Invariant($"127.0.0.1:{port}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder torrc, string option, string value)
    {
        // An empty value is written as "" so that tor reads an empty string, not a missing argument.
        torrc.Append(option).Append(' ').Append(value.Length == 0 ? "\"\"" : value).Append('\n');
    }
}
