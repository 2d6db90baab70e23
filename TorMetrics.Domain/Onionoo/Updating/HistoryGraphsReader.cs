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
        ReadIntervalsAsync(BandwidthSource, [null], GraphHistory.Bandwidth, 5, newest, ct);

    public Task<Dictionary<NodeKey, NodeGraphs>> ReadWeightsAsync(DateTime newest, CancellationToken ct) =>
        ReadIntervalsAsync(WeightsSource,
            ["consensus_weight_fraction", "guard_probability", "middle_probability", "exit_probability", "consensus_weight"],
            GraphHistory.Weights, 5, newest, ct);

    public Task<Dictionary<NodeKey, NodeGraphs>> ReadClientsAsync(DateTime newest, CancellationToken ct) =>
        ReadIntervalsAsync(ClientsSource, [null], GraphHistory.Clients, 2, newest, ct);

    /// <summary>
    /// Uptime from the per-day hour bitmaps SQL keeps: a node's listed hours per day are read in node order and
    /// counted here against the hours that had a status, from the node's first listing on.
    /// </summary>
    public async Task<Dictionary<NodeKey, NodeGraphs>> ReadUptimeAsync(DateTime newest, CancellationToken ct)
    {
        var result = new Dictionary<NodeKey, NodeGraphs>();
        var periods = GraphHistory.Uptime;
        for (int k = 0; k < periods.Count; k++)
        {
            var window = GraphHistory.Window(periods[k], newest);
            var firstDay = DateOnly.FromDateTime(DateTime.UnixEpoch.AddSeconds(window.Start));
            var lastDay = DateOnly.FromDateTime(DateTime.UnixEpoch.AddSeconds(window.End));
            var statusHours = await ReadStatusHoursAsync(firstDay, lastDay, ct);

            await using var command = new NpgsqlCommand(UptimeSql, connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue(AttemptBefore(periods, k, newest));
            command.Parameters.AddWithValue(firstDay);
            command.Parameters.AddWithValue(lastDay);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var accumulator = new GraphAccumulator(window, 5, result);
            var listed = new Dictionary<DateOnly, int>();
            (NodeKey Node, string Flag, DateTime FirstSeen)? current = null;
            void CountCurrent()
            {
                if (current is not { } c)
                {
                    return;
                }

                accumulator.Next(c.Node, c.Flag.Length == 0 ? UptimeSeries : FlagSeriesPrefix + c.Flag);
                var firstListed = DateOnly.FromDateTime(c.FirstSeen);
                foreach (var (day, known) in statusHours.GetValueOrDefault((c.Node.IsBridge, c.Flag)) ?? [])
                {
                    if (day >= firstListed)
                    {
                        AddDay(accumulator, window, day, listed.GetValueOrDefault(day), known, c.FirstSeen);
                    }
                }

                listed.Clear();
            }

            while (await reader.ReadAsync(ct))
            {
                var node = new NodeKey(reader.GetBoolean(0), Convert.ToHexString((byte[])reader[1]));
                var flag = reader.GetString(2);
                if (current is not { } c || c.Node != node || !string.Equals(c.Flag, flag, StringComparison.Ordinal))
                {
                    CountCurrent();
                    current = (node, flag, reader.GetDateTime(5));
                }

                listed[reader.GetFieldValue<DateOnly>(3)] = reader.GetInt32(4);
            }

            CountCurrent();
            accumulator.Flush();
        }

        return result;
    }

    private async Task<Dictionary<(bool IsBridge, string Flag), List<(DateOnly Day, int Hours)>>> ReadStatusHoursAsync(
        DateOnly firstDay, DateOnly lastDay, CancellationToken ct)
    {
        var hours = new Dictionary<(bool, string), List<(DateOnly, int)>>();
        await using var command = new NpgsqlCommand(
            "SELECT is_bridge, flag, day, hours FROM onionoo_status_hours WHERE day BETWEEN $1 AND $2 ORDER BY day", connection);
        command.Parameters.AddWithValue(firstDay);
        command.Parameters.AddWithValue(lastDay);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = (reader.GetBoolean(0), reader.GetString(1));
            if (!hours.TryGetValue(key, out var days))
            {
                hours[key] = days = [];
            }

            days.Add((reader.GetFieldValue<DateOnly>(2), reader.GetInt32(3)));
        }

        return hours;
    }

    // Counts a day's up and known hours into the points they fall in; hours before the first listing do not count.
    private static void AddDay(GraphAccumulator accumulator, GraphWindow window, DateOnly day, int up, int known, DateTime firstSeen)
    {
        long dayStart = GraphHistory.ToEpoch(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        if (day == DateOnly.FromDateTime(firstSeen))
        {
            int notYet = (1 << firstSeen.Hour) - 1;
            up &= ~notYet;
            known &= ~notYet;
        }

        for (int hour = 0; hour < 24; hour++)
        {
            int bit = 1 << hour;
            long start = dayStart + hour * 3600L;
            if ((known & bit) == 0 || start < window.Start || start >= window.End)
            {
                continue;
            }

            accumulator.Add((int)((start - window.Start) / window.Period.IntervalSeconds), (up & bit) != 0 ? 3600 : 0, 3600);
        }
    }

    private async Task<Dictionary<NodeKey, NodeGraphs>> ReadIntervalsAsync(
        string source, IReadOnlyList<string?> columns, IReadOnlyList<GraphPeriod> periods, int coverageDivisor, DateTime newest, CancellationToken ct)
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
            await using var reader = await command.ExecuteReaderAsync(ct);
            var accumulators = columns.Select(_ => new GraphAccumulator(window, coverageDivisor, result)).ToArray();
            while (await reader.ReadAsync(ct))
            {
                var node = new NodeKey(reader.GetBoolean(0), Convert.ToHexString((byte[])reader[1]));
                var series = reader.GetString(2);
                int point = (int)reader.GetInt64(3);
                for (int c = 0; c < columns.Count; c++)
                {
                    accumulators[c].Next(node, columns[c] ?? series);
                    if (!reader.IsDBNull(4 + 2 * c))
                    {
                        accumulators[c].Add(point, reader.GetDouble(4 + 2 * c), reader.GetDouble(5 + 2 * c));
                    }
                }
            }

            foreach (var accumulator in accumulators)
            {
                accumulator.Flush();
            }
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

    /// <summary>Collects one series' point sums, node by node (rows arrive ordered), and compiles each graph.</summary>
    private sealed class GraphAccumulator(GraphWindow window, int coverageDivisor, Dictionary<NodeKey, NodeGraphs> result)
    {
        private readonly double[] _sums = new double[window.Points];
        private readonly double[] _covered = new double[window.Points];
        private NodeKey? _node;
        private string? _series;

        public void Next(NodeKey node, string series)
        {
            if (node != _node || !string.Equals(series, _series, StringComparison.Ordinal))
            {
                Flush();
                _node = node;
                _series = series;
            }
        }

        public void Add(int point, double sum, double covered)
        {
            _sums[point] += sum;
            _covered[point] += covered;
        }

        public void Flush()
        {
            if (_node is { } node && _series is not null && GraphHistory.Compile(window, _sums, _covered, coverageDivisor) is { } graph)
            {
                if (!result.TryGetValue(node, out var graphs))
                {
                    result[node] = graphs = new NodeGraphs();
                }

                graphs.Add(_series, window.Period.Key, graph);
            }

            Array.Clear(_sums);
            Array.Clear(_covered);
            _node = null;
            _series = null;
        }
    }

    // $1 window start, $2 end (epoch seconds), $3 point interval (s), $4 only nodes first seen by then, $5 points.
    // Most intervals lie within one point and need no splitting; the others are split at point boundaries.
    // Each value column vN gets its sum of value × overlap and the overlap where it is known.
    private const string IntervalPointsSql = """
        WITH src AS ({source}),
        pieces AS (
            SELECT is_bridge, fingerprint, series, (start_s - $1) / $3 AS p, (end_s - start_s)::float8 AS overlap, v1, v2, v3, v4, v5
            FROM src WHERE start_s >= $1 AND (start_s - $1) / $3 = (end_s - 1 - $1) / $3
            UNION ALL
            SELECT is_bridge, fingerprint, series, p,
                   (least(end_s, $1 + (p + 1) * $3) - greatest(start_s, $1 + p * $3))::float8, v1, v2, v3, v4, v5
            FROM src
            CROSS JOIN LATERAL generate_series(greatest(0, (start_s - $1) / $3), least($5 - 1, (end_s - 1 - $1) / $3)) p
            WHERE NOT (start_s >= $1 AND (start_s - $1) / $3 = (end_s - 1 - $1) / $3)
        )
        SELECT is_bridge, fingerprint, series, p,
               sum(v1 * overlap), sum(overlap) FILTER (WHERE v1 IS NOT NULL),
               sum(v2 * overlap), sum(overlap) FILTER (WHERE v2 IS NOT NULL),
               sum(v3 * overlap), sum(overlap) FILTER (WHERE v3 IS NOT NULL),
               sum(v4 * overlap), sum(overlap) FILTER (WHERE v4 IS NOT NULL),
               sum(v5 * overlap), sum(overlap) FILTER (WHERE v5 IS NOT NULL)
        FROM pieces
        WHERE p >= 0 AND p < $5 AND overlap > 0
        GROUP BY is_bridge, fingerprint, series, p
        ORDER BY is_bridge, fingerprint, series
        """;

    // Intervals longer than a point are skipped for that graph (not divisible), as upstream.
    private const string BandwidthSource = """
        SELECT b.is_bridge, b.fingerprint, CASE b.direction WHEN 'r' THEN 'read_history' ELSE 'write_history' END AS series,
               extract(epoch FROM b.interval_end)::bigint - b.seconds AS start_s, extract(epoch FROM b.interval_end)::bigint AS end_s,
               b.bytes::float8 / b.seconds AS v1, NULL::float8 AS v2, NULL::float8 AS v3, NULL::float8 AS v4, NULL::float8 AS v5
        FROM onionoo_bandwidth b JOIN served_nodes n ON n.is_bridge = b.is_bridge AND n.fingerprint = b.fingerprint
        WHERE n.first_seen <= $4 AND b.seconds <= $3
          AND b.interval_end > to_timestamp($1) AND b.interval_end - b.seconds * interval '1 second' < to_timestamp($2)
        """;

    private const string WeightsSource = """
        SELECT false AS is_bridge, w.fingerprint, '' AS series,
               extract(epoch FROM w.valid_after)::bigint AS start_s, extract(epoch FROM w.fresh_until)::bigint AS end_s,
               w.consensus_weight_fraction::float8 AS v1, w.guard_probability::float8 AS v2, w.middle_probability::float8 AS v3,
               w.exit_probability::float8 AS v4, w.consensus_weight::float8 AS v5
        FROM onionoo_weights w JOIN served_nodes n ON NOT n.is_bridge AND n.fingerprint = w.fingerprint
        WHERE n.first_seen <= $4 AND w.fresh_until - w.valid_after <= $3 * interval '1 second'
          AND w.fresh_until > to_timestamp($1) AND w.valid_after < to_timestamp($2)
        """;

    private const string ClientsSource = """
        SELECT true AS is_bridge, c.fingerprint, 'average_clients' AS series,
               extract(epoch FROM c.interval_end)::bigint - c.seconds AS start_s, extract(epoch FROM c.interval_end)::bigint AS end_s,
               c.clients AS v1, NULL::float8 AS v2, NULL::float8 AS v3, NULL::float8 AS v4, NULL::float8 AS v5
        FROM onionoo_clients c JOIN served_nodes n ON n.is_bridge AND n.fingerprint = c.fingerprint
        WHERE n.first_seen <= $4 AND c.seconds <= $3
          AND c.interval_end > to_timestamp($1) AND c.interval_end - c.seconds * interval '1 second' < to_timestamp($2)
        """;

    // The hours each served node was listed (held a flag) per day; $1 only nodes first seen by then, $2..$3 the days.
    private const string UptimeSql = """
        SELECT u.is_bridge, u.fingerprint, u.flag, u.day, u.hours, n.first_seen
        FROM onionoo_uptime u JOIN served_nodes n ON n.is_bridge = u.is_bridge AND n.fingerprint = u.fingerprint
        WHERE n.first_seen <= $1 AND u.day BETWEEN $2 AND $3
        ORDER BY u.is_bridge, u.fingerprint, u.flag
        """;

}

/// <summary>A node by kind and hex fingerprint (hashed for bridges).</summary>
public readonly record struct NodeKey(bool IsBridge, string Fingerprint);
