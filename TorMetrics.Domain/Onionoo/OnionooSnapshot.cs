namespace TorMetrics.Domain.Onionoo;

/// <summary>
/// One published generation of documents, immutable once built. The web service swaps the whole object when a new
/// generation is published, so a request sees either the old or the new one, never a mix.
/// </summary>
public sealed class OnionooSnapshot
{
    private readonly Dictionary<string, OnionooNode> _relaysByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnionooNode> _bridgesByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<OnionooResource, Lazy<PreparedBody>> _everything = [];

    public OnionooSnapshot(long generation, DateTime builtAt, DateTime? relaysPublished, DateTime? bridgesPublished,
        IEnumerable<OnionooNode> nodes)
    {
        Generation = generation;
        BuiltAt = builtAt;
        RelaysPublished = relaysPublished;
        BridgesPublished = bridgesPublished;
        var all = nodes.ToList();
        Relays = [.. all.Where(n => !n.IsBridge).OrderBy(n => n.Fingerprint, StringComparer.Ordinal)];
        Bridges = [.. all.Where(n => n.IsBridge).OrderBy(n => n.Fingerprint, StringComparer.Ordinal)];
        foreach (var relay in Relays)
        {
            _relaysByKey[relay.Fingerprint] = relay;
            _relaysByKey.TryAdd(relay.HashedFingerprint, relay);
        }

        foreach (var bridge in Bridges)
        {
            _bridgesByKey[bridge.Fingerprint] = bridge;
            _bridgesByKey.TryAdd(bridge.HashedFingerprint, bridge);
        }

        foreach (var resource in Enum.GetValues<OnionooResource>())
        {
            _everything[resource] = new Lazy<PreparedBody>(() => PreparedBody.Create(OnionooResponseWriter.WriteEverything(this, resource)));
        }
    }

    public static OnionooSnapshot Empty { get; } = new(0, DateTime.UnixEpoch, null, null, []);

    public long Generation { get; }

    /// <summary>When the updater published this generation: the Last-Modified of every response.</summary>
    public DateTime BuiltAt { get; }

    public DateTime? RelaysPublished { get; }

    public DateTime? BridgesPublished { get; }

    /// <summary>Served relays in fingerprint order.</summary>
    public IReadOnlyList<OnionooNode> Relays { get; }

    /// <summary>Served bridges in hashed-fingerprint order.</summary>
    public IReadOnlyList<OnionooNode> Bridges { get; }

    public OnionooNode? FindRelay(string fingerprintOrHashed) => _relaysByKey.GetValueOrDefault(fingerprintOrHashed);

    public OnionooNode? FindBridge(string hashedOrDoubleHashed) => _bridgesByKey.GetValueOrDefault(hashedOrDoubleHashed);

    /// <summary>The unfiltered response for a resource, rendered and gzipped once per generation.</summary>
    public PreparedBody Everything(OnionooResource resource) => _everything[resource].Value;
}
