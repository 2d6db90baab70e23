namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>
/// Step 1 of the generator's SQL (bandwidth-scanner.md §3.1–3.2): every relay with a result in the window, its result
/// counts, last descriptor values, and whether sbws's filters keep it, into the session table <c>bandwidth_relays</c>;
/// its monitoring counts into <c>bandwidth_relay_lists</c>. A real, analysed table lets the next steps be planned on true row counts.
/// </summary>
internal static class RelayStatusSql
{
    public const string Text = """

        CREATE TEMP TABLE bandwidth_relays ON COMMIT DROP AS
        WITH r AS (
            SELECT m.id, m.fingerprint, m.measured_at, m.result_type, m.nickname, m.ed25519_master_key,
                   cardinality(m.relay_in_recent_consensus) AS in_recent_consensus, m.relay_recent_priority_list,
                   m.relay_recent_measurement_attempt, m.xoff_recv, m.xoff_sent, m.relay_average_bandwidth,
                   m.relay_burst_bandwidth, m.relay_observed_bandwidth, m.consensus_bandwidth,
                   m.consensus_bandwidth_is_unmeasured, m.result_type = 'success' AS ok,
                   (@old_cutoff::timestamptz IS NOT NULL AND m.measured_at <= @old_cutoff::timestamptz) AS old
            FROM bandwidth_measurements m
            WHERE m.scanner_id = @scanner AND m.result_version = 4
              AND m.measured_at >= @window_start AND m.measured_at <= @now
        ),
        relays AS (
            SELECT r.fingerprint,
                min(r.measured_at) AS first_seen,
                min(r.id) AS first_id,
                max(r.measured_at) AS last_seen,
                count(*) AS results,
                count(*) FILTER (WHERE r.ok) AS success,
                count(*) FILTER (WHERE r.result_type = 'error-circ') AS error_circ,
                count(*) FILTER (WHERE r.result_type = 'error-stream') AS error_stream,
                count(*) FILTER (WHERE r.result_type = 'error-misc') AS error_misc,
                count(*) FILTER (WHERE r.result_type = 'error-second-relay') AS error_second_relay,
                count(*) FILTER (WHERE r.result_type = 'error-destination') AS error_destination,
                (array_agg(r.nickname ORDER BY r.measured_at DESC, r.id DESC) FILTER (WHERE r.nickname IS NOT NULL))[1] AS nickname,
                (array_agg(r.ed25519_master_key ORDER BY r.measured_at DESC, r.id DESC)
                    FILTER (WHERE r.ed25519_master_key IS NOT NULL))[1] AS master_key,
                coalesce(max(r.in_recent_consensus), 0) AS in_recent_consensus,
                min(r.measured_at) FILTER (WHERE r.ok) AS success_first,
                max(r.measured_at) FILTER (WHERE r.ok) AS success_last,
                count(*) FILTER (WHERE r.ok AND r.old) AS old_successes,
                coalesce(bool_or(r.relay_observed_bandwidth IS NOT NULL) FILTER (WHERE r.ok AND NOT r.old), false) AS has_observed,
                (array_agg(r.relay_average_bandwidth ORDER BY r.measured_at DESC, r.id DESC)
                    FILTER (WHERE r.ok AND NOT r.old AND r.relay_average_bandwidth IS NOT NULL))[1] AS desc_bw_avg,
                (array_agg(r.relay_burst_bandwidth ORDER BY r.measured_at DESC, r.id DESC)
                    FILTER (WHERE r.ok AND NOT r.old AND r.relay_burst_bandwidth IS NOT NULL))[1] AS desc_bw_bur,
                (array_agg(r.relay_observed_bandwidth ORDER BY r.measured_at DESC, r.id DESC)
                    FILTER (WHERE r.ok AND NOT r.old AND r.relay_observed_bandwidth IS NOT NULL))[1] AS desc_bw_obs_last,
                round((avg(r.relay_observed_bandwidth) FILTER (WHERE r.ok AND NOT r.old))::float8) AS desc_bw_obs_mean,
                (array_agg(r.consensus_bandwidth ORDER BY r.measured_at DESC, r.id DESC)
                    FILTER (WHERE r.ok AND NOT r.old AND r.consensus_bandwidth IS NOT NULL))[1] AS result_consensus_bandwidth,
                (array_agg(r.consensus_bandwidth_is_unmeasured ORDER BY r.measured_at DESC, r.id DESC)
                    FILTER (WHERE r.ok AND NOT r.old AND r.consensus_bandwidth_is_unmeasured IS NOT NULL))[1] AS result_consensus_unmeasured
            FROM r
            GROUP BY r.fingerprint
        ),
        -- sbws's filters in its order: errors, successes too close together, too old, too few, no observed bandwidth.
        status AS (
            SELECT rl.*,
                CASE WHEN rl.success = 0 THEN 'error'
                     WHEN @secs_away::float8 IS NOT NULL AND rl.success >= 2
                          AND extract(epoch FROM rl.success_last - rl.success_first) <= @secs_away::float8 THEN 'near'
                     WHEN rl.success = rl.old_successes THEN 'old'
                     WHEN rl.success - rl.old_successes < @min_num THEN 'few'
                     WHEN NOT rl.has_observed THEN 'no_observed_bw'
                     ELSE 'eligible' END AS status,
                -- A small key for the download statistics, which sort a million rows by relay.
                row_number() OVER () AS relay_no
            FROM relays rl
        )
        SELECT * FROM status;
        CREATE UNIQUE INDEX ON bandwidth_relays (relay_no);
        ANALYZE bandwidth_relays;
        -- In a table of its own: joined in one statement with the relay aggregate, the planner misjudged both.
        CREATE TEMP TABLE bandwidth_relay_lists ON COMMIT DROP AS
        WITH r AS (
            SELECT m.fingerprint, m.relay_recent_priority_list, m.relay_recent_measurement_attempt, m.xoff_recv, m.xoff_sent
            FROM bandwidth_measurements m
            WHERE m.scanner_id = @scanner AND m.result_version = 4
              AND m.measured_at >= @window_start AND m.measured_at <= @now
        ),
        -- The monitoring counts are distinct times across all of a relay's stored lists.
        list_items AS (
            SELECT r.fingerprint, 1 AS list, t FROM r CROSS JOIN LATERAL unnest(r.relay_recent_priority_list) t
            UNION ALL SELECT r.fingerprint, 2, t FROM r CROSS JOIN LATERAL unnest(r.relay_recent_measurement_attempt) t
            UNION ALL SELECT r.fingerprint, 3, t FROM r CROSS JOIN LATERAL unnest(r.xoff_recv) t WHERE r.xoff_recv <> '{}'
            UNION ALL SELECT r.fingerprint, 4, t FROM r CROSS JOIN LATERAL unnest(r.xoff_sent) t WHERE r.xoff_sent <> '{}'
        ),
        list_counts AS (
            SELECT fingerprint, list, count(DISTINCT t) AS n FROM list_items GROUP BY fingerprint, list
        ),
        lists AS (
            SELECT fingerprint,
                coalesce(sum(n) FILTER (WHERE list = 1), 0)::bigint AS priority_count,
                coalesce(sum(n) FILTER (WHERE list = 2), 0)::bigint AS attempt_count,
                coalesce(sum(n) FILTER (WHERE list = 3), 0)::bigint AS xoff_recv,
                coalesce(sum(n) FILTER (WHERE list = 4), 0)::bigint AS xoff_sent
            FROM list_counts GROUP BY fingerprint
        )
        SELECT * FROM lists;
        ANALYZE bandwidth_relay_lists;
        """;
}
