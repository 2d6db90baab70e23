using TorMetrics.Domain.Onionoo.Documents;

namespace TorMetrics.Domain.Onionoo.Updating;

/// <summary>One node's compiled graphs: series name → graphs in period order ("1_month" first).</summary>
public sealed class NodeGraphs
{
    private readonly Dictionary<string, List<(string Key, Graph Graph)>> _series = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Key, Graph Graph)> Get(string series) =>
        _series.TryGetValue(series, out var graphs) ? graphs : [];

    public IEnumerable<string> Series => _series.Keys;

    public void Add(string series, string periodKey, Graph graph)
    {
        if (!_series.TryGetValue(series, out var graphs))
        {
            _series[series] = graphs = [];
        }

        graphs.Add((periodKey, graph));
    }
}
