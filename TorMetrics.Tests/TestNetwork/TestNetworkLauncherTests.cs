using System.Globalization;
using System.Net;
using TorMetrics.Tests.Infrastructure;
using TorMetrics.Web.TestNetwork;

namespace TorMetrics.Tests.TestNetwork;

/// <summary>The launcher's network as it runs: its description, its torrcs, and where its processes' sockets go.</summary>
[Collection(TestNetworkCollection.Name)]
public sealed class TestNetworkLauncherTests(TestNetworkFixture fixture)
{
    [TorFact]
    public void Start_Default_DescribesEveryNodeAndWasReadyWithinTwoMinutes()
    {
        var network = fixture.Network;

        Assert.Equal(13, network.Nodes.Count);
        Assert.Equal(3, network.Nodes.Count(n => n.Role == TestNetworkRole.Auth));
        Assert.Single(network.Nodes, n => n.Role == TestNetworkRole.BridgeAuth);
        Assert.Equal(2, network.Nodes.Count(n => n.Role == TestNetworkRole.Bridge));
        Assert.Single(network.Nodes, n => n.Role == TestNetworkRole.Client);
        Assert.All(network.Nodes.Where(n => n.OrPort is not null), n => Assert.Matches("^[0-9A-F]{40}$", n.Fingerprint));
        Assert.All(network.Authorities, a => Assert.Matches("^[0-9A-F]{40}$", a.V3Ident));
        Assert.Equal(network.Nodes.Count, network.Nodes.Select(n => n.ControlPort).Distinct().Count());
        Assert.InRange(network.ReadyAfterSeconds ?? double.MaxValue, 0, 120);
        Assert.Equal(network, TestNetworkDescription.TryRead(network.RunDir), new DescriptionComparer());
        Assert.All(network.Nodes, n => Assert.True(File.Exists(n.CookieFile), n.CookieFile));
    }

    [TorFact]
    public void Torrcs_EveryNode_OnlyOurAuthoritiesAndEveryListenerOnLoopback()
    {
        var network = fixture.Network;
        var ourAuthorities = network.Nodes.Where(n => n.DirPort is not null)
            .Select(n => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{n.DirPort} {n.Fingerprint}")).ToHashSet(StringComparer.Ordinal);

        foreach (var node in network.Nodes)
        {
            var lines = File.ReadAllLines(node.Torrc).Select(l => l.Split(' ', 2)).ToList();
            Assert.Contains(lines, l => l[0] == "TestingTorNetwork" && l[1] == "1");
            Assert.Contains(lines, l => l[0] == "OutboundBindAddress" && l[1] == "127.0.0.1");
            var authorities = lines.Where(l => l[0] == "DirAuthority").Select(l => l[1]).ToList();
            Assert.Equal(4, authorities.Count);
            Assert.All(authorities, a => Assert.Contains(a.Split(' ')[^2] + " " + a.Split(' ')[^1], ourAuthorities));
            Assert.DoesNotContain(lines, l => l[0] is "FallbackDir" or "AlternateDirAuthority" or "UseDefaultFallbackDirs");
            foreach (var listener in lines.Where(l => l[0].EndsWith("Port", StringComparison.Ordinal)))
            {
                Assert.True(listener[1] == "0" || listener[1].StartsWith("127.0.0.1:", StringComparison.Ordinal), $"{node.Nickname}: {string.Join(' ', listener)}");
            }
        }
    }

    [TorFact]
    public void Sockets_RunningNodes_NeverConnectOutsideLoopback()
    {
        var sockets = LoopbackSockets.ByInode();
        var checkedSockets = 0;
        foreach (var (node, pid) in TestNetworkLauncher.Status(fixture.Network).Where(s => s.Pid is not null))
        {
            foreach (var inode in LoopbackSockets.InodesOf(pid!.Value))
            {
                if (!sockets.TryGetValue(inode, out var socket))
                {
                    continue;
                }

                checkedSockets++;
                Assert.True(LoopbackSockets.IsLoopbackOrUnbound(socket.Local), $"{node.Nickname} listens on {socket.Local}");
                Assert.True(LoopbackSockets.IsLoopbackOrUnbound(socket.Remote), $"{node.Nickname} talks to {socket.Remote}");
            }
        }

        Assert.True(checkedSockets > 20, $"only {checkedSockets} tor sockets found");
    }

    private sealed class DescriptionComparer : IEqualityComparer<TestNetworkDescription?>
    {
        public bool Equals(TestNetworkDescription? x, TestNetworkDescription? y) =>
            x is not null && y is not null && x.RunDir == y.RunDir && x.Nodes.SequenceEqual(y.Nodes, new NodeComparer());

        public int GetHashCode(TestNetworkDescription? obj) => 0;
    }

    private sealed class NodeComparer : IEqualityComparer<TestNetworkNode>
    {
        public bool Equals(TestNetworkNode? x, TestNetworkNode? y) =>
            x is not null && y is not null && x.Nickname == y.Nickname && x.Fingerprint == y.Fingerprint && x.V3Ident == y.V3Ident
            && x.ControlPort == y.ControlPort && x.DirPort == y.DirPort && x.CookieFile == y.CookieFile;

        public int GetHashCode(TestNetworkNode obj) => obj.Index;
    }
}

/// <summary>Reads /proc: which sockets a process holds, and their addresses.</summary>
internal static class LoopbackSockets
{
    public static IEnumerable<string> InodesOf(int pid)
    {
        var fds = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd";
        if (!Directory.Exists(fds))
        {
            yield break;
        }

        foreach (var fd in Directory.EnumerateFileSystemEntries(fds))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                yield return target["socket:[".Length..^1];
            }
        }
    }

    public static Dictionary<string, (IPEndPoint Local, IPEndPoint Remote)> ByInode()
    {
        var sockets = new Dictionary<string, (IPEndPoint, IPEndPoint)>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                sockets[fields[9]] = (Parse(fields[1]), Parse(fields[2]));
            }
        }

        return sockets;
    }

    public static bool IsLoopbackOrUnbound(IPEndPoint endPoint) =>
        IPAddress.IsLoopback(endPoint.Address) || endPoint.Address.Equals(IPAddress.Any) && endPoint.Port == 0
        || endPoint.Address.Equals(IPAddress.IPv6Any) && endPoint.Port == 0
        || endPoint.Address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(endPoint.Address.MapToIPv4());

    /// <summary>/proc's "0100007F:4E20": the address in host byte order per 32-bit word, then the port in hex.</summary>
    private static IPEndPoint Parse(string field)
    {
        var (address, port) = (field.Split(':')[0], int.Parse(field.Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        var bytes = Convert.FromHexString(address);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        return new IPEndPoint(new IPAddress(bytes), port);
    }
}
