using System.Buffers.Binary;
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
        ReadHistoryAsync(BandwidthDaysSource, RowShape.DaySlots, [null], GraphHistory.Bandwidth, 5, newest, ct);

    public Task<Dictionary<NodeKey, NodeGraphs>> ReadWeightsAsync(DateTime newest, CancellationToken ct) =>
        ReadHistoryAsync(WeightDaysSource, RowShape.DaySlots,
            ["consensus_weight_fraction", "guard_probability", "middle_probability", "exit_probability", "consensus_weight"],
            GraphHistory.Weights, 5, newest, ct);

    public Task<Dictionary<NodeKey, NodeGraphs>> ReadClientsAsync(DateTime newest, CancellationToken ct) =>
        ReadHistoryAsync(ClientsSource, RowShape.Interval, [null], GraphHistory.Clients, 2, newest, ct);

    /// <summary>How a source's rows carry time: one interval each, or a day of hour slots (migration 0017).</summary>
    private enum RowShape
    {
        Interval,
        DaySlots,
    }

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

    /// <summary>
    /// Reads a source once, node by node, and adds each interval or hour slot to the points it overlaps in every
    /// period the node attempts (in proportion to the overlap). Doing the point arithmetic here rather than in a
    /// GROUP BY keeps the database to one ordered read of the node's rows.
    /// </summary>
    private async Task<Dictionary<NodeKey, NodeGraphs>> ReadHistoryAsync(
        string source, RowShape shape, IReadOnlyList<string?> columns, IReadOnlyList<GraphPeriod> periods, int coverageDivisor,
        DateTime newest, CancellationToken ct)
    {
        var result = new Dictionary<NodeKey, NodeGraphs>();
        var windows = periods.Select(p => GraphHistory.Window(p, newest)).ToArray();
        await using var command = new NpgsqlCommand(AttemptingNodesSql + source, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(Enumerable.Range(0, periods.Count).Select(k => AttemptBefore(periods, k, newest)).ToArray());
        command.Parameters.AddWithValue(windows.Select(w => w.Start).ToArray());
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);

        var accumulators = windows.Select(w => columns.Select(_ => new GraphAccumulator(w, coverageDivisor, result)).ToArray()).ToArray();
        var values = new double?[columns.Count];
        var covered = new byte[SlotsPerDay * 8];
        var slotValues = Enumerable.Range(0, columns.Count).Select(_ => new byte[SlotsPerDay * 8]).ToArray();
        var slotWidths = new int[columns.Count];
        var fingerprint = new byte[32];
        var previous = new byte[32];
        int previousLength = -1;
        bool previousIsBridge = false;
        string? previousSeries = null;
        NodeKey node = default;
        while (await reader.ReadAsync(ct))
        {
            bool isBridge = reader.GetBoolean(0);
            int length = (int)reader.GetBytes(1, 0, fingerprint, 0, fingerprint.Length);
            string series = reader.GetString(2);
            int attempted = Math.Min(reader.GetInt32(3), windows.Length);
            bool sameNode = length == previousLength && isBridge == previousIsBridge
                && fingerprint.AsSpan(0, length).SequenceEqual(previous.AsSpan(0, length));
            if (!sameNode || !string.Equals(series, previousSeries, StringComparison.Ordinal))
            {
                if (!sameNode)
                {
                    node = new NodeKey(isBridge, Convert.ToHexString(fingerprint, 0, length));
                    fingerprint.AsSpan(0, length).CopyTo(previous);
                    previousLength = length;
                    previousIsBridge = isBridge;
                }

                previousSeries = series;
                // Flushing in period order keeps each series' graphs in period order ("1_month" first).
                foreach (var periodAccumulators in accumulators)
                {
                    for (int c = 0; c < columns.Count; c++)
                    {
                        periodAccumulators[c].Next(node, columns[c] ?? series);
                    }
                }
            }

            if (shape == RowShape.Interval)
            {
                long start = reader.GetInt64(4);
                long end = reader.GetInt64(5);
                for (int c = 0; c < values.Length; c++)
                {
                    values[c] = reader.IsDBNull(6 + c) ? null : reader.GetDouble(6 + c);
                }

                for (int k = 0; k < attempted; k++)
                {
                    AddInterval(windows[k], accumulators[k], start, end, values);
                }

                continue;
            }

            long dayStart = reader.GetInt64(4);
            if (ReadSlots(reader, 5, covered) != 4)
            {
                throw new InvalidDataException("Covered seconds are int4 slots.");
            }

            for (int c = 0; c < values.Length; c++)
            {
                slotWidths[c] = ReadSlots(reader, 6 + c, slotValues[c]);
            }

            for (int slot = 0; slot < SlotsPerDay; slot++)
            {
                int seconds = BinaryPrimitives.ReadInt32BigEndian(covered.AsSpan(slot * 4));
                if (seconds <= 0)
                {
                    continue;
                }

                for (int c = 0; c < values.Length; c++)
                {
                    double value = slotWidths[c] == 8
                        ? BinaryPrimitives.ReadDoubleBigEndian(slotValues[c].AsSpan(slot * 8))
                        : BinaryPrimitives.ReadSingleBigEndian(slotValues[c].AsSpan(slot * 4));
                    values[c] = double.IsNaN(value) ? null : value;
                }

                for (int k = 0; k < attempted; k++)
                {
                    AddSlot(windows[k], accumulators[k], dayStart + slot * 3600L, seconds, values);
                }
            }
        }

        foreach (var accumulator in accumulators.SelectMany(a => a))
        {
            accumulator.Flush();
        }

        return result;
    }

    private const int SlotsPerDay = 24;

    // Reads a day's slots (24 big-endian int4, float4 or float8 values, migration 0017) into a reused buffer and
    // returns the width of one value in bytes.
    private static int ReadSlots(NpgsqlDataReader reader, int ordinal, byte[] buffer)
    {
        int length = (int)reader.GetBytes(ordinal, 0, buffer, 0, buffer.Length);
        if (length != SlotsPerDay * 4 && length != SlotsPerDay * 8)
        {
            throw new InvalidDataException($"A day of hour slots has {length} bytes.");
        }

        return length / SlotsPerDay;
    }

    // Graph points are whole hours from the epoch, so an hour slot lies in exactly one point.
    private static void AddSlot(GraphWindow window, GraphAccumulator[] accumulators, long slotStart, int covered, double?[] values)
    {
        if (slotStart < window.Start || slotStart >= window.End)
        {
            return;
        }

        int point = (int)((slotStart - window.Start) / window.Period.IntervalSeconds);
        for (int c = 0; c < values.Length; c++)
        {
            if (values[c] is { } value)
            {
                accumulators[c].Add(point, value * covered, covered);
            }
        }
    }

    // An interval longer than a point is not divisible and is skipped for that graph, as upstream.
    private static void AddInterval(GraphWindow window, GraphAccumulator[] accumulators, long start, long end, double?[] values)
    {
        long interval = window.Period.IntervalSeconds;
        if (end - start > interval || end <= window.Start || start >= window.End)
        {
            return;
        }

        int first = (int)((Math.Max(start, window.Start) - window.Start) / interval);
        int last = (int)((Math.Min(end, window.End) - 1 - window.Start) / interval);
        for (int point = first; point <= last; point++)
        {
            long pointStart = window.Start + point * interval;
            double overlap = Math.Min(end, pointStart + interval) - Math.Max(start, pointStart);
            if (overlap <= 0)
            {
                continue;
            }

            for (int c = 0; c < values.Length; c++)
            {
                if (values[c] is { } value)
                {
                    accumulators[c].Add(point, value * overlap, overlap);
                }
            }
        }
    }

    private static DateTime AttemptBefore(IReadOnlyList<GraphPeriod> periods, int k, DateTime newest) =>
        k == 0 ? SnapshotTimes.Forever : DateTime.UnixEpoch.AddSeconds(GraphHistory.Window(periods[k - 1], newest).Start);

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

    // The served nodes that attempt at least the first period: how many periods each attempts (the periods whose
    // attempt-before time, $1, is not before its first_seen) and the start of the widest of them ($2, epoch seconds),
    // from where its intervals are read. A source continues this WITH and selects, ordered by node and series:
    // is_bridge, fingerprint, series, attempted, then the row's time and values (see RowShape).
    private const string AttemptingNodesSql = """
        WITH attempting AS MATERIALIZED (
            SELECT n.is_bridge, n.fingerprint, a.attempted, to_timestamp(($2::bigint[])[a.attempted]) AS read_from
            FROM served_nodes n
            CROSS JOIN LATERAL (SELECT count(*)::int AS attempted FROM unnest($1::timestamptz[]) t WHERE n.first_seen <= t) a
            WHERE a.attempted > 0
        )

        """;

    private const string BandwidthDaysSource = """
        SELECT b.is_bridge, b.fingerprint, CASE b.direction WHEN 'r' THEN 'read_history' ELSE 'write_history' END, n.attempted,
               extract(epoch FROM b.day::timestamp)::bigint, b.covered, b.bytes_per_second
        FROM attempting n JOIN onionoo_bandwidth_days b ON b.is_bridge = n.is_bridge AND b.fingerprint = n.fingerprint
        WHERE b.day >= (n.read_from AT TIME ZONE 'UTC')::date
        ORDER BY b.is_bridge, b.fingerprint, b.direction
        """;

    private const string WeightDaysSource = """
        SELECT false, w.fingerprint, '', n.attempted, extract(epoch FROM w.day::timestamp)::bigint, w.covered,
               w.consensus_weight_fraction, w.guard_probability, w.middle_probability,
               w.exit_probability, w.consensus_weight
        FROM attempting n JOIN onionoo_weight_days w ON NOT n.is_bridge AND w.fingerprint = n.fingerprint
        WHERE w.day >= (n.read_from AT TIME ZONE 'UTC')::date
        ORDER BY w.fingerprint
        """;

    private const string ClientsSource = """
        SELECT true, c.fingerprint, 'average_clients', n.attempted, extract(epoch FROM c.interval_end)::bigint - c.seconds,
               extract(epoch FROM c.interval_end)::bigint, c.clients
        FROM attempting n JOIN onionoo_clients c ON n.is_bridge AND c.fingerprint = n.fingerprint
        WHERE c.interval_end > n.read_from
        ORDER BY c.fingerprint
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
