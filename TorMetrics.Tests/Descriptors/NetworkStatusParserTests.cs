using System.Globalization;
using System.Text.Json;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.NetworkStatuses;

namespace TorMetrics.Tests.Descriptors;

public class NetworkStatusParserTests
{
    public static TheoryData<string> Samples() =>
    [
        .. StemExpected.SamplesWithExpectations("network-status-consensus-3"),
        .. StemExpected.SamplesWithExpectations("network-status-microdesc-consensus-3"),
        .. StemExpected.SamplesWithExpectations("network-status-vote-3"),
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Parse_StemSample_MatchesStemFields(string sample)
    {
        var expected = StemExpected.Load(sample);
        var status = Parse(sample);
        var m = new Mismatches();
        var doc = expected[0];
        Assert.Equal("document", doc.Str("record"));
        CompareHeader(doc, status, sample, m);

        var entries = expected.Skip(1).ToList();
        Assert.Equal(entries.Count, status.Entries.Count);
        m.Equal(doc.Long("entry_count"), (long)status.Entries.Count, sample + " entry_count");
        for (int i = 0; i < entries.Count; i++)
        {
            CompareEntry(entries[i], status.Entries[i], $"{sample} entry#{i}", m);
        }

        m.AssertNone(20 + (entries.Count * 15));
    }

    [Fact]
    public void Parse_VoteFile_DigestEqualsFileName()
    {
        const string sample = "network-status-vote-3/2016-09-20-13-00-00-vote-49015F787433103580E3B66A1707A00E60F2D15B-60ADC6BEC262AE921A1037D54C8A3976367DBE87";
        var vote = Parse(sample);
        Assert.Equal(DescriptorKind.NetworkStatusVote, vote.Kind);
        Assert.Equal(7903, vote.Entries.Count);
        Assert.EndsWith("-" + vote.DigestSha1Hex, sample, StringComparison.Ordinal);
        Assert.Equal("49015F787433103580E3B66A1707A00E60F2D15B", Assert.Single(vote.Authorities).Identity);
    }

    [Fact]
    public void Parse_VoteWithoutAnnotation_DetectedAndOptPrefixStripped()
    {
        var result = Assert.Single(DescriptorFileParser.Parse(SampleFiles.Read("malformed/vote-2012-no-annotation"), "vote"));
        var vote = Assert.IsType<NetworkStatus>(result);
        Assert.Equal(DescriptorKind.NetworkStatusVote, vote.Kind);
        Assert.NotEmpty(vote.Entries);
        Assert.All(vote.Entries, e => Assert.StartsWith("Tor ", e.VersionLine, StringComparison.Ordinal));
        Assert.All(vote.Entries, e => Assert.NotEmpty(e.MicrodescriptorHashes));
    }

    [Fact]
    public void Parse_CrLfMicrodescConsensus_ParsesFlagsWithoutCarriageReturnAndFlagsInput()
    {
        var result = Assert.Single(DescriptorFileParser.Parse(SampleFiles.Read("malformed/cached-microdesc-consensus_with_carriage_returns")));
        var status = Assert.IsType<NetworkStatus>(result);
        Assert.True(status.Raw.HasCrLfLineEndings);
        Assert.NotEmpty(status.Entries);
        Assert.All(status.Entries.SelectMany(e => e.Flags), f => Assert.False(f.Contains('\r', StringComparison.Ordinal), f));
        Assert.All(status.Entries, e => Assert.Equal(43, e.MicrodescriptorDigestSha256Base64?.Length));
    }

    [Fact]
    public void Parse_ConsensusMissingValidAfter_Unparseable()
    {
        string text = System.Text.Encoding.Latin1.GetString(SampleFiles.Read("network-status-consensus-3/stem-metrics_consensus"))
            .Replace("valid-after ", "valid-afterX ", StringComparison.Ordinal);
        var bad = Assert.IsType<UnparseableDescriptor>(Assert.Single(DescriptorFileParser.Parse(System.Text.Encoding.Latin1.GetBytes(text))));
        Assert.Contains("'valid-after'", bad.Reason, StringComparison.Ordinal);
        Assert.Equal(DescriptorKind.NetworkStatusConsensus, bad.Kind);
    }

    internal static NetworkStatus Parse(string sample)
    {
        var result = Assert.Single(DescriptorFileParser.Parse(SampleFiles.Read(sample), Path.GetFileName(sample)));
        if (result is UnparseableDescriptor u)
        {
            Assert.Fail($"{sample}: line {u.LineNumber}: {u.Reason}");
        }

        return Assert.IsType<NetworkStatus>(result);
    }

    private static void CompareHeader(JsonElement e, NetworkStatus s, string where, Mismatches m)
    {
        m.Equal(e.Str("type"), DescriptorKindNames.ToTypeName(s.Kind), where + " type");
        m.Equal(e.Str("flavor"), s.Flavor, where + " flavor");
        m.Equal(e.Str("vote_status"), s.VoteStatus, where + " vote_status");
        m.Equal(e.Long("consensus_method"), (long?)s.ConsensusMethod, where + " consensus_method");
        m.SameSequence(e.GetProperty("consensus_methods").EnumerateArray().Select(x => x.GetInt32()), s.ConsensusMethods, where + " consensus_methods");
        m.Equal(e.Str("published"), StemExpected.Stamp(s.Published), where + " published");
        m.Equal(e.Str("valid_after"), StemExpected.Stamp(s.ValidAfter), where + " valid_after");
        m.Equal(e.Str("fresh_until"), StemExpected.Stamp(s.FreshUntil), where + " fresh_until");
        m.Equal(e.Str("valid_until"), StemExpected.Stamp(s.ValidUntil), where + " valid_until");
        m.SameSequence(e.GetProperty("voting_delay").EnumerateArray().Select(x => x.GetInt32()), [s.VoteSeconds, s.DistSeconds], where + " voting_delay");
        m.SameSequence(e.Strings("client_versions"), s.ClientVersions, where + " client_versions");
        m.SameSequence(e.Strings("server_versions"), s.ServerVersions, where + " server_versions");
        m.SameSequence(e.Strings("known_flags"), s.KnownFlags, where + " known_flags");
        // stem fills in tor's default values for params the document doesn't list; we report only
        // what the authorities wrote, so compare against stem's values for keys on the params line.
        string paramsLine = System.Text.Encoding.Latin1.GetString(s.Raw.Bytes.Span).Split('\n').FirstOrDefault(l => l.StartsWith("params ", StringComparison.Ordinal)) ?? string.Empty;
        var written = paramsLine.Split(' ').Skip(1).Select(p => p.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
        m.SameSet(Pairs(e.GetProperty("params")).Where(p => written.Contains(p.Split('=')[0])), s.Params.Select(p => $"{p.Key}={p.Value}"), where + " params");
        m.SameSet(Pairs(e.GetProperty("bandwidth_weights")), s.BandwidthWeights.Select(p => $"{p.Key}={p.Value}"), where + " bandwidth_weights");

        // stem turns thresholds into numbers ("98.000%" becomes 0.98); we keep the text and compare numerically.
        m.SameSet(
            e.GetProperty("flag_thresholds").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture)}"),
            s.FlagThresholds.Select(p => $"{p.Key}={ThresholdNumber(p.Value).ToString("R", CultureInfo.InvariantCulture)}"),
            where + " flag_thresholds");
        m.SameSet(
            e.GetProperty("bandwidth_file_headers").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}"),
            s.BandwidthFileHeaders.Select(p => $"{p.Key}={p.Value}"),
            where + " bandwidth_file_headers");
        m.SameProtocols(e.Obj("recommended_client_protocols"), s.RecommendedClientProtocols, where + " recommended_client_protocols");
        m.SameProtocols(e.Obj("recommended_relay_protocols"), s.RecommendedRelayProtocols, where + " recommended_relay_protocols");
        m.SameProtocols(e.Obj("required_client_protocols"), s.RequiredClientProtocols, where + " required_client_protocols");
        m.SameProtocols(e.Obj("required_relay_protocols"), s.RequiredRelayProtocols, where + " required_relay_protocols");
        if (!s.IsVote)
        {
            // In votes these lines sit in the authority section; stem files them under the authority
            // (not in its dump), we report them on the document for both kinds.
            m.Equal(SharedRandom(e.GetProperty("shared_rand_current")), s.SharedRandCurrentValue is { } c ? $"{c.NumReveals}|{c.Value}" : null, where + " shared_rand_current");
            m.Equal(SharedRandom(e.GetProperty("shared_rand_previous")), s.SharedRandPreviousValue is { } p ? $"{p.NumReveals}|{p.Value}" : null, where + " shared_rand_previous");
        }

        // stem reports a DirPort/ORPort of 0 as null.
        m.SameSequence(
            e.GetProperty("authorities").EnumerateArray().Select(a => $"{a[0].GetString()}|{a[1].GetString()}|{a[2].GetString()}|{Port(a[3])}|{Port(a[4])}"),
            s.Authorities.Select(a => $"{a.Nickname}|{a.Identity}|{a.Address}|{a.DirPort}|{a.OrPort}"),
            where + " authorities");
        m.SameSequence(
            e.GetProperty("signatures").EnumerateArray().Select(x => $"{x[0].GetString()}|{x[1].GetString()}|{x[2].GetString()}"),
            s.Signatures.Select(x => $"{x.Algorithm}|{x.Identity}|{x.SigningKeyDigest}"),
            where + " signatures");
        m.Equal(e.Str("digest_sha1_hex"), s.DigestSha1Hex, where + " digest_sha1");
        m.Equal(e.Str("digest_sha256_hex"), s.DigestSha256Hex, where + " digest_sha256");
        m.SameSequence(e.Strings("unrecognized_lines"), s.UnrecognizedLines, where + " unrecognized_lines");
    }

    internal static void CompareEntry(JsonElement e, RouterStatusEntry r, string where, Mismatches m)
    {
        m.Equal(e.Str("nickname"), r.Nickname, where + " nickname");
        m.Equal(e.Str("fingerprint"), r.Fingerprint, where + " fingerprint");
        m.Equal(e.Str("published"), StemExpected.Stamp(r.Published), where + " published");
        m.Equal(e.Str("address"), r.Address, where + " address");
        m.Equal(e.Long("or_port"), (long)r.OrPort, where + " or_port");
        m.Equal(e.Long("dir_port") ?? 0, (long)r.DirPort, where + " dir_port");
        m.SameSequence(e.Strings("flags"), r.Flags, where + " flags");
        m.Equal(e.Str("version_line"), r.VersionLine, where + " version_line");
        m.Equal(e.Str("version"), r.Version, where + " version");
        if (e.TryGetProperty("descriptor_digest_hex", out _))
        {
            m.Equal(e.Str("descriptor_digest_hex"), r.DescriptorDigestSha1Hex, where + " descriptor_digest");
        }

        if (e.TryGetProperty("microdescriptor_digest_b64", out _))
        {
            m.Equal(e.Str("microdescriptor_digest_b64"), r.MicrodescriptorDigestSha256Base64, where + " microdescriptor_digest_b64");
            Span<byte> digest = stackalloc byte[32];
            Assert.True(DescriptorText.TryDecodeBase64(System.Text.Encoding.ASCII.GetBytes(r.MicrodescriptorDigestSha256Base64!), digest, out int n));
            m.Equal(e.Str("microdescriptor_digest_hex"), Convert.ToHexString(digest[..n]), where + " microdescriptor_digest_hex");
        }

        if (e.TryGetProperty("bandwidth", out _))
        {
            m.Equal(e.Long("bandwidth"), r.Bandwidth, where + " bandwidth");
            m.Equal(e.Long("measured"), r.Measured, where + " measured");
            m.Equal(e.Bool("unmeasured"), r.Unmeasured, where + " unmeasured");
            m.SameProtocols(e.Obj("proto"), r.Protocols, where + " proto");
            m.SameSequence(
                e.GetProperty("or_addresses").EnumerateArray().Select(a => $"{a[0].GetString()}|{a[1].GetInt32()}|{a[2].GetBoolean()}"),
                r.OrAddresses.Select(a => $"{a.Address}|{a.Port}|{a.IsIPv6}"),
                where + " or_addresses");
        }

        if (e.TryGetProperty("exit_policy_summary", out _))
        {
            m.Equal(e.Str("exit_policy_summary"), r.ExitPolicySummary, where + " exit_policy_summary");
        }

        if (e.Obj("id") is { } id)
        {
            m.Equal($"{id[0].GetString()}|{id[1].GetString()}", $"{r.IdentityKeyType}|{r.IdentityKey}", where + " id");
        }

        if (e.TryGetProperty("microdescriptor_hashes", out var hashes))
        {
            m.SameSequence(
                hashes.EnumerateArray().Select(h => string.Join(",", h[0].EnumerateArray().Select(x => x.GetInt32())) + " " +
                    string.Join(" ", h[1].EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}"))),
                r.MicrodescriptorHashes.Select(h => string.Join(",", h.ConsensusMethods) + " " + string.Join(" ", h.Digests.Select(p => $"{p.Key}={p.Value}"))),
                where + " microdescriptor_hashes");
        }

        m.SameSequence(e.Strings("unrecognized_lines"), r.UnrecognizedLines, where + " unrecognized_lines");
    }

    private static IEnumerable<string> Pairs(JsonElement obj) => obj.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetInt64()}");

    private static string? SharedRandom(JsonElement pair) =>
        pair[0].ValueKind == JsonValueKind.Null ? null : $"{pair[0].GetInt32()}|{pair[1].GetString()}";

    private static long Port(JsonElement e) => e.ValueKind == JsonValueKind.Null ? 0 : e.GetInt64();

    private static double ThresholdNumber(string value) =>
        value.EndsWith('%')
            ? double.Parse(value[..^1], CultureInfo.InvariantCulture) / 100
            : double.Parse(value, CultureInfo.InvariantCulture);
}
