using Npgsql;
using NpgsqlTypes;

namespace TorMetrics.Domain.RelayCollection;

/// <summary>Records every fetch in <c>relay_fetches</c> and reads back per-server success for the admin UI.</summary>
public sealed class RelayFetchLog(NpgsqlDataSource dataSource)
{
    public async Task RecordAsync(IReadOnlyList<FetchResult> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY relay_fetches (started_at, url, source, is_authority, purpose, valid_after, status, bytes, bytes_plain, duration_ms, " +
            "requested, error) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var result in results)
        {
            var request = result.Request;
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(result.StartedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(request.Url, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(request.Source.Name, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(request.Source.IsAuthority, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(request.Purpose.Name(), NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, request.ValidAfter, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(copy, result.Status, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(result.Bytes, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(result.BytesPlain, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync((int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds), NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(request.Keys.Count, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullableAsync(copy, result.Error, NpgsqlDbType.Text, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>Per server since <paramref name="since"/>: requests, answered 200, no answer at all, bytes, mean duration.</summary>
    public async Task<IReadOnlyList<SourceFetchStatistics>> StatisticsAsync(DateTime since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT source, bool_or(is_authority), count(*), count(*) FILTER (WHERE status = 200),
                   count(*) FILTER (WHERE status IS NULL), coalesce(sum(bytes), 0)::bigint, coalesce(avg(duration_ms), 0)::float8,
                   max(started_at) FILTER (WHERE status = 200)
            FROM relay_fetches WHERE started_at >= $1 GROUP BY source ORDER BY source
            """);
        command.Parameters.AddWithValue(since);
        var rows = new List<SourceFetchStatistics>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SourceFetchStatistics(reader.GetString(0), reader.GetBoolean(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTime>(7)));
        }

        return rows;
    }

    /// <summary>Per purpose since <paramref name="since"/>: requests, 200s, bytes on the wire.</summary>
    public async Task<IReadOnlyList<PurposeFetchStatistics>> PurposeStatisticsAsync(DateTime since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT purpose, count(*), count(*) FILTER (WHERE status = 200), coalesce(sum(bytes), 0)::bigint, coalesce(sum(bytes_plain), 0)::bigint
            FROM relay_fetches WHERE started_at >= $1 GROUP BY purpose ORDER BY purpose
            """);
        command.Parameters.AddWithValue(since);
        var rows = new List<PurposeFetchStatistics>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PurposeFetchStatistics(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return rows;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        return value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);
    }
}

public sealed record SourceFetchStatistics(
    string Source, bool IsAuthority, long Requests, long Succeeded, long Unanswered, long Bytes, double MeanMilliseconds, DateTime? LastSuccess);

public sealed record PurposeFetchStatistics(string Purpose, long Requests, long Succeeded, long Bytes, long BytesPlain);
