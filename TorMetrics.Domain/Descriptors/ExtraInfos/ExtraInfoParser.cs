using System.Security.Cryptography;

namespace TorMetrics.Domain.Descriptors.ExtraInfos;

/// <summary>
/// Parses relay extra-info descriptors (dir-spec §2.1.2) and sanitised bridge extra-infos.
/// A statistic line that cannot be read is recorded in <see cref="ExtraInfoDescriptor.MalformedLines"/>
/// instead of rejecting the descriptor; only the identity lines are mandatory.
/// </summary>
public static class ExtraInfoParser
{
    public static ExtraInfoDescriptor Parse(RawDocument raw, DescriptorKind kind)
    {
        bool bridge = kind == DescriptorKind.BridgeExtraInfo;
        var data = raw.Bytes.Span;
        var reader = new DescriptorReader(data, raw.LineNumber);
        var counts = new KeywordCounts();
        var s = new ExtraInfoState();
        int signedEnd = -1;
        bool first = true;

        while (reader.TryReadItem(out var item))
        {
            int line = item.LineNumber;
            if (first && !string.Equals(item.Keyword, "extra-info", StringComparison.Ordinal))
            {
                throw new DescriptorParseException($"first keyword must be 'extra-info', got '{item.Keyword}'", line, item.Keyword);
            }

            first = false;
            if (signedEnd >= 0)
            {
                throw new DescriptorParseException("'router-signature' must be the last item", line, item.Keyword);
            }

            counts.Add(item.Keyword, line);
            switch (item.Keyword)
            {
                case "extra-info":
                    var t = item.Tokens();
                    s.Nickname = DescriptorText.Ascii(t.Next("nickname", line));
                    var fingerprint = t.Next("fingerprint", line);
                    if (!DescriptorText.IsHex(fingerprint, 40))
                    {
                        throw new DescriptorParseException("fingerprint is not 40 hex characters", line, item.Keyword);
                    }

                    s.Fingerprint = DescriptorText.UpperHex(fingerprint);
                    break;
                case "published":
                    s.Published = DescriptorText.ParseTimestamp(item.Arguments, "published", line);
                    break;
                case "router-signature":
                    item.RequireObject("SIGNATURE");
                    signedEnd = item.LineEnd;
                    break;
                case "master-key-ed25519":
                    s.MasterKey = DescriptorText.Ascii(item.Tokens().Next("key", line));
                    break;
                case "identity-ed25519":
                    item.RequireObject("ED25519 CERT");
                    s.MasterKeyFromCertificate = Ed25519Certificate.TryGetSigningKey(item.DecodeObject());
                    break;
                case "router-digest":
                    var digest = item.Tokens().Next("digest", line);
                    if (!DescriptorText.IsHex(digest, 40))
                    {
                        throw new DescriptorParseException("router-digest is not 40 hex characters", line, item.Keyword);
                    }

                    s.RouterDigest = DescriptorText.UpperHex(digest);
                    break;
                case "router-digest-sha256":
                    s.RouterDigestSha256 = DescriptorText.Ascii(item.Tokens().Next("digest", line));
                    break;
                case "router-sig-ed25519":
                    break;
                default:
                    ParseStatistic(item, s);
                    break;
            }
        }

        if (first)
        {
            throw new DescriptorParseException("empty document", raw.LineNumber);
        }

        counts.RequireExactlyOnce(raw.LineNumber, "extra-info", "published");
        counts.RequireAtMostOnce(
            "identity-ed25519", "master-key-ed25519", "read-history", "write-history", "ipv6-read-history", "ipv6-write-history",
            "dirreq-read-history", "dirreq-write-history", "geoip-db-digest", "geoip6-db-digest", "dirreq-stats-end",
            "dirreq-v3-ips", "dirreq-v3-reqs", "dirreq-v3-resp", "dirreq-v3-direct-dl", "dirreq-v3-tunneled-dl",
            "entry-stats-end", "entry-ips", "cell-stats-end", "exit-stats-end", "hidserv-stats-end", "hidserv-v3-stats-end",
            "padding-counts", "bridge-stats-end", "bridge-ips", "bridge-ip-versions", "bridge-ip-transports",
            "overload-ratelimits", "overload-fd-exhausted", "router-sig-ed25519", "router-digest", "router-digest-sha256");

        string sha1;
        string? sha256;
        if (bridge)
        {
            counts.RequireExactlyOnce(raw.LineNumber, "router-digest");
            sha1 = s.RouterDigest!;
            sha256 = s.RouterDigestSha256;
        }
        else
        {
            counts.RequireExactlyOnce(raw.LineNumber, "router-signature");
            sha1 = Convert.ToHexString(SHA1.HashData(data[..signedEnd]));

            // dir-spec: the SHA-256 in extra-info-digest covers the entire document, signature included.
            sha256 = DescriptorText.ToBase64Unpadded(SHA256.HashData(data));
        }

        return Build(raw, kind, s, sha1, sha256);
    }

    private static void ParseStatistic(DescriptorItem item, ExtraInfoState s)
    {
        try
        {
            if (!ExtraInfoLines.TryParse(item, s))
            {
                (s.Unrecognized ??= []).Add(item.LineText());
            }
        }
        catch (DescriptorParseException ex)
        {
            (s.Malformed ??= []).Add($"{item.Keyword} (line {item.LineNumber}): {ex.Message}");
        }
    }

    private static ExtraInfoDescriptor Build(RawDocument raw, DescriptorKind kind, ExtraInfoState s, string sha1, string? sha256) => new()
    {
        Kind = kind,
        Raw = raw,
        Nickname = s.Nickname!,
        Fingerprint = s.Fingerprint!,
        Published = s.Published,
        MasterKeyEd25519 = s.MasterKey ?? s.MasterKeyFromCertificate,
        ReadHistory = s.ReadHistory,
        WriteHistory = s.WriteHistory,
        Ipv6ReadHistory = s.Ipv6ReadHistory,
        Ipv6WriteHistory = s.Ipv6WriteHistory,
        DirreqReadHistory = s.DirreqReadHistory,
        DirreqWriteHistory = s.DirreqWriteHistory,
        GeoipDbDigest = s.GeoipDbDigest,
        Geoip6DbDigest = s.Geoip6DbDigest,
        GeoipStartTime = s.GeoipStartTime,
        GeoipClientOrigins = s.GeoipClientOrigins,
        DirreqStatsEnd = s.DirreqStatsEnd,
        DirreqV3Ips = s.DirreqV3Ips,
        DirreqV3Reqs = s.DirreqV3Reqs,
        DirreqV3Resp = s.DirreqV3Resp,
        DirreqV3DirectDl = s.DirreqV3DirectDl,
        DirreqV3TunneledDl = s.DirreqV3TunneledDl,
        DirreqV2Ips = s.DirreqV2Ips,
        DirreqV2Reqs = s.DirreqV2Reqs,
        DirreqV2Resp = s.DirreqV2Resp,
        DirreqV2DirectDl = s.DirreqV2DirectDl,
        DirreqV2TunneledDl = s.DirreqV2TunneledDl,
        EntryStatsEnd = s.EntryStatsEnd,
        EntryIps = s.EntryIps,
        CellStatsEnd = s.CellStatsEnd,
        CellProcessedCells = s.CellProcessedCells,
        CellQueuedCells = s.CellQueuedCells,
        CellTimeInQueue = s.CellTimeInQueue,
        CellCircuitsPerDecile = s.CellCircuitsPerDecile,
        ConnBiDirect = s.ConnBiDirect,
        Ipv6ConnBiDirect = s.Ipv6ConnBiDirect,
        ExitStatsEnd = s.ExitStatsEnd,
        ExitKibibytesWritten = s.ExitKibibytesWritten,
        ExitKibibytesRead = s.ExitKibibytesRead,
        ExitStreamsOpened = s.ExitStreamsOpened,
        HidservStatsEnd = s.HidservStatsEnd,
        HidservRendRelayedCells = s.HidservRendRelayedCells,
        HidservDirOnionsSeen = s.HidservDirOnionsSeen,
        HidservV3StatsEnd = s.HidservV3StatsEnd,
        HidservRendV3RelayedCells = s.HidservRendV3RelayedCells,
        HidservDirV3OnionsSeen = s.HidservDirV3OnionsSeen,
        PaddingCounts = s.PaddingCounts,
        Transports = s.Transports?.ToArray() ?? [],
        BridgeStatsEnd = s.BridgeStatsEnd,
        BridgeIps = s.BridgeIps,
        BridgeIpVersions = s.BridgeIpVersions,
        BridgeIpTransports = s.BridgeIpTransports,
        OverloadRatelimits = s.OverloadRatelimits,
        OverloadFdExhausted = s.OverloadFdExhausted,
        DigestSha1Hex = sha1,
        DigestSha256Base64 = sha256,
        MalformedLines = s.Malformed?.ToArray() ?? [],
        UnrecognizedLines = s.Unrecognized?.ToArray() ?? [],
    };
}
