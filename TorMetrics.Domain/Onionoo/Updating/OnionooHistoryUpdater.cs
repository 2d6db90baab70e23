using Npgsql;

namespace TorMetrics.Domain.Onionoo.Updating;

/// <summary>
/// Folds statuses and extra-info descriptors that arrived since the last run into the history aggregates
/// (first/last seen, address changes, hourly uptime, weights, bandwidth, bridge clients), all in SQL. Each document
/// is folded once; every aggregate is idempotent, so a repeated or concurrent run cannot double-count.
/// </summary>
public sealed class OnionooHistoryUpdater(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<HistoryUpdateReport> UpdateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SET LOCAL TIME ZONE 'UTC'", cancellationToken);
        // The fold's statements have high estimated costs but touch few rows; compiling them (JIT) took longer than
        // running them, half a second per statement.
        await ExecuteAsync(connection, "SET LOCAL jit = off", cancellationToken);
        // One updater at a time per database: two instances' jobs would otherwise fold the same documents.
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext('onionoo-history'))", cancellationToken);

        await ExecuteAsync(connection, NewStatusesSql, cancellationToken);
        await ExecuteAsync(connection, NewExtraInfosSql, cancellationToken);
        // Without statistics the planner guesses the new rows' count and scans all status entries instead of the index.
        await ExecuteAsync(connection, "ANALYZE new_statuses; ANALYZE new_extra_infos", cancellationToken);
        int statuses = (int)await ScalarAsync<long>(connection, "SELECT count(*) FROM new_statuses", cancellationToken);
        int extraInfos = (int)await ScalarAsync<long>(connection, "SELECT count(*) FROM new_extra_infos", cancellationToken);
        if (statuses > 0)
        {
            await ExecuteAsync(connection, NodesSql, cancellationToken);
            await ExecuteAsync(connection, UptimeSql, cancellationToken);
            await ExecuteAsync(connection, StatusHoursSql, cancellationToken);
            await ExecuteAsync(connection, WeightsSql, cancellationToken);
            bool backfill = await ScalarAsync<bool>(connection, BackfillSql, cancellationToken);
            await ExecuteAsync(connection, backfill ? AllAddressChangesSql : NewAddressChangesSql, cancellationToken);
        }

        if (extraInfos > 0)
        {
            await ExecuteAsync(connection, BandwidthSql, cancellationToken);
            await ExecuteAsync(connection, ClientsSql, cancellationToken);
        }

        // The day tables are rebuilt from the interval tables for the days new intervals touch; all of them on the
        // first run after they were created (migration 0017).
        bool allWeightDays = await ScalarAsync<bool>(connection, NoWeightDaysYetSql, cancellationToken);
        await ExecuteAsync(connection, allWeightDays ? AllWeightSlotsSql : NewWeightSlotsSql, cancellationToken);
        await ExecuteAsync(connection, ApplyWeightSlotsSql, cancellationToken);
        bool allBandwidthDays = await ScalarAsync<bool>(connection, NoBandwidthDaysYetSql, cancellationToken);
        await ExecuteAsync(connection, allBandwidthDays ? AllBandwidthDaysSql : NewBandwidthDaysSql, cancellationToken);
        await ExecuteAsync(connection, BuildBandwidthDaysSql, cancellationToken);

        if (statuses + extraInfos > LargeFold || allWeightDays || allBandwidthDays)
        {
            // A first run or a backfill grows the aggregates many times over; the next run and the snapshot build
            // would otherwise plan with the old statistics until autovacuum gets to them.
            await ExecuteAsync(connection, AnalyzeAggregatesSql, cancellationToken);
        }

        await using (var processed = new NpgsqlCommand(ProcessedSql, connection))
        {
            processed.Parameters.AddWithValue(clock.GetUtcNow());
            await processed.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new HistoryUpdateReport(statuses, extraInfos);
    }

    // More documents than about a day's worth (24 consensuses and bridge statuses, a few thousand extra-infos).
    private const int LargeFold = 10_000;

    private const string AnalyzeAggregatesSql = """
        ANALYZE onionoo_nodes, onionoo_address_changes, onionoo_uptime, onionoo_status_hours, onionoo_weights,
                onionoo_weight_days, onionoo_bandwidth, onionoo_bandwidth_days, onionoo_clients, onionoo_processed_documents
        """;

    // Relay consensuses (one per hour, see the view) and bridge statuses not folded yet.
    private const string NewStatusesSql = """
        CREATE TEMP TABLE new_statuses ON COMMIT DROP AS
        SELECT s.document_sha256, s.id, s.valid_after, s.flavor = 'bridge' AS is_bridge, s.known_flags,
               coalesce(s.fresh_until, s.valid_after + interval '1 hour') AS fresh_until, s.bandwidth_weights
        FROM network_statuses s
        WHERE NOT s.is_vote
          AND (s.flavor = 'bridge' OR s.document_sha256 IN (SELECT document_sha256 FROM onionoo_relay_consensuses))
          AND NOT EXISTS (SELECT 1 FROM onionoo_processed_documents p WHERE p.document_sha256 = s.document_sha256)
        """;

    private const string NewExtraInfosSql = """
        CREATE TEMP TABLE new_extra_infos ON COMMIT DROP AS
        SELECT x.* FROM extra_infos x
        WHERE NOT EXISTS (SELECT 1 FROM onionoo_processed_documents p WHERE p.document_sha256 = x.document_sha256)
        """;

    private const string NodesSql = """
        INSERT INTO onionoo_nodes (is_bridge, fingerprint, first_seen, last_seen)
        SELECT n.is_bridge, e.fingerprint, min(n.valid_after), max(n.valid_after)
        FROM new_statuses n JOIN status_entries e ON e.status_id = n.id
        GROUP BY n.is_bridge, e.fingerprint
        ON CONFLICT (is_bridge, fingerprint) DO UPDATE
        SET first_seen = least(onionoo_nodes.first_seen, excluded.first_seen),
            last_seen = greatest(onionoo_nodes.last_seen, excluded.last_seen)
        """;

    // Bit h of a day's hours: listed in a status of hour h. Flags per hour only for relays (bridges have no flag graphs).
    private const string UptimeSql = """
        INSERT INTO onionoo_uptime (is_bridge, fingerprint, flag, day, hours)
        SELECT n.is_bridge, e.fingerprint, f.flag, n.valid_after::date,
               bit_or(1 << extract(hour FROM n.valid_after)::int)
        FROM new_statuses n
        JOIN status_entries e ON e.status_id = n.id
        CROSS JOIN LATERAL (SELECT '' AS flag UNION ALL SELECT unnest(e.flags) WHERE NOT n.is_bridge) f
        GROUP BY n.is_bridge, e.fingerprint, f.flag, n.valid_after::date
        ON CONFLICT (is_bridge, fingerprint, flag, day) DO UPDATE SET hours = onionoo_uptime.hours | excluded.hours
        """;

    private const string StatusHoursSql = """
        INSERT INTO onionoo_status_hours (is_bridge, flag, day, hours)
        SELECT n.is_bridge, f.flag, n.valid_after::date, bit_or(1 << extract(hour FROM n.valid_after)::int)
        FROM new_statuses n
        CROSS JOIN LATERAL (SELECT '' AS flag UNION ALL SELECT unnest(n.known_flags) WHERE NOT n.is_bridge) f
        GROUP BY n.is_bridge, f.flag, n.valid_after::date
        ON CONFLICT (is_bridge, flag, day) DO UPDATE SET hours = onionoo_status_hours.hours | excluded.hours
        """;

    // Path-selection probabilities per consensus over its running relays (protocol §8.6): guard, middle and exit
    // weights by relay class, each divided by its sum. Without all eight Wxx only the weight fraction is known.
    private const string WeightsSql = """
        INSERT INTO onionoo_weights (fingerprint, valid_after, fresh_until, consensus_weight, consensus_weight_fraction,
                                     guard_probability, middle_probability, exit_probability)
        SELECT fingerprint, valid_after, fresh_until, w,
               coalesce(w / nullif(sum(w) OVER c, 0), 0),
               CASE WHEN complete THEN coalesce(g / nullif(sum(g) OVER c, 0), 0) END,
               CASE WHEN complete THEN coalesce(m / nullif(sum(m) OVER c, 0), 0) END,
               CASE WHEN complete THEN coalesce(x / nullif(sum(x) OVER c, 0), 0) END
        FROM (
            SELECT e.fingerprint, n.valid_after, n.fresh_until, n.document_sha256, e.bandwidth AS w, k.complete,
                   e.bandwidth * CASE WHEN guard AND exit THEN k.wgd WHEN guard THEN k.wgg ELSE 0 END AS g,
                   e.bandwidth * CASE WHEN guard AND exit THEN k.wmd WHEN guard THEN k.wmg WHEN exit THEN k.wme ELSE k.wmm END AS m,
                   e.bandwidth * CASE WHEN guard AND exit THEN k.wed WHEN exit THEN k.wee ELSE 0 END AS x
            FROM new_statuses n
            JOIN status_entries e ON e.status_id = n.id
            CROSS JOIN LATERAL (SELECT 'Guard' = ANY (e.flags) AS guard,
                                       'Exit' = ANY (e.flags) AND NOT 'BadExit' = ANY (e.flags) AS exit) f
            CROSS JOIN LATERAL (
                SELECT (n.bandwidth_weights ?& array['Wgg','Wgd','Wmg','Wmm','Wme','Wmd','Wee','Wed']) AS complete,
                       (n.bandwidth_weights->>'Wgg')::float8 / 10000 AS wgg, (n.bandwidth_weights->>'Wgd')::float8 / 10000 AS wgd,
                       (n.bandwidth_weights->>'Wmg')::float8 / 10000 AS wmg, (n.bandwidth_weights->>'Wmm')::float8 / 10000 AS wmm,
                       (n.bandwidth_weights->>'Wme')::float8 / 10000 AS wme, (n.bandwidth_weights->>'Wmd')::float8 / 10000 AS wmd,
                       (n.bandwidth_weights->>'Wee')::float8 / 10000 AS wee, (n.bandwidth_weights->>'Wed')::float8 / 10000 AS wed) k
            WHERE NOT n.is_bridge AND 'Running' = ANY (e.flags) AND e.bandwidth >= 0
        ) r
        WINDOW c AS (PARTITION BY document_sha256)
        ON CONFLICT (fingerprint, valid_after) DO UPDATE
        SET fresh_until = excluded.fresh_until, consensus_weight = excluded.consensus_weight,
            consensus_weight_fraction = excluded.consensus_weight_fraction, guard_probability = excluded.guard_probability,
            middle_probability = excluded.middle_probability, exit_probability = excluded.exit_probability
        """;

    // Address changes are found by comparing each listing with the one before; that is only incremental while
    // consensuses arrive in order. An older consensus imported later (a backfill) recomputes them all.
    private const string BackfillSql = """
        SELECT coalesce((SELECT min(valid_after) FROM new_statuses WHERE NOT is_bridge)
                        < (SELECT max(valid_after) FROM onionoo_relay_consensuses c
                           WHERE c.document_sha256 NOT IN (SELECT document_sha256 FROM new_statuses)
                             AND EXISTS (SELECT 1 FROM onionoo_processed_documents p WHERE p.document_sha256 = c.document_sha256)), false)
        """;

    private const string ListingAddresses = """
        (ARRAY[e.address || ':' || e.or_port]
         || CASE WHEN e.dir_port > 0 THEN ARRAY[e.address || ':' || e.dir_port] ELSE '{}'::text[] END
         || e.or_addresses)
        """;

    private const string NewAddressChangesSql = $"""
        WITH batch AS (
            SELECT e.fingerprint, n.valid_after, {ListingAddresses} AS addresses
            FROM new_statuses n JOIN status_entries e ON e.status_id = n.id
            WHERE NOT n.is_bridge
        ), previous AS (
            SELECT p.* FROM (SELECT fingerprint, min(valid_after) AS first FROM batch GROUP BY fingerprint) b
            CROSS JOIN LATERAL (
                SELECT e.fingerprint, e.valid_after, {ListingAddresses} AS addresses
                FROM status_entries e JOIN network_statuses s ON s.id = e.status_id
                WHERE e.fingerprint = b.fingerprint AND e.valid_after < b.first
                  AND NOT s.is_vote AND s.flavor IN ('ns', 'microdesc')
                ORDER BY e.valid_after DESC LIMIT 1) p
        ), ordered AS (
            SELECT fingerprint, valid_after, addresses,
                   lag(addresses) OVER (PARTITION BY fingerprint ORDER BY valid_after) AS before
            FROM (SELECT * FROM batch UNION ALL SELECT * FROM previous) l
        )
        INSERT INTO onionoo_address_changes (fingerprint, changed_at)
        SELECT fingerprint, valid_after FROM ordered WHERE before IS NOT NULL AND NOT (before <@ addresses)
        ON CONFLICT DO NOTHING
        """;

    private const string AllAddressChangesSql = $"""
        DELETE FROM onionoo_address_changes;
        WITH ordered AS (
            SELECT e.fingerprint, c.valid_after, {ListingAddresses} AS addresses,
                   lag({ListingAddresses}) OVER (PARTITION BY e.fingerprint ORDER BY c.valid_after) AS before
            FROM onionoo_relay_consensuses c JOIN status_entries e ON e.status_id = c.id
        )
        INSERT INTO onionoo_address_changes (fingerprint, changed_at)
        SELECT fingerprint, valid_after FROM ordered WHERE before IS NOT NULL AND NOT (before <@ addresses)
        """;

    // One row per reported interval; values are oldest first and the end time closes the newest one.
    private const string BandwidthSql = """
        INSERT INTO onionoo_bandwidth (is_bridge, fingerprint, direction, interval_end, seconds, bytes)
        SELECT x.is_bridge, x.fingerprint, h.direction,
               h.history_end - (h.count - h.i) * h.seconds * interval '1 second', h.seconds, h.bytes
        FROM new_extra_infos x
        CROSS JOIN LATERAL (
            SELECT 'r'::"char" AS direction, x.read_history_end AS history_end, x.read_history_interval AS seconds,
                   cardinality(x.read_history) AS count, v.bytes, v.i
            FROM unnest(x.read_history) WITH ORDINALITY v(bytes, i)
            WHERE x.read_history_interval > 0
            UNION ALL
            SELECT 'w', x.write_history_end, x.write_history_interval, cardinality(x.write_history), v.bytes, v.i
            FROM unnest(x.write_history) WITH ORDINALITY v(bytes, i)
            WHERE x.write_history_interval > 0) h
        WHERE h.bytes >= 0
        ON CONFLICT DO NOTHING
        """;

    // Bridge client estimates (protocol §7.8): 24-hour dirreq-stats intervals only; negative estimates are skipped.
    private const string ClientsSql = """
        INSERT INTO onionoo_clients (fingerprint, interval_end, seconds, clients)
        SELECT x.fingerprint, x.dirreq_stats_end, 86400, ((x.statistics->'dirreqV3Resp'->>'ok')::float8 - 4) / 10
        FROM new_extra_infos x
        WHERE x.is_bridge AND x.dirreq_stats_end IS NOT NULL
          AND (x.statistics->>'dirreqStatsIntervalSeconds')::int = 86400
          AND (x.statistics->'dirreqV3Resp'->>'ok')::float8 >= 4
        ON CONFLICT DO NOTHING
        """;

    private const string NoWeightDaysYetSql =
        "SELECT NOT EXISTS (SELECT 1 FROM onionoo_weight_days) AND EXISTS (SELECT 1 FROM onionoo_weights)";

    private const string NoBandwidthDaysYetSql =
        "SELECT NOT EXISTS (SELECT 1 FROM onionoo_bandwidth_days) AND EXISTS (SELECT 1 FROM onionoo_bandwidth)";

    // Weights slots are rebuilt per hour: a new consensus touches one or two hours of each relay's day, and reading
    // the relay's whole day from onionoo_weights (stored in consensus order, one page per row) cost seconds.
    // Each interval of at most 4 hours counts towards the hours it overlaps by the seconds it covers there; a slot's
    // values are averaged over those seconds (an interval without a probability does not count towards that average).
    private const string WeightSlotColumns = """
        sum(o.overlap)::int AS covered,
        sum(w.consensus_weight_fraction * o.overlap) / nullif(sum(o.overlap), 0) AS v1,
        sum(w.guard_probability * o.overlap) / nullif(sum(o.overlap) FILTER (WHERE w.guard_probability IS NOT NULL), 0) AS v2,
        sum(w.middle_probability * o.overlap) / nullif(sum(o.overlap) FILTER (WHERE w.middle_probability IS NOT NULL), 0) AS v3,
        sum(w.exit_probability * o.overlap) / nullif(sum(o.overlap) FILTER (WHERE w.exit_probability IS NOT NULL), 0) AS v4,
        sum(w.consensus_weight * o.overlap) / nullif(sum(o.overlap), 0) AS v5
        """;

    private const string NewWeightSlotsSql = $"""
        CREATE TEMP TABLE weight_hours_to_build ON COMMIT DROP AS
        SELECT DISTINCT w.fingerprint, h.hour
        FROM new_statuses n
        JOIN onionoo_weights w ON w.valid_after = n.valid_after
        CROSS JOIN LATERAL generate_series(date_trunc('hour', w.valid_after), w.fresh_until - interval '1 microsecond',
                                           interval '1 hour') h(hour)
        WHERE NOT n.is_bridge AND w.fresh_until - w.valid_after <= interval '4 hours';
        ANALYZE weight_hours_to_build;
        CREATE TEMP TABLE weight_slots ON COMMIT DROP AS
        SELECT a.fingerprint, a.hour, {WeightSlotColumns}
        FROM weight_hours_to_build a
        JOIN onionoo_weights w ON w.fingerprint = a.fingerprint
             AND w.valid_after > a.hour - interval '4 hours' AND w.valid_after < a.hour + interval '1 hour'
             AND w.fresh_until > a.hour AND w.fresh_until - w.valid_after <= interval '4 hours'
        CROSS JOIN LATERAL (SELECT extract(epoch FROM least(w.fresh_until, a.hour + interval '1 hour')
                                                      - greatest(w.valid_after, a.hour))::float8 AS overlap) o
        GROUP BY a.fingerprint, a.hour
        """;

    private const string AllWeightSlotsSql = $"""
        CREATE TEMP TABLE weight_slots ON COMMIT DROP AS
        SELECT w.fingerprint, h.hour, {WeightSlotColumns}
        FROM onionoo_weights w
        CROSS JOIN LATERAL generate_series(date_trunc('hour', w.valid_after), w.fresh_until - interval '1 microsecond',
                                           interval '1 hour') h(hour)
        CROSS JOIN LATERAL (SELECT extract(epoch FROM least(w.fresh_until, h.hour + interval '1 hour')
                                                      - greatest(w.valid_after, h.hour))::float8 AS overlap) o
        WHERE w.fresh_until - w.valid_after <= interval '4 hours'
        GROUP BY w.fingerprint, h.hour
        """;

    // Writes the rebuilt slots into their day rows and keeps the day's other slots. A slot without a value holds
    // NaN; slots are packed as migration 0017 describes.
    private const string ApplyWeightSlotsSql = """
        INSERT INTO onionoo_weight_days (fingerprint, day, covered, consensus_weight_fraction, guard_probability,
                                         middle_probability, exit_probability, consensus_weight)
        SELECT y.fingerprint, y.day,
               string_agg(CASE WHEN x.hour IS NULL THEN coalesce(substring(d.covered FROM g * 4 + 1 FOR 4), int4send(0))
                               ELSE int4send(x.covered) END, '' ORDER BY g),
               string_agg(CASE WHEN x.hour IS NULL THEN coalesce(substring(d.consensus_weight_fraction FROM g * 4 + 1 FOR 4), float4send('NaN'))
                               ELSE float4send(coalesce(x.v1, 'NaN')::real) END, '' ORDER BY g),
               string_agg(CASE WHEN x.hour IS NULL THEN coalesce(substring(d.guard_probability FROM g * 4 + 1 FOR 4), float4send('NaN'))
                               ELSE float4send(coalesce(x.v2, 'NaN')::real) END, '' ORDER BY g),
               string_agg(CASE WHEN x.hour IS NULL THEN coalesce(substring(d.middle_probability FROM g * 4 + 1 FOR 4), float4send('NaN'))
                               ELSE float4send(coalesce(x.v3, 'NaN')::real) END, '' ORDER BY g),
               string_agg(CASE WHEN x.hour IS NULL THEN coalesce(substring(d.exit_probability FROM g * 4 + 1 FOR 4), float4send('NaN'))
                               ELSE float4send(coalesce(x.v4, 'NaN')::real) END, '' ORDER BY g),
               string_agg(CASE WHEN x.hour IS NULL THEN coalesce(substring(d.consensus_weight FROM g * 4 + 1 FOR 4), float4send('NaN'))
                               ELSE float4send(coalesce(x.v5, 'NaN')::real) END, '' ORDER BY g)
        FROM (SELECT DISTINCT fingerprint, (hour AT TIME ZONE 'UTC')::date AS day FROM weight_slots) y
        CROSS JOIN generate_series(0, 23) g
        LEFT JOIN onionoo_weight_days d ON d.fingerprint = y.fingerprint AND d.day = y.day
        LEFT JOIN weight_slots x ON x.fingerprint = y.fingerprint AND x.hour = (y.day + g * interval '1 hour') AT TIME ZONE 'UTC'
        GROUP BY y.fingerprint, y.day
        ON CONFLICT (fingerprint, day) DO UPDATE
        SET covered = excluded.covered, consensus_weight_fraction = excluded.consensus_weight_fraction,
            guard_probability = excluded.guard_probability, middle_probability = excluded.middle_probability,
            exit_probability = excluded.exit_probability, consensus_weight = excluded.consensus_weight
        """;

    // The node-days the new extra-infos' histories span.
    private const string NewBandwidthDaysSql = """
        CREATE TEMP TABLE bandwidth_days_to_build ON COMMIT DROP AS
        SELECT DISTINCT x.is_bridge, x.fingerprint, h.direction, d.day::date AS day
        FROM new_extra_infos x
        CROSS JOIN LATERAL (VALUES ('r'::"char", x.read_history_end, x.read_history_interval, cardinality(x.read_history)),
                                   ('w'::"char", x.write_history_end, x.write_history_interval, cardinality(x.write_history))
                           ) h(direction, history_end, seconds, count)
        CROSS JOIN LATERAL generate_series((h.history_end - h.count * h.seconds * interval '1 second')::date::timestamp,
                                           (h.history_end - interval '1 microsecond')::date::timestamp, interval '1 day') d(day)
        WHERE h.history_end IS NOT NULL AND h.seconds > 0 AND h.count > 0;
        ANALYZE bandwidth_days_to_build
        """;

    private const string AllBandwidthDaysSql = """
        CREATE TEMP TABLE bandwidth_days_to_build ON COMMIT DROP AS
        SELECT DISTINCT b.is_bridge, b.fingerprint, b.direction, d.day
        FROM onionoo_bandwidth b
        CROSS JOIN LATERAL (VALUES ((b.interval_end - b.seconds * interval '1 second')::date),
                                   ((b.interval_end - interval '1 microsecond')::date)) d(day)
        WHERE b.seconds <= 86400;
        ANALYZE bandwidth_days_to_build
        """;

    // As the weights, for intervals of at most a day (tor reports 15 minutes, 4 hours or a day).
    private const string BuildBandwidthDaysSql = """
        INSERT INTO onionoo_bandwidth_days (is_bridge, fingerprint, direction, day, covered, bytes_per_second)
        SELECT is_bridge, fingerprint, direction, day, string_agg(int4send(coalesce(covered, 0)), '' ORDER BY slot),
               string_agg(float8send(coalesce(v1, 'NaN')), '' ORDER BY slot)
        FROM (
            SELECT a.is_bridge, a.fingerprint, a.direction, a.day, g.slot, s.covered, s.v1
            FROM bandwidth_days_to_build a
            CROSS JOIN generate_series(0, 23) g(slot)
            LEFT JOIN (
                SELECT p.is_bridge, p.fingerprint, p.direction, p.day, p.slot, sum(p.overlap)::int AS covered,
                       sum(p.v1 * p.overlap) / nullif(sum(p.overlap), 0) AS v1
                FROM (
                    SELECT a.is_bridge, a.fingerprint, a.direction, a.day, (h - t.day_start / 3600)::int AS slot,
                           (least(t.e, (h + 1) * 3600) - greatest(t.s, h * 3600))::float8 AS overlap,
                           b.bytes::float8 / b.seconds AS v1
                    FROM bandwidth_days_to_build a
                    JOIN onionoo_bandwidth b ON b.is_bridge = a.is_bridge AND b.fingerprint = a.fingerprint
                         AND b.direction = a.direction AND b.interval_end > a.day AND b.interval_end < a.day + 2
                         AND b.seconds <= 86400
                    CROSS JOIN LATERAL (SELECT extract(epoch FROM a.day::timestamp)::bigint AS day_start,
                                               extract(epoch FROM b.interval_end)::bigint - b.seconds AS s,
                                               extract(epoch FROM b.interval_end)::bigint AS e) t
                    CROSS JOIN LATERAL generate_series(greatest(t.s, t.day_start) / 3600, (least(t.e, t.day_start + 86400) - 1) / 3600) h
                ) p
                WHERE p.overlap > 0
                GROUP BY p.is_bridge, p.fingerprint, p.direction, p.day, p.slot
            ) s ON s.is_bridge = a.is_bridge AND s.fingerprint = a.fingerprint AND s.direction = a.direction
                   AND s.day = a.day AND s.slot = g.slot
        ) x
        GROUP BY is_bridge, fingerprint, direction, day
        ON CONFLICT (is_bridge, fingerprint, direction, day) DO UPDATE
        SET covered = excluded.covered, bytes_per_second = excluded.bytes_per_second
        """;

    private const string ProcessedSql = """
        INSERT INTO onionoo_processed_documents (document_sha256, processed_at)
        SELECT document_sha256, $1 FROM new_statuses
        UNION ALL SELECT document_sha256, $1 FROM new_extra_infos
        ON CONFLICT DO NOTHING
        """;

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <summary>How many statuses and extra-info descriptors a history update folded in.</summary>
public sealed record HistoryUpdateReport(int Statuses, int ExtraInfos);
