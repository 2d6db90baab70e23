using System.Globalization;
using System.Text.Json;

namespace TorMetrics.Web.Admin.Relays;

/// <summary>One graph object of a history document (protocol §7.5) read back from the served JSON.</summary>
public sealed record HistoryGraph(DateTime First, long IntervalSeconds, double Factor, IReadOnlyList<int?> Values)
{
    public static HistoryGraph Read(JsonElement graph) => new(
        DateTime.ParseExact(graph.GetProperty("first").GetString()!, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        graph.GetProperty("interval").GetInt64(),
        graph.GetProperty("factor").GetDouble(),
        [.. graph.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (int?)null : v.GetInt32())]);

    /// <summary>Each point's time and real value (value × factor); null where the graph has a gap.</summary>
    public IEnumerable<(DateTime Time, double? Value)> Points() =>
        Values.Select((value, i) => (First.AddSeconds(i * IntervalSeconds), value is { } v ? v * Factor : (double?)null));
}

/// <summary>A named line of a chart (e.g. "read"), with its graph for each period the document has.</summary>
public sealed record HistorySeries(string Name, IReadOnlyDictionary<string, HistoryGraph> Periods)
{
    /// <summary>Reads a <c>{"1_month": graph, …}</c> object.</summary>
    public static HistorySeries Read(string name, JsonElement graphs) =>
        new(name, graphs.EnumerateObject().ToDictionary(p => p.Name, p => HistoryGraph.Read(p.Value), StringComparer.Ordinal));
}
