using TorMetrics.Domain.Onionoo;
using TorMetrics.Domain.Onionoo.Query;

namespace TorMetrics.Web.Admin.Relays;

/// <summary>What a relay search found (relays first, then bridges, as Onionoo returns them), or why it found nothing.</summary>
public sealed record RelaySearchResult(RelaySearchForm Form)
{
    public RelaySearchProblem? Problem { get; init; }

    public OnionooQuery? Query { get; init; }

    public OnionooSelection? Selection { get; init; }

    public IEnumerable<OnionooNode> Nodes => Selection is { } s ? s.Relays.Concat(s.Bridges) : [];

    public int Shown => Selection is { } s ? s.Relays.Count + s.Bridges.Count : 0;

    public int Skipped => Selection is { } s ? s.RelaysSkipped + s.BridgesSkipped : 0;

    public int Truncated => Selection is { } s ? s.RelaysTruncated + s.BridgesTruncated : 0;

    public int Matches => Shown + Skipped + Truncated;

    /// <summary>The previous page, or null on the first.</summary>
    public RelaySearchForm? PreviousPage =>
        Skipped > 0 ? Form.AtOffset(Query?.Limit is { } limit and > 0 ? Math.Max(0, Skipped - limit) : 0) : null;

    /// <summary>The next page, or null when the limit cut nothing off (or let nothing through).</summary>
    public RelaySearchForm? NextPage => Truncated > 0 && Shown > 0 ? Form.AtOffset(Skipped + Shown) : null;
}

/// <summary>A search that could not run: the parser's message and the parameter it names, or no documents yet.</summary>
public sealed record RelaySearchProblem(string? Parameter, string Message);
