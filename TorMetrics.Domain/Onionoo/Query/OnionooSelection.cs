namespace TorMetrics.Domain.Onionoo.Query;

/// <summary>The nodes a request returns, after ordering, offset and limit, with what those dropped.</summary>
public sealed record OnionooSelection(
    IReadOnlyList<OnionooNode> Relays,
    IReadOnlyList<OnionooNode> Bridges,
    int RelaysSkipped,
    int BridgesSkipped,
    int RelaysTruncated,
    int BridgesTruncated);
