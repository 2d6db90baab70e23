namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>
/// Step 3 (bandwidth-scanner.md §3.3, §3.5): the scaling over the eligible relays (Torflow's network means, ratios,
/// descriptor bandwidth and cap; sbws's median quota; raw; linear) and one output row per relay, in the order the
/// relays were first measured. Only the final rounding to significant digits is left to C#, where it can be exact.
/// </summary>
internal static class ScalingSql
{
    public const string Text = """
        WITH lines AS (
            SELECT s.fingerprint, m.bw_mean, m.bw_median, m.bw_filt,
                   -- The descriptor bandwidth: observed (the last, or the mean if the last is 0), limited by burst and
                   -- average; LEAST skips a missing one.
                   least(coalesce(nullif(s.desc_bw_obs_last, 0)::float8, s.desc_bw_obs_mean), s.desc_bw_bur, s.desc_bw_avg) AS desc_bw,
                   s.desc_bw_avg, c.fingerprint IS NOT NULL AS in_consensus
            FROM bandwidth_relays s
            JOIN bandwidth_download_stats m ON m.relay_no = s.relay_no
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
               ds.rtt::bigint,
               c.r_strm, c.r_strm_filt, c.scaled_bytes, k.bw_kb, c.mu, c.muf
        FROM bandwidth_relays s
        LEFT JOIN bandwidth_download_stats ds ON ds.relay_no = s.relay_no
        LEFT JOIN bandwidth_relay_lists l ON l.fingerprint = s.fingerprint
        LEFT JOIN capped c ON c.fingerprint = s.fingerprint
        LEFT JOIN kilobytes k ON k.fingerprint = s.fingerprint
        LEFT JOIN bandwidth_consensus co ON co.fingerprint = s.fingerprint
        ORDER BY s.first_seen, s.first_id
        """;
}
