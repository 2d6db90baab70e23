using Npgsql;
using NpgsqlTypes;

namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>Records a generated file's header figures and every relay's weight, for the admin pages, and drops weights
/// older than <see cref="BandwidthGeneratorOptions.WeightHistoryDays"/>.</summary>
internal static class GenerationRecorder
{
    public static async Task<long> RecordAsync(
        NpgsqlConnection connection,
        BandwidthGeneratorOptions options,
        DateTime fileCreated,
        WindowSummary window,
        byte[] sha256,
        string outputPath,
        BandwidthFileDocument document,
        TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var f = document.Figures;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO bandwidth_file_generations (scanner_id, file_created, document_sha256, output_path, scaling,
                latest_bandwidth, earliest_bandwidth, relay_lines, eligible_relays, consensus_relays,
                percent_eligible_relays, min_percent_reached, mu, muf, excluded_error, excluded_near, excluded_old,
                excluded_few, duration_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            RETURNING id
            """, connection, transaction))
        {
            var p = insert.Parameters;
            p.Add(new() { Value = options.ScannerId, NpgsqlDbType = NpgsqlDbType.Text });
            p.Add(new() { Value = fileCreated, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.Add(new() { Value = sha256, NpgsqlDbType = NpgsqlDbType.Bytea });
            p.Add(new() { Value = outputPath, NpgsqlDbType = NpgsqlDbType.Text });
            p.Add(new() { Value = options.Scaling.ToString(), NpgsqlDbType = NpgsqlDbType.Text });
            p.Add(new() { Value = window.Latest, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.Add(new() { Value = window.Earliest, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.Add(new() { Value = f.RelayLines, NpgsqlDbType = NpgsqlDbType.Integer });
            p.Add(new() { Value = f.EligibleRelays, NpgsqlDbType = NpgsqlDbType.Integer });
            p.Add(new() { Value = (object?)f.ConsensusRelays ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            p.Add(new() { Value = (object?)f.PercentEligibleRelays ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            p.Add(new() { Value = (object?)f.MinPercentReached ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
            p.Add(new() { Value = (object?)f.Mu ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            p.Add(new() { Value = (object?)f.Muf ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            p.Add(new() { Value = f.ExcludedError, NpgsqlDbType = NpgsqlDbType.Integer });
            p.Add(new() { Value = f.ExcludedNear, NpgsqlDbType = NpgsqlDbType.Integer });
            p.Add(new() { Value = f.ExcludedOld, NpgsqlDbType = NpgsqlDbType.Integer });
            p.Add(new() { Value = f.ExcludedFew, NpgsqlDbType = NpgsqlDbType.Integer });
            p.Add(new() { Value = (int)duration.TotalMilliseconds, NpgsqlDbType = NpgsqlDbType.Integer });
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY bandwidth_file_relays (generation_id, fingerprint, bw, vote, under_min_report, unmeasured) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            // A relay listed twice would break the key; tor would use the last line, so keep that one.
            foreach (var line in document.Lines.GroupBy(l => Convert.ToHexString(l.Fingerprint)).Select(g => g.Last()))
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(line.Fingerprint, NpgsqlDbType.Bytea, cancellationToken);
                await copy.WriteAsync(line.Bw, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(line.Vote, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(line.UnderMinReport, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(line.Unmeasured, NpgsqlDbType.Boolean, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var prune = new NpgsqlCommand("""
            DELETE FROM bandwidth_file_relays WHERE generation_id IN
                (SELECT id FROM bandwidth_file_generations WHERE scanner_id = $1 AND file_created < $2)
            """, connection, transaction))
        {
            prune.Parameters.Add(new() { Value = options.ScannerId, NpgsqlDbType = NpgsqlDbType.Text });
            prune.Parameters.Add(new() { Value = fileCreated.AddDays(-options.WeightHistoryDays), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }
}
