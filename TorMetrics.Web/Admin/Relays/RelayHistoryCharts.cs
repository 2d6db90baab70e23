using System.Text.Json;
using TorMetrics.Domain.Onionoo;

namespace TorMetrics.Web.Admin.Relays;

/// <summary>The relay page's charts, read from the node's pre-rendered bandwidth, weights, uptime and clients documents.</summary>
public static class RelayHistoryCharts
{
    /// <summary>Protocol 8.0's graph periods, shortest first.</summary>
    public static readonly IReadOnlyList<string> AllPeriods = ["1_month", "6_months", "1_year", "5_years"];

    public static IReadOnlyList<HistoryChart> Read(OnionooNode node)
    {
        var charts = new List<HistoryChart>
        {
            new("bandwidth-chart", "Bandwidth", "bytes/s",
                Read(node.Bandwidth, ("read_history", "read"), ("write_history", "written"))),
        };
        if (!node.IsBridge)
        {
            charts.Add(new HistoryChart("weights-chart", "Weights", "fraction / probability",
                Read(node.Weights, ("consensus_weight_fraction", "consensus weight fraction"), ("guard_probability", "guard probability"),
                    ("middle_probability", "middle probability"), ("exit_probability", "exit probability"))));
        }

        charts.Add(new HistoryChart("uptime-chart", "Uptime", "fraction of hours", [.. Read(node.Uptime, ("uptime", "uptime")), .. Flags(node.Uptime)], 1));
        if (node.IsBridge)
        {
            charts.Add(new HistoryChart("clients-chart", "Clients", "clients/day", Read(node.Clients, ("average_clients", "average clients"))));
        }

        return charts;
    }

    /// <summary>The periods at least one chart has a graph for, shortest first.</summary>
    public static IReadOnlyList<string> PeriodsIn(IReadOnlyList<HistoryChart> charts) =>
        [.. AllPeriods.Where(p => charts.Any(c => c.Has(p)))];

    public static string Label(string period) => period.Replace('_', ' ');

    private static List<HistorySeries> Read(byte[] document, params (string Member, string Name)[] members)
    {
        using var json = JsonDocument.Parse(document);
        var series = new List<HistorySeries>();
        foreach (var (member, name) in members)
        {
            if (json.RootElement.TryGetProperty(member, out var graphs))
            {
                series.Add(HistorySeries.Read(name, graphs));
            }
        }

        return series;
    }

    // The uptime document's "flags" object: one graph set per flag the relay ever had.
    private static List<HistorySeries> Flags(byte[] document)
    {
        using var json = JsonDocument.Parse(document);
        return json.RootElement.TryGetProperty("flags", out var flags)
            ? [.. flags.EnumerateObject().Select(f => HistorySeries.Read(f.Name, f.Value))]
            : [];
    }
}
