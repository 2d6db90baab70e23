namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>
/// Step 2: per eligible relay, over every download of its surviving successes pooled together, bw_mean, bw_median
/// and Torflow's filtered mean (the mean of the downloads at or above the relay's own mean), and the median RTT.
/// One sort by relay serves the window mean, the grouping and the medians.
/// </summary>
internal static class DownloadStatisticsSql
{
    public const string Text = """
        CREATE TEMP TABLE bandwidth_download_stats ON COMMIT DROP AS
        WITH downloads AS (
            SELECT s.relay_no, u.amount::float8 / u.duration AS bw
            FROM bandwidth_measurements m
            JOIN bandwidth_relays s ON s.fingerprint = m.fingerprint AND s.status = 'eligible'
            CROSS JOIN LATERAL unnest(m.download_amounts, m.download_durations) AS u(amount, duration)
            WHERE m.scanner_id = @scanner AND m.result_version = 4 AND m.result_type = 'success'
              AND m.measured_at >= @window_start AND m.measured_at <= @now
              AND NOT (@old_cutoff::timestamptz IS NOT NULL AND m.measured_at <= @old_cutoff::timestamptz)
              AND u.duration > 0
        ),
        with_mean AS (
            SELECT relay_no, bw, round(avg(bw) OVER (PARTITION BY relay_no)) AS relay_mean FROM downloads
        ),
        rtts AS (
            SELECT s.relay_no, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t) * 1000) AS rtt
            FROM bandwidth_measurements m
            JOIN bandwidth_relays s ON s.fingerprint = m.fingerprint AND s.status = 'eligible'
            CROSS JOIN LATERAL unnest(m.rtts) t
            WHERE m.scanner_id = @scanner AND m.result_version = 4 AND m.result_type = 'success' AND m.rtts IS NOT NULL
              AND m.measured_at >= @window_start AND m.measured_at <= @now
              AND NOT (@old_cutoff::timestamptz IS NOT NULL AND m.measured_at <= @old_cutoff::timestamptz)
            GROUP BY s.relay_no
        ),
        stats AS (
            SELECT relay_no, min(relay_mean) AS bw_mean,
                   greatest(round(percentile_cont(0.5) WITHIN GROUP (ORDER BY bw)), 1) AS bw_median,
                   coalesce(round(avg(bw) FILTER (WHERE bw >= relay_mean)), min(relay_mean)) AS bw_filt
            FROM with_mean GROUP BY relay_no
        )
        SELECT st.*, rt.rtt FROM stats st LEFT JOIN rtts rt ON rt.relay_no = st.relay_no;
        """;
}
