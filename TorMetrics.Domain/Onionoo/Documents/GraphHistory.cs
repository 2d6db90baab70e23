using System.Text.Json;

namespace TorMetrics.Domain.Onionoo.Documents;

/// <summary>
/// The graph periods of each history document and how a graph is compiled from per-point sums (protocol §7.5):
/// a point is non-null when enough of it is covered, values are scaled to 0–999 of the maximum, nulls trimmed at
/// both ends, and a graph needs two adjacent non-null points.
/// </summary>
public static class GraphHistory
{
    public static readonly IReadOnlyList<GraphPeriod> Bandwidth =
        [new("1_month", 1, 86_400), new("6_months", 6, 86_400), new("1_year", 12, 2 * 86_400), new("5_years", 60, 10 * 86_400)];

    public static readonly IReadOnlyList<GraphPeriod> Weights =
        [new("1_month", 1, 4 * 3_600), new("6_months", 6, 86_400), new("1_year", 12, 2 * 86_400), new("5_years", 60, 10 * 86_400)];

    public static readonly IReadOnlyList<GraphPeriod> Clients = Bandwidth;

    public static readonly IReadOnlyList<GraphPeriod> Uptime =
        [new("1_month", 1, 4 * 3_600), new("6_months", 6, 12 * 3_600), new("1_year", 12, 2 * 86_400), new("5_years", 60, 10 * 86_400)];

    /// <summary>
    /// Graph end and start: the end is an hour after the newest last_seen of any node, rounded down to the point
    /// interval; the start is that end minus the calendar period, rounded down likewise.
    /// </summary>
    public static GraphWindow Window(GraphPeriod period, DateTime newestLastSeen)
    {
        long interval = period.IntervalSeconds;
        long end = Floor(ToEpoch(newestLastSeen.AddHours(1)), interval);
        long start = Floor(ToEpoch(DateTime.UnixEpoch.AddSeconds(end).AddMonths(-period.Months)), interval);
        return new GraphWindow(period, start, end);
    }

    /// <param name="window">Where the points lie.</param>
    /// <param name="sums">Per point: the sum of value × covered seconds.</param>
    /// <param name="covered">Per point: the covered seconds.</param>
    /// <param name="coverageDivisor">5 (a point needs a fifth of its interval covered) or 2 for clients.</param>
    public static Graph? Compile(GraphWindow window, double[] sums, double[] covered, int coverageDivisor)
    {
        long interval = window.Period.IntervalSeconds;
        int count = sums.Length;
        var averages = new double?[count];
        double max = 0;
        for (int i = 0; i < count; i++)
        {
            if (covered[i] * coverageDivisor >= interval && covered[i] > 0)
            {
                double average = sums[i] / covered[i];
                averages[i] = average;
                max = Math.Max(max, average);
            }
        }

        int first = Array.FindIndex(averages, a => a is not null);
        int last = Array.FindLastIndex(averages, a => a is not null);
        if (first < 0 || !HasAdjacentPair(averages, first, last))
        {
            return null;
        }

        var values = new int?[last - first + 1];
        for (int i = first; i <= last; i++)
        {
            // The epsilon keeps the maximum itself at 999 despite rounding in a × 999 / max.
            values[i - first] = averages[i] is { } a ? (max > 0 ? (int)Math.Floor(a * 999 / max + 1e-9) : 0) : null;
        }

        var firstTime = window.Start + first * interval + interval / 2;
        return new Graph(
            DateTime.UnixEpoch.AddSeconds(firstTime),
            DateTime.UnixEpoch.AddSeconds(firstTime + (last - first) * interval),
            interval,
            max / 999,
            values);
    }

    public static void WriteGraphs(Utf8JsonWriter writer, string name, IReadOnlyList<(string Key, Graph Graph)> graphs)
    {
        if (graphs.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, graph) in graphs)
        {
            writer.WriteStartObject(key);
            writer.WriteString("first", OnionooResponseWriter.FormatTime(graph.First));
            writer.WriteString("last", OnionooResponseWriter.FormatTime(graph.Last));
            writer.WriteNumber("interval", graph.IntervalSeconds);
            writer.WriteNumber("factor", graph.Factor);
            writer.WriteNumber("count", graph.Values.Count);
            writer.WriteStartArray("values");
            foreach (var value in graph.Values)
            {
                if (value is { } v)
                {
                    writer.WriteNumberValue(v);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static long ToEpoch(DateTime time) => (long)(time - DateTime.UnixEpoch).TotalSeconds;

    private static long Floor(long seconds, long interval) => seconds - (((seconds % interval) + interval) % interval);

    private static bool HasAdjacentPair(double?[] averages, int first, int last)
    {
        for (int i = first; i < last; i++)
        {
            if (averages[i] is not null && averages[i + 1] is not null)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A graph key ("1_month"), its calendar length in months and its point interval.</summary>
public sealed record GraphPeriod(string Key, int Months, int IntervalSeconds);

/// <summary>A period placed in time: points cover [Start + i·interval, Start + (i+1)·interval), epoch seconds.</summary>
public sealed record GraphWindow(GraphPeriod Period, long Start, long End)
{
    public int Points => (int)((End - Start) / Period.IntervalSeconds);
}

/// <summary>A compiled graph: first and last point midpoints, interval, factor and values 0–999 (null for gaps).</summary>
public sealed record Graph(DateTime First, DateTime Last, long IntervalSeconds, double Factor, IReadOnlyList<int?> Values);
