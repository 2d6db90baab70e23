using Npgsql;
using NpgsqlTypes;

namespace TorMetrics.Domain.Bandwidth.Results;

/// <summary>
/// Writes results by binary COPY into a session-temporary table, then one INSERT … ON CONFLICT DO NOTHING: the
/// content hash makes repeats free, and the insert's row count is the number of new results.
/// </summary>
internal sealed class MeasurementWriter(NpgsqlConnection connection)
{
    private const string Columns =
        "scanner_id, content_sha256, result_version, fingerprint, ed25519_master_key, nickname, address, measured_at, " +
        "result_type, message, circuit, helper_fingerprint, destination_url, scanner_nickname, download_amounts, " +
        "download_durations, rtts, relay_average_bandwidth, relay_burst_bandwidth, relay_observed_bandwidth, " +
        "consensus_bandwidth, consensus_bandwidth_is_unmeasured, relay_in_recent_consensus, relay_recent_priority_list, " +
        "relay_recent_measurement_attempt, xoff_recv, xoff_sent, extra, imported_at";

    private bool _staged;

    public async Task<long> WriteResultsAsync(
        string scannerId, IReadOnlyList<(byte[] Sha256, SbwsResult Result)> results, DateTime now, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return 0;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!_staged)
        {
            await ExecuteAsync($"CREATE TEMP TABLE staged_measurements AS SELECT {Columns} FROM bandwidth_measurements WITH NO DATA", cancellationToken);
            _staged = true;
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY staged_measurements ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (sha256, r) in results)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(scannerId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(sha256, NpgsqlDbType.Bytea, cancellationToken);
                await copy.WriteAsync(r.Version, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(Convert.FromHexString(r.Fingerprint), NpgsqlDbType.Bytea, cancellationToken);
                await WriteNullableAsync(copy, r.MasterKeyEd25519, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, r.Nickname, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, r.Address, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(r.Time, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(r.Type, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, r.Message, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(r.Circuit.Select(Convert.FromHexString).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bytea, cancellationToken);
                await WriteNullableAsync(copy, r.Helper is { } helper ? Convert.FromHexString(helper) : null, NpgsqlDbType.Bytea, cancellationToken);
                await WriteNullableAsync(copy, r.DestinationUrl, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, r.Scanner, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, r.DownloadAmounts?.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint, cancellationToken);
                await WriteNullableAsync(copy, r.DownloadDurations?.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double, cancellationToken);
                await WriteNullableAsync(copy, r.Rtts?.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double, cancellationToken);
                await WriteValueAsync(copy, r.RelayAverageBandwidth, NpgsqlDbType.Bigint, cancellationToken);
                await WriteValueAsync(copy, r.RelayBurstBandwidth, NpgsqlDbType.Bigint, cancellationToken);
                await WriteValueAsync(copy, r.RelayObservedBandwidth, NpgsqlDbType.Bigint, cancellationToken);
                await WriteValueAsync(copy, r.ConsensusBandwidth, NpgsqlDbType.Bigint, cancellationToken);
                await WriteValueAsync(copy, r.ConsensusBandwidthIsUnmeasured, NpgsqlDbType.Boolean, cancellationToken);
                await WriteTimesAsync(copy, r.RelayInRecentConsensus, cancellationToken);
                await WriteTimesAsync(copy, r.RelayRecentPriorityList, cancellationToken);
                await WriteTimesAsync(copy, r.RelayRecentMeasurementAttempt, cancellationToken);
                await WriteTimesAsync(copy, r.XoffRecv, cancellationToken);
                await WriteTimesAsync(copy, r.XoffSent, cancellationToken);
                await WriteNullableAsync(copy, r.Extra, NpgsqlDbType.Jsonb, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var added = await ExecuteAsync(
            $"INSERT INTO bandwidth_measurements ({Columns}) SELECT {Columns} FROM staged_measurements " +
            "ON CONFLICT (scanner_id, content_sha256) DO NOTHING", cancellationToken);
        await ExecuteAsync("TRUNCATE staged_measurements", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<bool> WriteStateAsync(
        string scannerId, byte[] sha256, ScannerState state, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO bandwidth_scanner_states (scanner_id, content_sha256, scanner_started, scanner_uuid, tor_version,
                recent_consensus, recent_priority_list, recent_priority_relay, recent_measurement_attempt,
                min_perc_reached, imported_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (scanner_id, content_sha256) DO NOTHING
            """, connection);
        command.Parameters.Add(new() { Value = scannerId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = sha256, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = (object?)state.ScannerStarted ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)state.Uuid ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)state.TorVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = state.RecentConsensus.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = state.RecentPriorityList.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = state.RecentPriorityRelay.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = (object?)state.RecentMeasurementAttempt?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)state.MinPercReached ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static Task WriteTimesAsync(NpgsqlBinaryImporter copy, IReadOnlyList<DateTime>? times, CancellationToken cancellationToken) =>
        WriteNullableAsync(copy, times?.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, cancellationToken);

    private static async Task WriteValueAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is { } v)
        {
            await copy.WriteAsync(v, type, cancellationToken);
        }
        else
        {
            await copy.WriteNullAsync(cancellationToken);
        }
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : class
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, type, cancellationToken);
        }
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
