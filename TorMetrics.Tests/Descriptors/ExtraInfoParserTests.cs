using System.Globalization;
using System.Text.Json;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.ExtraInfos;

namespace TorMetrics.Tests.Descriptors;

public class ExtraInfoParserTests
{
    // Keywords stem 1.8 leaves unrecognised but we model (checked by Parse_EditedSample_ReadsNewerStatistics).
    private static readonly HashSet<string> ModelledBeyondStem = new(StringComparer.Ordinal)
    {
        "ipv6-read-history", "ipv6-write-history", "hidserv-v3-stats-end", "hidserv-rend-v3-relayed-cells",
        "hidserv-dir-v3-onions-seen", "overload-ratelimits", "overload-fd-exhausted",
    };

    public static TheoryData<string> Samples() =>
        [.. StemExpected.SamplesWithExpectations("extra-info"), .. StemExpected.SamplesWithExpectations("bridge-extra-info")];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Parse_StemSample_MatchesStemFields(string sample)
    {
        var expected = StemExpected.Load(sample);
        var parsed = Parse(sample);
        Assert.Equal(expected.Count, parsed.Count);
        var m = new Mismatches();
        for (int i = 0; i < expected.Count; i++)
        {
            Compare(expected[i], parsed[i], $"{sample}#{i}", m);
        }

        m.AssertNone(expected.Count * 30);
    }

    [Fact]
    public void Parse_ArchiveLayoutFiles_DigestEqualsFileName()
    {
        var files = SampleFiles.FilesUnder("extra-info/archive-layout").Concat(SampleFiles.FilesUnder("bridge-extra-info/archive-layout")).ToList();
        Assert.Equal(6, files.Count);
        foreach (string sample in files)
        {
            Assert.Equal(Path.GetFileName(sample), Assert.Single(Parse(sample)).DigestSha1Hex.ToLowerInvariant());
        }
    }

    [Fact]
    public void Parse_EditedSample_ReadsNewerStatistics()
    {
        var d = Assert.Single(Parse("extra-info/2021-10-07-ylxdzsw-EDITED-extra-info"));
        Assert.Equal([57667584L, 45329408, 53468160, 62139392, 50221056], d.Ipv6WriteHistory!.Values);
        Assert.Equal(86400, d.Ipv6ReadHistory!.IntervalSeconds);
        Assert.Equal(new DateTime(2021, 10, 7, 12, 0, 0, DateTimeKind.Utc), d.HidservV3StatsEnd!.End);
        Assert.Equal(-839, d.HidservRendV3RelayedCells!.Value);
        Assert.Equal("1024", d.HidservRendV3RelayedCells.Attributes["bin_size"]);
        Assert.Equal(6, d.HidservDirV3OnionsSeen!.Value);
        Assert.Equal(new OverloadRatelimits(1, new DateTime(2021, 10, 7, 5, 0, 0, DateTimeKind.Utc), 122880, 819200, 221, 105), d.OverloadRatelimits);
        Assert.Empty(d.DirreqV3Ips!);
        Assert.Empty(d.UnrecognizedLines);
    }

    [Fact]
    public void Parse_NonAsciiDirreqReqs_KeepsDescriptorAndMarksLineMalformed()
    {
        var result = Assert.Single(DescriptorFileParser.Parse(SampleFiles.Read("malformed/extrainfo_nonascii_v3_reqs")));
        var d = Assert.IsType<ExtraInfoDescriptor>(result);
        Assert.Null(d.DirreqV3Reqs);
        Assert.Contains(d.MalformedLines, l => l.StartsWith("dirreq-v3-reqs", StringComparison.Ordinal));
        Assert.NotNull(d.DirreqV3Ips);
    }

    [Fact]
    public void Parse_BridgeServerDescriptors_ExtraInfoDigestsResolveToBridgeExtraInfos()
    {
        // Sanitised bridge descriptors reference their extra-info by the same hashed digest that
        // the extra-info carries as router-digest, so the 2017-07-17 pair must join (2 of them do).
        var extras = Parse("bridge-extra-info/2017-07-17-17-09-00-extra-infos").ToDictionary(d => d.DigestSha1Hex, StringComparer.Ordinal);
        var joined = ServerDescriptorParserTests.Parse("bridge-server-descriptor/2017-07-17-17-09-00-server-descriptors")
            .Where(d => d.ExtraInfoDigestSha1Hex is { } x && extras.ContainsKey(x))
            .ToList();
        Assert.Equal(2, joined.Count);
        Assert.All(joined, d => Assert.Equal(d.Fingerprint, extras[d.ExtraInfoDigestSha1Hex!].Fingerprint));
    }

    internal static List<ExtraInfoDescriptor> Parse(string sample)
    {
        var results = DescriptorFileParser.Parse(SampleFiles.Read(sample), Path.GetFileName(sample)).ToList();
        var bad = results.OfType<UnparseableDescriptor>().Select(u => $"line {u.LineNumber}: {u.Reason}").ToList();
        Assert.True(bad.Count == 0, $"{sample}: unparseable: {string.Join("; ", bad.Take(5))}");
        return results.Cast<ExtraInfoDescriptor>().ToList();
    }

    private static void Compare(JsonElement e, ExtraInfoDescriptor d, string where, Mismatches m)
    {
        bool bridge = e.Str("type") == "bridge-extra-info";
        Assert.Equal(bridge ? DescriptorKind.BridgeExtraInfo : DescriptorKind.ExtraInfo, d.Kind);
        Assert.Empty(d.MalformedLines);
        m.Equal(e.Str("nickname"), d.Nickname, where + " nickname");
        m.Equal(e.Str("fingerprint"), d.Fingerprint, where + " fingerprint");
        m.Equal(e.Str("published"), StemExpected.Stamp(d.Published), where + " published");
        m.Equal(e.Str("digest_sha1_hex"), d.DigestSha1Hex, where + " digest_sha1");
        m.Equal(e.Str(bridge ? "router_digest_sha256" : "digest_sha256_b64"), d.DigestSha256Base64, where + " digest_sha256");
        ServerDescriptorParserTests.CompareHistory(e.Obj("read_history"), d.ReadHistory, where + " read_history", m);
        ServerDescriptorParserTests.CompareHistory(e.Obj("write_history"), d.WriteHistory, where + " write_history", m);
        ServerDescriptorParserTests.CompareHistory(e.Obj("dirreq_read_history"), d.DirreqReadHistory, where + " dirreq_read_history", m);
        ServerDescriptorParserTests.CompareHistory(e.Obj("dirreq_write_history"), d.DirreqWriteHistory, where + " dirreq_write_history", m);
        m.Equal(e.Str("geoip_db_digest"), d.GeoipDbDigest, where + " geoip_db_digest");
        m.Equal(e.Str("geoip6_db_digest"), d.Geoip6DbDigest, where + " geoip6_db_digest");
        m.Equal(e.Str("geoip_start_time"), StemExpected.Stamp(d.GeoipStartTime), where + " geoip_start_time");
        Counts(e, "geoip_client_origins", d.GeoipClientOrigins, where, m);
        m.Equal(e.Str("dir_stats_end"), StemExpected.Stamp(d.DirreqStatsEnd?.End), where + " dir_stats_end");
        Counts(e, "dir_v3_ips", d.DirreqV3Ips, where, m);
        Counts(e, "dir_v3_requests", d.DirreqV3Reqs, where, m);
        Counts(e, "dir_v3_responses", d.DirreqV3Resp, where, m);
        Counts(e, "dir_v3_direct_dl", d.DirreqV3DirectDl, where, m);
        Counts(e, "dir_v3_tunneled_dl", d.DirreqV3TunneledDl, where, m);
        Counts(e, "dir_v2_ips", d.DirreqV2Ips, where, m);
        Counts(e, "dir_v2_requests", d.DirreqV2Reqs, where, m);
        m.Equal(e.Str("entry_stats_end"), StemExpected.Stamp(d.EntryStatsEnd?.End), where + " entry_stats_end");
        Counts(e, "entry_ips", d.EntryIps, where, m);
        m.Equal(e.Str("cell_stats_end"), StemExpected.Stamp(d.CellStatsEnd?.End), where + " cell_stats_end");
        Doubles(e, "cell_processed_cells", d.CellProcessedCells, where, m);
        Doubles(e, "cell_queued_cells", d.CellQueuedCells, where, m);
        Doubles(e, "cell_time_in_queue", d.CellTimeInQueue, where, m);
        m.Equal(e.Long("cell_circuits_per_decile"), d.CellCircuitsPerDecile, where + " cell_circuits_per_decile");
        m.Equal(e.Str("conn_bi_direct_end"), StemExpected.Stamp(d.ConnBiDirect?.End), where + " conn_bi_direct_end");
        m.Equal(e.Long("conn_bi_direct_interval"), d.ConnBiDirect?.IntervalSeconds, where + " conn_bi_direct_interval");
        m.Equal(e.Long("conn_bi_direct_below"), d.ConnBiDirect?.Below, where + " conn_bi_direct_below");
        m.Equal(e.Long("conn_bi_direct_read"), d.ConnBiDirect?.Read, where + " conn_bi_direct_read");
        m.Equal(e.Long("conn_bi_direct_write"), d.ConnBiDirect?.Write, where + " conn_bi_direct_write");
        m.Equal(e.Long("conn_bi_direct_both"), d.ConnBiDirect?.Both, where + " conn_bi_direct_both");
        m.Equal(e.Str("exit_stats_end"), StemExpected.Stamp(d.ExitStatsEnd?.End), where + " exit_stats_end");
        Counts(e, "exit_kibibytes_written", d.ExitKibibytesWritten, where, m);
        Counts(e, "exit_kibibytes_read", d.ExitKibibytesRead, where, m);
        Counts(e, "exit_streams_opened", d.ExitStreamsOpened, where, m);
        m.Equal(e.Str("hs_stats_end"), StemExpected.Stamp(d.HidservStatsEnd?.End), where + " hs_stats_end");
        m.Equal(e.Long("hs_rend_cells"), d.HidservRendRelayedCells?.Value, where + " hs_rend_cells");
        Attributes(e, "hs_rend_cells_attr", d.HidservRendRelayedCells, where, m);
        m.Equal(e.Long("hs_dir_onions_seen"), d.HidservDirOnionsSeen?.Value, where + " hs_dir_onions_seen");
        Attributes(e, "hs_dir_onions_seen_attr", d.HidservDirOnionsSeen, where, m);
        m.Equal(e.Str("padding_counts_end"), StemExpected.Stamp(d.PaddingCounts?.End), where + " padding_counts_end");
        m.Equal(e.Long("padding_counts_interval"), d.PaddingCounts?.IntervalSeconds, where + " padding_counts_interval");
        m.SameSet(
            e.GetProperty("padding_counts").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetRawText()}"),
            d.PaddingCounts?.Counts.Select(p => $"{p.Key}={p.Value}") ?? [],
            where + " padding_counts");
        m.Equal(e.Str("bridge_stats_end"), StemExpected.Stamp(d.BridgeStatsEnd?.End), where + " bridge_stats_end");
        m.Equal(e.Long("bridge_stats_interval"), d.BridgeStatsEnd?.IntervalSeconds, where + " bridge_stats_interval");
        Counts(e, "bridge_ips", d.BridgeIps, where, m);
        Counts(e, "ip_versions", d.BridgeIpVersions, where, m);
        Counts(e, "ip_transports", d.BridgeIpTransports, where, m);
        m.SameSet(
            e.GetProperty("transport").EnumerateObject().Select(p => p.Name),
            d.Transports.Select(t => t.Split(' ')[0]),
            where + " transport names");

        var stemUnrecognized = e.Strings("unrecognized_lines");
        m.SameSequence(stemUnrecognized.Where(l => !ModelledBeyondStem.Contains(l.Split(' ')[0])), d.UnrecognizedLines, where + " unrecognized_lines");
    }

    private static void Counts(JsonElement e, string name, IReadOnlyDictionary<string, long>? ours, string where, Mismatches m)
    {
        var stem = e.Obj(name);
        m.Equal(stem is null, ours is null, $"{where} {name} presence");
        if (stem is { } obj && ours is not null)
        {
            m.SameSet(obj.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetInt64()}"), ours.Select(p => $"{p.Key}={p.Value}"), $"{where} {name}");
        }
    }

    private static void Doubles(JsonElement e, string name, IReadOnlyList<double>? ours, string where, Mismatches m)
    {
        var stem = e.Obj(name);
        m.Equal(stem is null, ours is null, $"{where} {name} presence");
        if (stem is { } arr && ours is not null)
        {
            m.SameSequence(
                arr.EnumerateArray().Select(x => x.GetDouble().ToString("R", CultureInfo.InvariantCulture)),
                ours.Select(x => x.ToString("R", CultureInfo.InvariantCulture)),
                $"{where} {name}");
        }
    }

    private static void Attributes(JsonElement e, string name, HidservStatistic? ours, string where, Mismatches m) =>
        m.SameSet(
            e.GetProperty(name).EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}"),
            ours?.Attributes.Select(p => $"{p.Key}={p.Value}") ?? [],
            $"{where} {name}");
}
