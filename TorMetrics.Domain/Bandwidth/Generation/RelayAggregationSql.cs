namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>
/// The generator's statistics as one statement (bandwidth-scanner.md §3.1–3.5): per relay, the result counts,
/// the sbws eligibility filters, bw_mean / bw_median / the filtered mean over every download of the surviving
/// successes, the last descriptor values, and the chosen scaling with its network-wide means and cap.
/// Only the final rounding to significant digits is left to C#, where it can be exact. The consensus comes in as the
/// session table <c>bandwidth_consensus</c> (indexed and analysed, so the planner knows its 8 000 rows).
/// </summary>
internal static class RelayAggregationSql
{
    public const string Text = """
        WITH r AS (
            SELECT m.id, m.fingerprint, m.measured_at, m.result_type, m.nickname, m.ed25519_master_key,
                   m.relay_in_recent_consensus, m.relay_recent_priority_list, m.relay_recent_measurement_attempt,
                   m.xoff_recv, m.xoff_sent, m.relay_average_bandwidth, m.relay_burst_bandwidth, m.relay_observed_bandwidth,
                   m.consensus_bandwidth, m.consensus_bandwidth_is_unmeasured, m.download_amounts, m.download_durations, m.rtts,
                   m.result_type = 'success' AS ok,
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
                coalesce(max(cardinality(r.relay_in_recent_consensus)), 0) AS in_recent_consensus,
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
        -- The monitoring counts are distinct times across all of a relay's stored lists (deduplicated by hashing,
        -- which is cheaper here than count(DISTINCT)'s sort).
        list_items AS (
            SELECT DISTINCT fingerprint, list, t FROM (
                SELECT r.fingerprint, 1 AS list, t FROM r CROSS JOIN LATERAL unnest(r.relay_recent_priority_list) t
                UNION ALL SELECT r.fingerprint, 2, t FROM r CROSS JOIN LATERAL unnest(r.relay_recent_measurement_attempt) t
                UNION ALL SELECT r.fingerprint, 3, t FROM r CROSS JOIN LATERAL unnest(r.xoff_recv) t WHERE r.xoff_recv <> '{}'
                UNION ALL SELECT r.fingerprint, 4, t FROM r CROSS JOIN LATERAL unnest(r.xoff_sent) t WHERE r.xoff_sent <> '{}'
            ) items
        ),
        lists AS (
            SELECT fingerprint,
                count(*) FILTER (WHERE list = 1) AS priority_count,
                count(*) FILTER (WHERE list = 2) AS attempt_count,
                count(*) FILTER (WHERE list = 3) AS xoff_recv,
                count(*) FILTER (WHERE list = 4) AS xoff_sent
            FROM list_items GROUP BY fingerprint
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
                     ELSE 'eligible' END AS status
            FROM relays rl
        ),
        downloads AS (
            SELECT r.fingerprint, u.amount::float8 / u.duration AS bw
            FROM r
            JOIN status s ON s.fingerprint = r.fingerprint AND s.status = 'eligible'
            CROSS JOIN LATERAL unnest(r.download_amounts, r.download_durations) AS u(amount, duration)
            WHERE r.ok AND NOT r.old AND u.duration > 0
        ),
        means AS (
            SELECT fingerprint, round(avg(bw)) AS bw_mean,
                   greatest(round(percentile_cont(0.5) WITHIN GROUP (ORDER BY bw)), 1) AS bw_median
            FROM downloads GROUP BY fingerprint
        ),
        -- Torflow's filtered mean: the mean of the measurements at or above the relay's own mean.
        filtered AS (
            SELECT d.fingerprint, round(avg(d.bw)) AS bw_filt
            FROM downloads d JOIN means m ON m.fingerprint = d.fingerprint
            WHERE d.bw >= m.bw_mean GROUP BY d.fingerprint
        ),
        rtts AS (
            SELECT r.fingerprint, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t) * 1000) AS rtt
            FROM r
            JOIN status s ON s.fingerprint = r.fingerprint AND s.status = 'eligible'
            CROSS JOIN LATERAL unnest(r.rtts) t
            WHERE r.ok AND NOT r.old GROUP BY r.fingerprint
        ),
        lines AS (
            SELECT s.fingerprint, m.bw_mean, m.bw_median, coalesce(f.bw_filt, m.bw_mean) AS bw_filt,
                   -- The descriptor bandwidth: observed (the last, or the mean if the last is 0), limited by burst and
                   -- average; LEAST skips a missing one.
                   least(coalesce(nullif(s.desc_bw_obs_last, 0)::float8, s.desc_bw_obs_mean), s.desc_bw_bur, s.desc_bw_avg) AS desc_bw,
                   s.desc_bw_avg, c.fingerprint IS NOT NULL AS in_consensus
            FROM status s
            JOIN means m ON m.fingerprint = s.fingerprint
            LEFT JOIN filtered f ON f.fingerprint = s.fingerprint
            LEFT JOIN bandwidth_consensus c ON c.fingerprint = s.fingerprint
            WHERE s.status = 'eligible'
        ),
        ratios AS (
            SELECT l.*, l.bw_mean / nullif(avg(l.bw_mean) OVER (), 0) AS r_strm,
                   l.bw_filt / nullif(avg(l.bw_filt) OVER (), 0) AS r_strm_filt,
                   avg(l.bw_mean) OVER () AS mu, avg(l.bw_filt) OVER () AS muf
            FROM lines l
        ),
        torflow AS (
            SELECT x.*, greatest(x.r_strm, x.r_strm_filt) * x.desc_bw AS raw_bw FROM ratios x
        ),
        capped AS (
            -- The cap is a share of the scaled total of the relays in the consensus (all, without a consensus).
            SELECT t.*, least(t.raw_bw, sum(t.raw_bw) FILTER (WHERE t.in_consensus OR NOT @has_consensus) OVER () * @margin) AS scaled_bytes
            FROM torflow t
        ),
        network AS MATERIALIZED (
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY bw_median) AS median_of_medians,
                   count(*) * @scale_constant / nullif(sum(bw_mean / 1000), 0) AS linear_factor
            FROM lines
        ),
        kilobytes AS (
            SELECT c.fingerprint,
                CASE @scaling
                    WHEN 'sbws' THEN greatest(round(least(c.bw_median * @scale_constant / n.median_of_medians, c.desc_bw_avg) / 1000), 1)
                    WHEN 'raw' THEN greatest(round(c.bw_median / 1000), 1)
                    WHEN 'linear' THEN greatest(round(coalesce(c.bw_mean / 1000 * n.linear_factor, @scale_constant)), 1)
                END::bigint AS bw_kb
            FROM capped c CROSS JOIN network n
        )
        SELECT s.fingerprint, s.nickname, s.master_key, s.last_seen,
               s.success, s.error_circ, s.error_stream, s.error_misc, s.error_second_relay, s.error_destination,
               s.results - s.success AS excluded_error, s.in_recent_consensus,
               coalesce(l.priority_count, 0), coalesce(l.attempt_count, 0), coalesce(l.xoff_recv, 0), coalesce(l.xoff_sent, 0),
               s.status,
               CASE WHEN s.status = 'near' THEN s.success ELSE 0 END AS near_count,
               CASE WHEN s.status IN ('error', 'near') THEN 0 ELSE s.old_successes END AS old_count,
               CASE WHEN s.status = 'few' THEN s.success - s.old_successes ELSE 0 END AS few_count,
               c.bw_mean::bigint, c.bw_median::bigint,
               s.desc_bw_avg, s.desc_bw_bur, s.desc_bw_obs_last, s.desc_bw_obs_mean::bigint,
               CASE WHEN co.fingerprint IS NOT NULL THEN co.bandwidth ELSE s.result_consensus_bandwidth END,
               CASE WHEN co.fingerprint IS NOT NULL THEN co.unmeasured ELSE s.result_consensus_unmeasured END,
               co.fingerprint IS NOT NULL AS in_consensus,
               rt.rtt::bigint,
               c.r_strm, c.r_strm_filt, c.scaled_bytes, k.bw_kb, c.mu, c.muf
        FROM status s
        LEFT JOIN lists l ON l.fingerprint = s.fingerprint
        LEFT JOIN capped c ON c.fingerprint = s.fingerprint
        LEFT JOIN kilobytes k ON k.fingerprint = s.fingerprint
        LEFT JOIN bandwidth_consensus co ON co.fingerprint = s.fingerprint
        LEFT JOIN rtts rt ON rt.fingerprint = s.fingerprint
        ORDER BY s.first_seen, s.first_id
        """;
}
