using System.Buffers;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.Data;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.ExtraInfos;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Writes extra-info descriptors into <c>extra_infos</c> by binary COPY. The statistics are JSON, which PostgreSQL
/// parses again on arrival, so their size is the server's cost: they are written as UTF-8 into one reused buffer,
/// and <c>statistics</c> lists only the statistics the descriptor has (a key is absent, not null, when a descriptor
/// does not report it).
/// </summary>
internal sealed class ExtraInfoWriter(NpgsqlConnection connection)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ArrayBufferWriter<byte> _buffer = new();

    public async Task WriteAsync(List<(ArchivedDocument Document, ExtraInfoDescriptor ExtraInfo)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var json = new Utf8JsonWriter(_buffer);
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY extra_infos (document_sha256, is_bridge, digest_sha1, fingerprint, nickname, published, read_history_end, " +
            "read_history_interval, read_history, write_history_end, write_history_interval, write_history, dirreq_stats_end, " +
            "dirreq_v3_ips, dirreq_v3_reqs, bridge_stats_end, bridge_ips, bridge_ip_versions, bridge_ip_transports, transports, " +
            "statistics) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (document, e) in rows)
        {
            copy.StartRow();
            copy.Write(document.Sha256, NpgsqlDbType.Bytea);
            copy.Write(e.Kind == DescriptorKind.BridgeExtraInfo, NpgsqlDbType.Boolean);
            copy.Write(Convert.FromHexString(e.DigestSha1Hex), NpgsqlDbType.Bytea);
            copy.Write(Convert.FromHexString(e.Fingerprint), NpgsqlDbType.Bytea);
            copy.Write(e.Nickname, NpgsqlDbType.Text);
            copy.Write(e.Published, NpgsqlDbType.TimestampTz);
            WriteHistory(copy, e.ReadHistory);
            WriteHistory(copy, e.WriteHistory);
            copy.WriteNullable(e.DirreqStatsEnd?.End, NpgsqlDbType.TimestampTz);
            WriteJson(copy, json, e.DirreqV3Ips);
            WriteJson(copy, json, e.DirreqV3Reqs);
            copy.WriteNullable(e.BridgeStatsEnd?.End, NpgsqlDbType.TimestampTz);
            WriteJson(copy, json, e.BridgeIps);
            WriteJson(copy, json, e.BridgeIpVersions);
            WriteJson(copy, json, e.BridgeIpTransports);
            copy.Write(e.Transports as string[] ?? [.. e.Transports], NpgsqlDbType.Array | NpgsqlDbType.Text);
            WriteStatistics(copy, json, e);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>Every statistic not broken out into its own column, by the name the JSON uses for it.</summary>
    private static (string Name, object? Value)[] OtherStatistics(ExtraInfoDescriptor e) =>
    [
        ("ipv6ReadHistory", e.Ipv6ReadHistory),
        ("ipv6WriteHistory", e.Ipv6WriteHistory),
        ("dirreqReadHistory", e.DirreqReadHistory),
        ("dirreqWriteHistory", e.DirreqWriteHistory),
        ("geoipDbDigest", e.GeoipDbDigest),
        ("geoip6DbDigest", e.Geoip6DbDigest),
        ("dirreqStatsIntervalSeconds", e.DirreqStatsEnd?.IntervalSeconds),
        ("dirreqV3Resp", e.DirreqV3Resp),
        ("dirreqV3DirectDl", e.DirreqV3DirectDl),
        ("dirreqV3TunneledDl", e.DirreqV3TunneledDl),
        ("entryStatsEnd", e.EntryStatsEnd),
        ("entryIps", e.EntryIps),
        ("cellStatsEnd", e.CellStatsEnd),
        ("cellProcessedCells", e.CellProcessedCells),
        ("cellQueuedCells", e.CellQueuedCells),
        ("cellTimeInQueue", e.CellTimeInQueue),
        ("cellCircuitsPerDecile", e.CellCircuitsPerDecile),
        ("connBiDirect", e.ConnBiDirect),
        ("ipv6ConnBiDirect", e.Ipv6ConnBiDirect),
        ("exitStatsEnd", e.ExitStatsEnd),
        ("exitKibibytesWritten", e.ExitKibibytesWritten),
        ("exitKibibytesRead", e.ExitKibibytesRead),
        ("exitStreamsOpened", e.ExitStreamsOpened),
        ("hidservStatsEnd", e.HidservStatsEnd),
        ("hidservRendRelayedCells", e.HidservRendRelayedCells),
        ("hidservDirOnionsSeen", e.HidservDirOnionsSeen),
        ("hidservV3StatsEnd", e.HidservV3StatsEnd),
        ("hidservRendV3RelayedCells", e.HidservRendV3RelayedCells),
        ("hidservDirV3OnionsSeen", e.HidservDirV3OnionsSeen),
        ("paddingCounts", e.PaddingCounts),
        ("bridgeStatsIntervalSeconds", e.BridgeStatsEnd?.IntervalSeconds),
        ("overloadRatelimits", e.OverloadRatelimits),
        ("overloadFdExhausted", e.OverloadFdExhausted),
    ];

    private static void WriteHistory(NpgsqlBinaryImporter copy, BandwidthHistory? history)
    {
        if (history is null)
        {
            copy.WriteNull();
            copy.WriteNull();
            copy.WriteNull();
            return;
        }

        copy.Write(history.End, NpgsqlDbType.TimestampTz);
        copy.Write(history.IntervalSeconds, NpgsqlDbType.Integer);
        copy.Write(history.Values as long[] ?? [.. history.Values], NpgsqlDbType.Array | NpgsqlDbType.Bigint);
    }

    private void WriteJson<T>(NpgsqlBinaryImporter copy, Utf8JsonWriter json, T? value)
        where T : class
    {
        if (value is null)
        {
            copy.WriteNull();
            return;
        }

        JsonSerializer.Serialize(json, value, Json);
        Flush(copy, json);
    }

    private void WriteStatistics(NpgsqlBinaryImporter copy, Utf8JsonWriter json, ExtraInfoDescriptor e)
    {
        json.WriteStartObject();
        foreach (var (name, value) in OtherStatistics(e))
        {
            if (value is not null)
            {
                json.WritePropertyName(name);
                JsonSerializer.Serialize(json, value, value.GetType(), Json);
            }
        }

        json.WriteEndObject();
        Flush(copy, json);
    }

    /// <summary>Hands the value written so far to the COPY, which copies it into its own buffer, then empties ours.</summary>
    private void Flush(NpgsqlBinaryImporter copy, Utf8JsonWriter json)
    {
        json.Flush();
        copy.Write(_buffer.WrittenMemory, NpgsqlDbType.Jsonb);
        json.Reset();
        _buffer.ResetWrittenCount();
    }
}
