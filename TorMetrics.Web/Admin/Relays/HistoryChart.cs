using System.Globalization;

namespace TorMetrics.Web.Admin.Relays;

/// <summary>One chart of the relay page: several series of one history document, drawn for one period at a time.</summary>
public sealed record HistoryChart(string Id, string Title, string Unit, IReadOnlyList<HistorySeries> Series, double? Max = null)
{
    public bool Has(string period) => Series.Any(s => s.Periods.ContainsKey(period));

    /// <summary>The ECharts option: a time axis, one line per series, nulls left as gaps (ECharts does not join them).</summary>
    public object Option(string period) => new
    {
        tooltip = new { trigger = "axis" },
        legend = new { type = "scroll" },
        grid = new { left = 80, right = 30 },
        xAxis = new { type = "time" },
        yAxis = new { type = "value", name = Unit, max = Max },
        series = Series.Where(s => s.Periods.ContainsKey(period)).Select(s => new
        {
            name = s.Name,
            type = "line",
            // Small symbols: a point between two gaps has no line to either side and would otherwise not show at all.
            showSymbol = true,
            symbolSize = 3,
            connectNulls = false,
            data = s.Periods[period].Points().Select(p => new object?[] { Iso(p.Time), Round(p.Value) }),
        }),
    };

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // value × factor carries binary noise (2500.0000000000005); six significant digits are more than a chart shows.
    private static double? Round(double? value) =>
        value is { } v ? double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;
}
