using Npgsql;
using NpgsqlTypes;

namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>Runs the generator's SQL (<see cref="RelayStatusSql"/>, <see cref="DownloadStatisticsSql"/>, <see cref="ScalingSql"/>) for one scanner, window and consensus.</summary>
internal static class RelayAggregationQuery
{
    public static async Task<IReadOnlyList<RelayAggregate>> RunAsync(
        NpgsqlConnection connection,
        BandwidthGeneratorOptions options,
        DateTime windowStart,
        DateTime now,
        ConsensusWeights? consensus,
        CancellationToken cancellationToken)
    {
        // One transaction: the settings and the consensus table last exactly as long as the statement needs them.
        // JIT compilation costs more than it saves on a statement that runs once per hour; the sorts for medians and
        // distinct counts fit in memory with a larger work_mem instead of spilling to disk.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, """
            SET LOCAL jit = off;
            SET LOCAL work_mem = '256MB';
            CREATE TEMP TABLE bandwidth_consensus (fingerprint bytea PRIMARY KEY, bandwidth bigint NULL, unmeasured boolean NOT NULL)
                ON COMMIT DROP;
            """, cancellationToken);
        if (consensus is not null)
        {
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY bandwidth_consensus (fingerprint, bandwidth, unmeasured) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                // A fingerprint listed twice in a (malformed) consensus would break the key; the first entry counts.
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (int i = 0; i < consensus.Count; i++)
                {
                    if (!seen.Add(Convert.ToHexString(consensus.Fingerprints[i])))
                    {
                        continue;
                    }

                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(consensus.Fingerprints[i], NpgsqlDbType.Bytea, cancellationToken);
                    if (consensus.Bandwidths[i] is { } bandwidth)
                    {
                        await copy.WriteAsync(bandwidth, NpgsqlDbType.Bigint, cancellationToken);
                    }
                    else
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }

                    await copy.WriteAsync(consensus.Unmeasured[i], NpgsqlDbType.Boolean, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await ExecuteAsync(connection, "ANALYZE bandwidth_consensus", cancellationToken);
        }

        await ExecuteAsync(connection, RelayStatusSql.Text, cancellationToken, options, windowStart, now, consensus);
        await ExecuteAsync(connection, DownloadStatisticsSql.Text, cancellationToken, options, windowStart, now, consensus);
        await using var command = new NpgsqlCommand(ScalingSql.Text, connection) { CommandTimeout = 600 };
        AddParameters(command, options, windowStart, now, consensus);

        var relays = new List<RelayAggregate>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                relays.Add(Read(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return relays;
    }

    private static RelayAggregate Read(NpgsqlDataReader reader) =>
        new RelayAggregate
            {
                Fingerprint = (byte[])reader[0],
                Nickname = reader.IsDBNull(1) ? null : reader.GetString(1),
                MasterKeyEd25519 = reader.IsDBNull(2) ? null : reader.GetString(2),
                LastSeen = reader.GetDateTime(3),
                Success = reader.GetInt64(4),
                ErrorCirc = reader.GetInt64(5),
                ErrorStream = reader.GetInt64(6),
                ErrorMisc = reader.GetInt64(7),
                ErrorSecondRelay = reader.GetInt64(8),
                ErrorDestination = reader.GetInt64(9),
                ExcludedError = reader.GetInt64(10),
                InRecentConsensus = reader.GetInt32(11),
                PriorityListCount = reader.GetInt64(12),
                MeasurementAttemptCount = reader.GetInt64(13),
                XoffRecv = reader.GetInt64(14),
                XoffSent = reader.GetInt64(15),
                Status = reader.GetString(16),
                ExcludedNear = reader.GetInt64(17),
                ExcludedOld = reader.GetInt64(18),
                ExcludedFew = reader.GetInt64(19),
                BwMean = Long(reader, 20),
                BwMedian = Long(reader, 21),
                DescBwAvg = Long(reader, 22),
                DescBwBur = Long(reader, 23),
                DescBwObsLast = Long(reader, 24),
                DescBwObsMean = Long(reader, 25),
                ConsensusBandwidth = Long(reader, 26),
                ConsensusBandwidthIsUnmeasured = reader.IsDBNull(27) ? null : reader.GetBoolean(27),
                InConsensus = reader.GetBoolean(28),
                RttMilliseconds = Long(reader, 29),
                RStrm = Double(reader, 30),
                RStrmFilt = Double(reader, 31),
                ScaledBytes = Double(reader, 32),
                BwKilobytes = Long(reader, 33),
                Mu = Double(reader, 34),
                Muf = Double(reader, 35),
            };

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, BandwidthGeneratorOptions? options = null,
        DateTime windowStart = default, DateTime now = default, ConsensusWeights? consensus = null)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        if (options is not null)
        {
            AddParameters(command, options, windowStart, now, consensus);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameters(
        NpgsqlCommand command, BandwidthGeneratorOptions options, DateTime windowStart, DateTime now, ConsensusWeights? consensus)
    {
        var p = command.Parameters;
        p.Add(new("scanner", NpgsqlDbType.Text) { Value = options.ScannerId });
        p.Add(new("window_start", NpgsqlDbType.TimestampTz) { Value = windowStart });
        p.Add(new("now", NpgsqlDbType.TimestampTz) { Value = now });
        p.Add(new("old_cutoff", NpgsqlDbType.TimestampTz)
        {
            Value = options.SecsRecent is { } recent ? now.AddSeconds(-recent) : DBNull.Value,
        });
        p.Add(new("secs_away", NpgsqlDbType.Double) { Value = options.SecsAway is { } away ? (double)away : DBNull.Value });
        p.Add(new("min_num", NpgsqlDbType.Integer) { Value = options.MinNum });
        p.Add(new("has_consensus", NpgsqlDbType.Boolean) { Value = consensus is not null });
        p.Add(new("scaling", NpgsqlDbType.Text) { Value = ScalingName(options.Scaling) });
        p.Add(new("margin", NpgsqlDbType.Double) { Value = options.TorflowBwMargin });
        p.Add(new("scale_constant", NpgsqlDbType.Double) { Value = options.ScaleConstant });
    }

    private static string ScalingName(BandwidthScaling scaling) => scaling switch
    {
        BandwidthScaling.Torflow => "torflow",
        BandwidthScaling.Sbws => "sbws",
        BandwidthScaling.Raw => "raw",
        BandwidthScaling.Linear => "linear",
        _ => throw new ArgumentOutOfRangeException(nameof(scaling), scaling, null),
    };

    private static long? Long(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static double? Double(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
