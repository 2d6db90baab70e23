using Npgsql;
using NpgsqlTypes;

namespace TorMetrics.Domain.Bandwidth.Queries;

/// <summary>Reads for the bandwidth admin pages: generated files, and one relay's measurements and weights over time.</summary>
public sealed class BandwidthQueries(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<GenerationSummary>> ListGenerationsAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, scanner_id, file_created, scaling, document_sha256, output_path, earliest_bandwidth, latest_bandwidth,
                   relay_lines, eligible_relays, consensus_relays, percent_eligible_relays, min_percent_reached, mu, muf,
                   excluded_error, excluded_near, excluded_old, excluded_few, duration_ms
            FROM bandwidth_file_generations ORDER BY file_created DESC, id DESC LIMIT $1
            """);
        command.Parameters.Add(new() { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        var rows = new List<GenerationSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new GenerationSummary(reader.GetInt64(0), reader.GetString(1), reader.GetDateTime(2), reader.GetString(3),
                Convert.ToHexString((byte[])reader[4]), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetDateTime(6),
                reader.GetDateTime(7), reader.GetInt32(8), reader.GetInt32(9), NullableInt(reader, 10), NullableInt(reader, 11),
                reader.IsDBNull(12) ? null : reader.GetBoolean(12), NullableLong(reader, 13), NullableLong(reader, 14),
                reader.GetInt32(15), reader.GetInt32(16), reader.GetInt32(17), reader.GetInt32(18), reader.GetInt32(19)));
        }

        return rows;
    }

    /// <summary>The relay's attempts in the <paramref name="days"/> before its newest one (a relay out of the
    /// network for a while still shows its last history).</summary>
    public async Task<IReadOnlyList<RelayMeasurement>> MeasurementsAsync(
        byte[] fingerprint, int days, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT m.measured_at, m.scanner_id, m.result_type,
                   (SELECT avg(a::float8 / d) FROM unnest(m.download_amounts, m.download_durations) u(a, d) WHERE d > 0),
                   m.relay_observed_bandwidth, m.consensus_bandwidth, m.message
            FROM bandwidth_measurements m
            WHERE m.fingerprint = $1
              AND m.measured_at >= (SELECT max(measured_at) FROM bandwidth_measurements WHERE fingerprint = $1) - make_interval(days => $2)
            ORDER BY m.measured_at, m.id
            """);
        command.Parameters.Add(new() { Value = fingerprint, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = days, NpgsqlDbType = NpgsqlDbType.Integer });
        var rows = new List<RelayMeasurement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RelayMeasurement(reader.GetDateTime(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3), NullableLong(reader, 4), NullableLong(reader, 5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return rows;
    }

    /// <summary>The weights the files of the <paramref name="days"/> before the newest one that lists the relay gave it.</summary>
    public async Task<IReadOnlyList<RelayWeight>> WeightsAsync(byte[] fingerprint, int days, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT g.file_created, g.scanner_id, r.bw, r.vote, r.under_min_report, r.unmeasured
            FROM bandwidth_file_relays r JOIN bandwidth_file_generations g ON g.id = r.generation_id
            WHERE r.fingerprint = $1
              AND g.file_created >= (SELECT max(g2.file_created) FROM bandwidth_file_relays r2
                                     JOIN bandwidth_file_generations g2 ON g2.id = r2.generation_id
                                     WHERE r2.fingerprint = $1) - make_interval(days => $2)
            ORDER BY g.file_created, g.id
            """);
        command.Parameters.Add(new() { Value = fingerprint, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = days, NpgsqlDbType = NpgsqlDbType.Integer });
        var rows = new List<RelayWeight>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RelayWeight(reader.GetDateTime(0), reader.GetString(1), reader.GetInt64(2), reader.GetBoolean(3),
                reader.GetBoolean(4), reader.GetBoolean(5)));
        }

        return rows;
    }

    private static int? NullableInt(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static long? NullableLong(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
