using System.Net;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.NetworkStatuses;

namespace TorMetrics.Web.TestNetwork;

/// <summary>
/// Looks at a running network from outside: what each v3 authority serves as its current consensus, and what each
/// node says on its control port (local-tor-network.md §3.1).
/// </summary>
public sealed class TestNetworkProbe(HttpClient http)
{
    /// <summary>The authority's current consensus, parsed, or null while it has none (404) or is unreachable.</summary>
    public async Task<NetworkStatus?> ConsensusAsync(TestNetworkNode authority, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(
                new Uri(FormattableString.Invariant($"http://127.0.0.1:{authority.DirPort}/tor/status-vote/current/consensus")),
                cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return DescriptorFileParser.Parse(body, DescriptorKind.NetworkStatusConsensus).FirstOrDefault() as NetworkStatus;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>GETINFO on a node's control port; null if the node does not answer.</summary>
    public static async Task<string?> GetInfoAsync(TestNetworkNode node, string key, CancellationToken cancellationToken)
    {
        try
        {
            await using var control = await TorControlConnection.OpenAsync(node, cancellationToken);
            return await control.GetInfoAsync(key, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TorControlException)
        {
            return null;
        }
    }

    /// <summary>What is still missing before the whole network is ready; empty when ready.</summary>
    public async Task<List<string>> NotReadyAsync(TestNetworkDescription network, CancellationToken cancellationToken)
    {
        var waiting = new List<string>();
        var relays = network.Nodes.Where(n => n.IsRelay).Select(n => n.Fingerprint!).ToHashSet(StringComparer.Ordinal);
        foreach (var authority in network.Authorities)
        {
            var consensus = await ConsensusAsync(authority, cancellationToken);
            var listed = consensus?.Entries.Count(e => relays.Contains(e.Fingerprint)) ?? 0;
            if (listed < relays.Count)
            {
                waiting.Add(FormattableString.Invariant($"{authority.Nickname}: consensus lists {listed}/{relays.Count} relays"));
            }
        }

        var bridges = network.Nodes.Where(n => n.Role == TestNetworkRole.Bridge).ToList();
        if (bridges.Count > 0 && network.Nodes.FirstOrDefault(n => n.Role == TestNetworkRole.BridgeAuth) is { } bridgeAuthority)
        {
            var statuses = await GetInfoAsync(bridgeAuthority, "ns/purpose/bridge", cancellationToken) ?? "";
            var known = bridges.Count(b => statuses.Contains(b.Nickname + " ", StringComparison.Ordinal));
            if (known < bridges.Count)
            {
                waiting.Add(FormattableString.Invariant($"bridge authority knows {known}/{bridges.Count} bridges"));
            }
        }

        foreach (var node in network.Nodes.Where(n => n.Role != TestNetworkRole.Client))
        {
            var phase = await GetInfoAsync(node, "status/bootstrap-phase", cancellationToken);
            if (phase is null || !phase.Contains("PROGRESS=100", StringComparison.Ordinal))
            {
                waiting.Add(node.Nickname + ": not bootstrapped");
            }
        }

        // Clients stop at 75 % when they have nothing to build; enough directory info and every descriptor is ready.
        foreach (var client in network.Nodes.Where(n => n.Role == TestNetworkRole.Client))
        {
            if (await GetInfoAsync(client, "status/enough-dir-info", cancellationToken) != "1")
            {
                waiting.Add(client.Nickname + ": not enough directory info");
                continue;
            }

            foreach (var relay in network.Nodes.Where(n => n.IsRelay))
            {
                if (string.IsNullOrEmpty(await GetInfoAsync(client, "desc/id/" + relay.Fingerprint, cancellationToken)))
                {
                    waiting.Add(client.Nickname + ": no descriptor of " + relay.Nickname);
                    break;
                }
            }
        }

        return waiting;
    }
}
