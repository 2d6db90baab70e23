namespace TorMetrics.Domain.Onionoo.Query;

/// <summary>
/// Applies a request's filters, order, offset and limit to a snapshot, in Onionoo's order (protocol §4 and §6).
/// Relays and bridges are filtered separately; a relay-only filter empties the bridges and vice versa.
/// </summary>
public static class OnionooQueryEngine
{
    public static OnionooSelection Select(OnionooSnapshot snapshot, OnionooResource resource, OnionooQuery query, DateTime now)
    {
        bool relaysWanted = resource != OnionooResource.Clients && query.Bridges != true && !RelaysExcluded(query);
        bool bridgesWanted = resource != OnionooResource.Weights && query.Bridges != false && !BridgesExcluded(query);

        var family = query.Family is null ? null : FamilyOf(snapshot, query.Family);
        var relays = relaysWanted ? Filter(Candidates(snapshot.Relays, query, snapshot.FindRelay), query, now, family) : [];
        var bridges = bridgesWanted ? Filter(Candidates(snapshot.Bridges, query, snapshot.FindBridge), query, now, null) : [];

        Order(relays, query.Order);
        Order(bridges, query.Order);

        int relaysSkipped = 0, bridgesSkipped = 0;
        if (query.Offset is > 0 and var offset)
        {
            relaysSkipped = Math.Min(offset, relays.Count);
            bridgesSkipped = Math.Min(offset - relaysSkipped, bridges.Count);
            relays.RemoveRange(0, relaysSkipped);
            bridges.RemoveRange(0, bridgesSkipped);
        }

        int relaysTruncated = 0, bridgesTruncated = 0;
        if (query.Limit is { } limit)
        {
            int keepRelays = Math.Clamp(limit, 0, relays.Count);
            int keepBridges = Math.Clamp(limit - keepRelays, 0, bridges.Count);
            relaysTruncated = relays.Count - keepRelays;
            bridgesTruncated = bridges.Count - keepBridges;
            relays.RemoveRange(keepRelays, relaysTruncated);
            bridges.RemoveRange(keepBridges, bridgesTruncated);
        }

        return new OnionooSelection(relays, bridges, relaysSkipped, bridgesSkipped, relaysTruncated, bridgesTruncated);
    }

    private static bool RelaysExcluded(OnionooQuery query) => query.Transport is not null;

    private static bool BridgesExcluded(OnionooQuery query) =>
        query.Country is not null || query.AutonomousSystems is not null || query.AutonomousSystemName is not null
        || query.Family is not null || query.HostName is not null;

    private static HashSet<string> FamilyOf(OnionooSnapshot snapshot, string fingerprint)
    {
        // Keyed by plain fingerprints only, as upstream: a hashed fingerprint finds nothing.
        var relay = snapshot.Relays.FirstOrDefault(r => string.Equals(r.Fingerprint, fingerprint, StringComparison.Ordinal));
        var family = new HashSet<string>(StringComparer.Ordinal) { fingerprint };
        if (relay is not null)
        {
            family.UnionWith(relay.EffectiveFamily);
        }

        return family;
    }

    // The common case, details?lookup=FP, takes dictionary lookups instead of a scan.
    private static IReadOnlyList<OnionooNode> Candidates(
        IReadOnlyList<OnionooNode> nodes, OnionooQuery query, Func<string, OnionooNode?> find) =>
        query.Lookup is not { } lookup
            ? nodes
            : [.. lookup.Select(find).OfType<OnionooNode>().Distinct().OrderBy(n => n.Fingerprint, StringComparer.Ordinal)];

    private static List<OnionooNode> Filter(IReadOnlyList<OnionooNode> nodes, OnionooQuery query, DateTime now, HashSet<string>? family)
    {
        var result = new List<OnionooNode>();
        foreach (var node in nodes)
        {
            if (Matches(node, query, now, family))
            {
                result.Add(node);
            }
        }

        return result;
    }

    private static bool Matches(OnionooNode node, OnionooQuery query, DateTime now, HashSet<string>? family) =>
        (query.Running is not { } running || node.Running == running)
        && query.Search.All(term => SearchTerms.Matches(node, term))
        && (query.Lookup is not { } lookup || lookup.Contains(node.Fingerprint) || lookup.Contains(node.HashedFingerprint))
        && (query.Country is not { } country || (country == "xz" ? node.Country is null : node.Country == country))
        && (query.AutonomousSystems is not { } systems
            || (node.AutonomousSystem is { } system ? systems.Contains(system) : systems.Contains("AS0")))
        && (query.AutonomousSystemName is not { } asName
            || (node.AutonomousSystemName is { } name && asName.All(part => name.Contains(part, StringComparison.Ordinal))))
        && (query.Flag is not { } flag || node.Flags.Any(f => string.Equals(f, flag, StringComparison.OrdinalIgnoreCase)))
        && (query.FirstSeenDays is not { } firstSeen || firstSeen.Contains(DaysSince(now, node.FirstSeen)))
        && (query.LastSeenDays is not { } lastSeen || lastSeen.Contains(DaysSince(now, node.LastSeen)))
        && (query.Contact is not { } contact
            || (node.Contact is { } text && contact.All(part => text.Contains(part, StringComparison.Ordinal))))
        && (family is null || family.Contains(node.Fingerprint))
        && (query.Versions is not { } versions
            || (TorVersion.TryParse(node.Version) is { } version && versions.Any(v => v.Matches(version))))
        && (query.OperatingSystem is not { } os || (node.OperatingSystem is { } nodeOs && nodeOs.StartsWith(os, StringComparison.Ordinal)))
        && (query.HostName is not { } host || node.HostNames.Any(h => h.EndsWith(host, StringComparison.Ordinal)))
        && (query.RecommendedVersion is not { } recommended || node.RecommendedVersion == recommended)
        && (query.Overloaded is not { } overloaded || node.Overloaded == overloaded)
        && (query.Transport is not { } transport || node.Transports.Any(t => t.StartsWith(transport, StringComparison.Ordinal)));

    private static int DaysSince(DateTime now, DateTime then) =>
        now <= then ? 0 : (int)Math.Min(int.MaxValue, Math.Floor((now - then).TotalDays));

    private static void Order(List<OnionooNode> nodes, IReadOnlyList<OrderKey> order)
    {
        if (order.Count == 0)
        {
            return; // Snapshots hold nodes in fingerprint order already.
        }

        nodes.Sort((a, b) =>
        {
            foreach (var key in order)
            {
                int c = key.Field switch
                {
                    OrderField.ConsensusWeight => a.ConsensusWeight.CompareTo(b.ConsensusWeight),
                    _ => a.FirstSeen.CompareTo(b.FirstSeen),
                };
                if (c != 0)
                {
                    return key.Descending ? -c : c;
                }
            }

            return string.CompareOrdinal(a.Fingerprint, b.Fingerprint);
        });
    }
}
