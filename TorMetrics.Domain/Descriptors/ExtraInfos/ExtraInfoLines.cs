namespace TorMetrics.Domain.Descriptors.ExtraInfos;

/// <summary>One method per extra-info keyword family; each reads its line into the state.</summary>
internal static class ExtraInfoLines
{
    private const byte Comma = (byte)',';

    /// <summary>Returns false for keywords that are not extra-info items.</summary>
    public static bool TryParse(DescriptorItem item, ExtraInfoState s)
    {
        var a = item.Arguments;
        int line = item.LineNumber;
        switch (item.Keyword)
        {
            case "read-history": s.ReadHistory = BandwidthHistory.Parse(a, line); break;
            case "write-history": s.WriteHistory = BandwidthHistory.Parse(a, line); break;
            case "ipv6-read-history": s.Ipv6ReadHistory = BandwidthHistory.Parse(a, line); break;
            case "ipv6-write-history": s.Ipv6WriteHistory = BandwidthHistory.Parse(a, line); break;
            case "dirreq-read-history": s.DirreqReadHistory = BandwidthHistory.Parse(a, line); break;
            case "dirreq-write-history": s.DirreqWriteHistory = BandwidthHistory.Parse(a, line); break;
            case "geoip-db-digest": s.GeoipDbDigest = Hex(item); break;
            case "geoip6-db-digest": s.Geoip6DbDigest = Hex(item); break;
            case "geoip-start-time": s.GeoipStartTime = DescriptorText.ParseTimestamp(a, item.Keyword, line); break;
            case "geoip-client-origins": s.GeoipClientOrigins = Counts(a, line); break;
            case "dirreq-stats-end": s.DirreqStatsEnd = StatsInterval.Parse(a, line); break;
            case "dirreq-v3-ips": s.DirreqV3Ips = Counts(a, line); break;
            case "dirreq-v3-reqs": s.DirreqV3Reqs = Counts(a, line); break;
            case "dirreq-v3-resp": s.DirreqV3Resp = Counts(a, line); break;
            case "dirreq-v3-direct-dl": s.DirreqV3DirectDl = Counts(a, line); break;
            case "dirreq-v3-tunneled-dl": s.DirreqV3TunneledDl = Counts(a, line); break;
            case "dirreq-v2-ips": s.DirreqV2Ips = Counts(a, line); break;
            case "dirreq-v2-reqs": s.DirreqV2Reqs = Counts(a, line); break;
            case "dirreq-v2-resp": s.DirreqV2Resp = Counts(a, line); break;
            case "dirreq-v2-direct-dl": s.DirreqV2DirectDl = Counts(a, line); break;
            case "dirreq-v2-tunneled-dl": s.DirreqV2TunneledDl = Counts(a, line); break;
            case "entry-stats-end": s.EntryStatsEnd = StatsInterval.Parse(a, line); break;
            case "entry-ips": s.EntryIps = Counts(a, line); break;
            case "cell-stats-end": s.CellStatsEnd = StatsInterval.Parse(a, line); break;
            case "cell-processed-cells": s.CellProcessedCells = Doubles(a, line); break;
            case "cell-queued-cells": s.CellQueuedCells = Doubles(a, line); break;
            case "cell-time-in-queue": s.CellTimeInQueue = Doubles(a, line); break;
            case "cell-circuits-per-decile": s.CellCircuitsPerDecile = DescriptorText.ParseInt32(item.Tokens().Next("count", line), item.Keyword, line); break;
            case "conn-bi-direct": s.ConnBiDirect = ParseConnBiDirect(a, line); break;
            case "ipv6-conn-bi-direct": s.Ipv6ConnBiDirect = ParseConnBiDirect(a, line); break;
            case "exit-stats-end": s.ExitStatsEnd = StatsInterval.Parse(a, line); break;
            case "exit-kibibytes-written": s.ExitKibibytesWritten = Counts(a, line); break;
            case "exit-kibibytes-read": s.ExitKibibytesRead = Counts(a, line); break;
            case "exit-streams-opened": s.ExitStreamsOpened = Counts(a, line); break;
            case "hidserv-stats-end": s.HidservStatsEnd = StatsInterval.Parse(a, line); break;
            case "hidserv-rend-relayed-cells": s.HidservRendRelayedCells = Hidserv(item); break;
            case "hidserv-dir-onions-seen": s.HidservDirOnionsSeen = Hidserv(item); break;
            case "hidserv-v3-stats-end": s.HidservV3StatsEnd = StatsInterval.Parse(a, line); break;
            case "hidserv-rend-v3-relayed-cells": s.HidservRendV3RelayedCells = Hidserv(item); break;
            case "hidserv-dir-v3-onions-seen": s.HidservDirV3OnionsSeen = Hidserv(item); break;
            case "padding-counts": s.PaddingCounts = ParsePaddingCounts(a, line); break;
            case "transport": (s.Transports ??= []).Add(DescriptorText.Text(a)); break;
            case "bridge-stats-end": s.BridgeStatsEnd = StatsInterval.Parse(a, line); break;
            case "bridge-ips": s.BridgeIps = Counts(a, line); break;
            case "bridge-ip-versions": s.BridgeIpVersions = Counts(a, line); break;
            case "bridge-ip-transports": s.BridgeIpTransports = Counts(a, line); break;
            case "overload-ratelimits": s.OverloadRatelimits = ParseRatelimits(item); break;
            case "overload-fd-exhausted": s.OverloadFdExhausted = ParseFdExhausted(item); break;
            default: return false;
        }

        return true;
    }

    private static string Hex(DescriptorItem item)
    {
        var token = item.Tokens().Next("digest", item.LineNumber);
        if (!DescriptorText.IsHex(token, 40))
        {
            throw new DescriptorParseException("not 40 hex characters", item.LineNumber, item.Keyword);
        }

        return DescriptorText.UpperHex(token);
    }

    private static Dictionary<string, long> Counts(ReadOnlySpan<byte> arguments, int line)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        var list = DescriptorText.Trim(arguments);
        if (list.IsEmpty)
        {
            return result;
        }

        foreach (var range in list.Split(Comma))
        {
            var pair = list[range];
            int eq = pair.IndexOf((byte)'=');
            if (eq <= 0 || !System.Text.Ascii.IsValid(pair))
            {
                throw new DescriptorParseException($"'{DescriptorText.Text(pair)}' is not key=count", line);
            }

            result[DescriptorText.Ascii(pair[..eq])] = DescriptorText.ParseInt64(pair[(eq + 1)..], "count", line);
        }

        return result;
    }

    private static double[] Doubles(ReadOnlySpan<byte> arguments, int line)
    {
        var list = DescriptorText.Trim(arguments);
        if (list.IsEmpty)
        {
            return [];
        }

        var values = new double[list.Count(Comma) + 1];
        int i = 0;
        foreach (var range in list.Split(Comma))
        {
            if (!DescriptorText.TryParseDouble(list[range], out values[i++]))
            {
                throw new DescriptorParseException($"'{DescriptorText.Ascii(list[range])}' is not a number", line);
            }
        }

        return values;
    }

    private static ConnBiDirect ParseConnBiDirect(ReadOnlySpan<byte> arguments, int line)
    {
        var t = new ArgumentTokenizer(arguments);
        var end = StatsInterval.ParseHeader(ref t, line, out int interval);
        var values = t.Next("counts", line);
        var parts = new long[4];
        int i = 0;
        foreach (var range in values.Split(Comma))
        {
            if (i == 4)
            {
                throw new DescriptorParseException("conn-bi-direct has more than 4 counts", line);
            }

            parts[i++] = DescriptorText.ParseInt64(values[range], "connection count", line);
        }

        if (i != 4)
        {
            throw new DescriptorParseException("conn-bi-direct needs 4 counts", line);
        }

        return new ConnBiDirect(end, interval, parts[0], parts[1], parts[2], parts[3]);
    }

    private static HidservStatistic Hidserv(DescriptorItem item)
    {
        var t = item.Tokens();
        long value = DescriptorText.ParseInt64(t.Next("value", item.LineNumber), item.Keyword, item.LineNumber);
        return new HidservStatistic(value, KeyValues.ParseStrings(t.Rest));
    }

    private static PaddingCounts ParsePaddingCounts(ReadOnlySpan<byte> arguments, int line)
    {
        var t = new ArgumentTokenizer(arguments);
        var end = StatsInterval.ParseHeader(ref t, line, out int interval);
        return new PaddingCounts(end, interval, KeyValues.ParseLongs(t.Rest, line));
    }

    private static OverloadRatelimits ParseRatelimits(DescriptorItem item)
    {
        int line = item.LineNumber;
        var t = item.Tokens();
        int version = DescriptorText.ParseInt32(t.Next("version", line), "version", line);
        var since = DescriptorText.ParseTimestamp(ref t, item.Keyword, line);
        return new OverloadRatelimits(
            version,
            since,
            DescriptorText.ParseInt64(t.Next("rate limit", line), "rate limit", line),
            DescriptorText.ParseInt64(t.Next("burst limit", line), "burst limit", line),
            DescriptorText.ParseInt64(t.Next("read count", line), "read count", line),
            DescriptorText.ParseInt64(t.Next("write count", line), "write count", line));
    }

    private static OverloadFdExhausted ParseFdExhausted(DescriptorItem item)
    {
        var t = item.Tokens();
        int version = DescriptorText.ParseInt32(t.Next("version", item.LineNumber), "version", item.LineNumber);
        return new OverloadFdExhausted(version, DescriptorText.ParseTimestamp(ref t, item.Keyword, item.LineNumber));
    }
}
