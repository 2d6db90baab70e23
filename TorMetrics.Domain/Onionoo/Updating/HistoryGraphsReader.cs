using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.Onionoo.Documents;

namespace TorMetrics.Domain.Onionoo.Updating;

/// <summary>
/// Aggregates the history tables into graph points in SQL (each interval contributes to the points it overlaps,
/// in proportion), then compiles the graphs. Longer periods are only computed for nodes first seen before the
/// shorter period's start, as upstream only attempts them when history reaches back that far.
/// </summary>
public sealed class HistoryGraphsReader(NpgsqlConnection connection)
{
    public const string UptimeSeries = "uptime";
    public const string FlagSeriesPrefix = "flags.";

    /// <summary>Creates the served-nodes table the aggregations join (transaction-scoped).</summary>
    public async Task LoadServedNodesAsync(IEnumerable<NodeFacts> nodes, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE served_nodes (is_bridge boolean, fingerprint bytea, first_seen timestamptz,
                                            PRIMARY KEY (is_bridge, fingerprint)) ON COMMIT DROP
            """, connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY served_nodes (is_bridge, fingerprint, first_seen) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var node in nodes)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(node.IsBridge, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(node.Fingerprint, NpgsqlDbType.Bytea, ct);
                await copy.WriteAsync(node.FirstSeen, NpgsqlDbType.TimestampTz, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using var analyze = new NpgsqlCommand("ANALYZE served_nodes", connection);
        await analyze.ExecuteNonQueryAsync(ct);
    }

    public Task<Dictionary<NodeKey, NodeGraphs>> ReadBandwidthAsync(DateTime newest, CancellationToken ct) =>
        ReadIntervalsAsync(BandwidthSource, GraphHistory.Bandwidth, 5, newest, ct);

    public Task<Dictionary<NodeKey, NodeGraphs>> ReadWeightsAsync(DateTime newest, CancellationToken ct) =>
        ReadIntervalsAsync(WeightsSource, GraphHistory.Weights, 5, newest, ct);

    public Task<Dictionary<NodeKey, NodeGraphs>> ReadClientsAsync(DateTime newest, CancellationToken ct) =>
        ReadIntervalsAsync(ClientsSource, GraphHistory.Clients, 2, newest, ct);

    public async Task<Dictionary<NodeKey, NodeGraphs>> ReadUptimeAsync(DateTime newest, CancellationToken ct)
    {
        var result = new Dictionary<NodeKey, NodeGraphs>();
        var periods = GraphHistory.Uptime;
        for (int k = 0; k < periods.Count; k++)
        {
            var window = GraphHistory.Window(periods[k], newest);
            int hoursPerPart = Math.Min(24, periods[k].IntervalSeconds / 3600);
            await using var command = new NpgsqlCommand(UptimeSql, connection) { CommandTimeout = 0 };
            AddWindow(command, window, AttemptBefore(periods, k, newest));
            command.Parameters.AddWithValue(hoursPerPart);
            command.Parameters.AddWithValue(24 / hoursPerPart);
            await CompileAsync(command, window, 5, seriesName: flag => flag.Length == 0 ? UptimeSeries : FlagSeriesPrefix + flag,
                result, hourUnits: true, ct);
        }

        return result;
    }

    private async Task<Dictionary<NodeKey, NodeGraphs>> ReadIntervalsAsync(
        string source, IReadOnlyList<GraphPeriod> periods, int coverageDivisor, DateTime newest, CancellationToken ct)
    {
        var result = new Dictionary<NodeKey, NodeGraphs>();
        for (int k = 0; k < periods.Count; k++)
        {
            var window = GraphHistory.Window(periods[k], newest);
            await using var command = new NpgsqlCommand(IntervalPointsSql.Replace("{source}", source, StringComparison.Ordinal), connection)
            {
                CommandTimeout = 0,
            };
            AddWindow(command, window, AttemptBefore(periods, k, newest));
            await CompileAsync(command, window, coverageDivisor, s => s, result, hourUnits: false, ct);
        }

        return result;
    }

    private static DateTime AttemptBefore(IReadOnlyList<GraphPeriod> periods, int k, DateTime newest) =>
        k == 0 ? SnapshotTimes.Forever : DateTime.UnixEpoch.AddSeconds(GraphHistory.Window(periods[k - 1], newest).Start);

    private static void AddWindow(NpgsqlCommand command, GraphWindow window, DateTime attemptBefore)
    {
        command.Parameters.AddWithValue(window.Start);
        command.Parameters.AddWithValue(window.End);
        command.Parameters.AddWithValue((long)window.Period.IntervalSeconds);
        command.Parameters.AddWithValue(attemptBefore);
        command.Parameters.AddWithValue(window.Points);
    }

    private static async Task CompileAsync(NpgsqlCommand command, GraphWindow window, int coverageDivisor, Func<string, string> seriesName,
        Dictionary<NodeKey, NodeGraphs> result, bool hourUnits, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        NodeKey? currentNode = null;
        string? currentSeries = null;
        double[] sums = new double[window.Points], covered = new double[window.Points];
        void Flush()
        {
            if (currentNode is { } node && currentSeries is not null
                && GraphHistory.Compile(window, sums, covered, coverageDivisor) is { } graph)
            {
                if (!result.TryGetValue(node, out var graphs))
                {
                    result[node] = graphs = new NodeGraphs();
                }

                graphs.Add(currentSeries, window.Period.Key, graph);
            }

            Array.Clear(sums);
            Array.Clear(covered);
        }

        while (await reader.ReadAsync(ct))
        {
            var node = new NodeKey(reader.GetBoolean(0), Convert.ToHexString((byte[])reader[1]));
            var series = seriesName(reader.GetString(2));
            if (node != currentNode || !string.Equals(series, currentSeries, StringComparison.Ordinal))
            {
                Flush();
                currentNode = node;
                currentSeries = series;
            }

            int point = (int)reader.GetInt64(3);
            double sum = reader.GetDouble(4), cover = reader.GetDouble(5);
            sums[point] = hourUnits ? sum * 3600 : sum;
            covered[point] = hourUnits ? cover * 3600 : cover;
        }

        Flush();
    }

    // $1 window start, $2 end (epoch seconds), $3 point interval (s), $4 only nodes first seen by then, $5 points.
    private const string IntervalPointsSql = """
        WITH src AS ({source})
        SELECT is_bridge, fingerprint, series, p, sum(rate * overlap), sum(overlap)
        FROM (
            SELECT src.is_bridge, src.fingerprint, src.series, src.rate, p,
                   (least(src.end_s, $1 + (p + 1) * $3) - greatest(src.start_s, $1 + p * $3))::float8 AS overlap
            FROM src
            CROSS JOIN LATERAL generate_series(greatest(0, (src.start_s - $1) / $3), least($5 - 1, (src.end_s - 1 - $1) / $3)) p
        ) x
        WHERE overlap > 0
        GROUP BY is_bridge, fingerprint, series, p
        ORDER BY is_bridge, fingerprint, series
        """;

    // Intervals longer than a point are skipped for that graph (not divisible), as upstream.
    private const string BandwidthSource = """
        SELECT b.is_bridge, b.fingerprint, CASE b.direction WHEN 'r' THEN 'read_history' ELSE 'write_history' END AS series,
               extract(epoch FROM b.interval_end)::bigint - b.seconds AS start_s, extract(epoch FROM b.interval_end)::bigint AS end_s,
               b.bytes::float8 / b.seconds AS rate
        FROM onionoo_bandwidth b JOIN served_nodes n ON n.is_bridge = b.is_bridge AND n.fingerprint = b.fingerprint
        WHERE n.first_seen <= $4 AND b.seconds <= $3
          AND b.interval_end > to_timestamp($1) AND b.interval_end - b.seconds * interval '1 second' < to_timestamp($2)
        """;

    private const string WeightsSource = """
        SELECT false AS is_bridge, w.fingerprint, v.series,
               extract(epoch FROM w.valid_after)::bigint AS start_s, extract(epoch FROM w.fresh_until)::bigint AS end_s, v.rate
        FROM onionoo_weights w JOIN served_nodes n ON NOT n.is_bridge AND n.fingerprint = w.fingerprint
        CROSS JOIN LATERAL (VALUES ('consensus_weight_fraction', w.consensus_weight_fraction::float8),
                                   ('guard_probability', w.guard_probability::float8),
                                   ('middle_probability', w.middle_probability::float8),
                                   ('exit_probability', w.exit_probability::float8),
                                   ('consensus_weight', w.consensus_weight::float8)) v(series, rate)
        WHERE n.first_seen <= $4 AND v.rate IS NOT NULL AND w.fresh_until - w.valid_after <= $3 * interval '1 second'
          AND w.fresh_until > to_timestamp($1) AND w.valid_after < to_timestamp($2)
        """;

    private const string ClientsSource = """
        SELECT true AS is_bridge, c.fingerprint, 'average_clients' AS series,
               extract(epoch FROM c.interval_end)::bigint - c.seconds AS start_s, extract(epoch FROM c.interval_end)::bigint AS end_s,
               c.clients AS rate
        FROM onionoo_clients c JOIN served_nodes n ON n.is_bridge AND n.fingerprint = c.fingerprint
        WHERE n.first_seen <= $4 AND c.seconds <= $3
          AND c.interval_end > to_timestamp($1) AND c.interval_end - c.seconds * interval '1 second' < to_timestamp($2)
        """;

    // Uptime from the per-day hour bitmaps: a point's known hours are those with a status (for flags: a status
    // that knew the flag), from the node's first listing on; up hours are those it was listed (held the flag).
    // $6 hours per point within a day (24 for points of a day or longer), $7 points per day.
    private const string UptimeSql = """
        WITH node_flags AS (
            SELECT DISTINCT u.is_bridge, u.fingerprint, u.flag, n.first_seen
            FROM onionoo_uptime u JOIN served_nodes n ON n.is_bridge = u.is_bridge AND n.fingerprint = u.fingerprint
            WHERE n.first_seen <= $4 AND u.day >= to_timestamp($1)::date AND extract(epoch FROM u.day) < $2
        ), days AS (
            SELECT f.is_bridge, f.fingerprint, f.flag, f.first_seen, sh.day, sh.hours AS known
            FROM node_flags f JOIN onionoo_status_hours sh ON sh.is_bridge = f.is_bridge AND sh.flag = f.flag
            WHERE sh.day >= to_timestamp($1)::date AND extract(epoch FROM sh.day) < $2 AND sh.day >= f.first_seen::date
        )
        SELECT is_bridge, fingerprint, flag, p, sum(up)::float8, sum(kn)::float8
        FROM (
            SELECT d.is_bridge, d.fingerprint, d.flag,
                   (extract(epoch FROM d.day)::bigint - $1) / $3 + m.k AS p,
                   bit_count((coalesce(u.hours, 0) & d.known & m.mask & a.after)::bit(32)) AS up,
                   bit_count((d.known & m.mask & a.after)::bit(32)) AS kn
            FROM days d
            LEFT JOIN onionoo_uptime u
                   ON u.is_bridge = d.is_bridge AND u.fingerprint = d.fingerprint AND u.flag = d.flag AND u.day = d.day
            CROSS JOIN LATERAL (SELECT CASE WHEN d.day = d.first_seen::date
                                            THEN ~((1 << extract(hour FROM d.first_seen)::int) - 1) ELSE -1 END AS after) a
            CROSS JOIN LATERAL (SELECT k, ((1 << $6) - 1) << (k * $6) AS mask FROM generate_series(0, $7 - 1) k) m
        ) x
        WHERE p >= 0 AND p < $5
        GROUP BY is_bridge, fingerprint, flag, p
        ORDER BY is_bridge, fingerprint, flag
        """;
}

/// <summary>A node by kind and hex fingerprint (hashed for bridges).</summary>
public readonly record struct NodeKey(bool IsBridge, string Fingerprint);
