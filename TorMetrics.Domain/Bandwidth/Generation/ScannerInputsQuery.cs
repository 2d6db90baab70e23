using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.Bandwidth.Results;

namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>The generator's other inputs: the window's extent, and the scanner's latest state.</summary>
internal static class ScannerInputsQuery
{
    public static async Task<WindowSummary?> ReadWindowAsync(
        NpgsqlConnection connection, string scannerId, DateTime windowStart, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT count(*), min(measured_at), max(measured_at) FROM bandwidth_measurements
            WHERE scanner_id = $1 AND result_version = 4 AND measured_at >= $2 AND measured_at <= $3
            """, connection);
        command.Parameters.Add(new() { Value = scannerId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = windowStart, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt64(0) == 0 ? null : new WindowSummary(reader.GetInt64(0), reader.GetDateTime(1), reader.GetDateTime(2));
    }

    public static async Task<ScannerState?> ReadStateAsync(NpgsqlConnection connection, string scannerId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT scanner_started, scanner_uuid, tor_version, recent_consensus, recent_priority_list, recent_priority_relay,
                   recent_measurement_attempt, min_perc_reached
            FROM bandwidth_scanner_states WHERE scanner_id = $1 ORDER BY id DESC LIMIT 1
            """, connection);
        command.Parameters.Add(new() { Value = scannerId, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ScannerState
        {
            ScannerStarted = reader.IsDBNull(0) ? null : reader.GetDateTime(0),
            Uuid = reader.IsDBNull(1) ? null : reader.GetString(1),
            TorVersion = reader.IsDBNull(2) ? null : reader.GetString(2),
            RecentConsensus = reader.GetFieldValue<DateTime[]>(3),
            RecentPriorityList = reader.GetFieldValue<DateTime[]>(4),
            RecentPriorityRelay = reader.GetFieldValue<int[]>(5),
            RecentMeasurementAttempt = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTime[]>(6),
            MinPercReached = reader.IsDBNull(7) ? null : reader.GetDateTime(7),
        };
    }
}
