using System.Text.Json;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.ServerDescriptors;

namespace TorMetrics.Tests.Descriptors;

public class ServerDescriptorParserTests
{
    public static TheoryData<string> RelaySamples() => [.. StemExpected.SamplesWithExpectations("server-descriptor")];

    public static TheoryData<string> BridgeSamples() => [.. StemExpected.SamplesWithExpectations("bridge-server-descriptor")];

    [Theory]
    [MemberData(nameof(RelaySamples))]
    [MemberData(nameof(BridgeSamples))]
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

        m.AssertNone(expected.Count * 20);
    }

    [Fact]
    public void Parse_ArchiveLayoutFiles_DigestEqualsFileName()
    {
        int checkedFiles = 0;
        foreach (string sample in SampleFiles.FilesUnder("server-descriptor/archive-layout")
                     .Concat(SampleFiles.FilesUnder("bridge-server-descriptor/archive-layout")))
        {
            var d = Assert.Single(Parse(sample));
            Assert.Equal(Path.GetFileName(sample), d.DigestSha1Hex.ToLowerInvariant());
            checkedFiles++;
        }

        Assert.Equal(6, checkedFiles);
    }

    [Theory]
    [InlineData("network-status-consensus-3/2020-02-29-11-00-00-consensus", "server-descriptor/2020-02-29-10-05-00-server-descriptors", 381)]
    [InlineData("network-status-consensus-3/2014-12-08-16-00-00-consensus", "server-descriptor/2014-12-08-server-descriptors", 540)]
    public void Parse_ConsensusAndDescriptorSample_ReferencedDigestsResolve(string consensusSample, string descriptorSample, int expectedJoins)
    {
        var consensus = NetworkStatusParserTests.Parse(consensusSample);
        var byDigest = Parse(descriptorSample).ToDictionary(d => d.DigestSha1Hex, StringComparer.Ordinal);
        var joined = consensus.Entries.Where(e => byDigest.ContainsKey(e.DescriptorDigestSha1Hex!)).ToList();
        Assert.Equal(expectedJoins, joined.Count);

        // A digest match must be the same relay, or the digest range is wrong.
        Assert.All(joined, e => Assert.Equal(e.Fingerprint, byDigest[e.DescriptorDigestSha1Hex!].Fingerprint));
    }

    [Fact]
    public void Parse_ConcatenatedFile_RawRangesAreExactAndAnnotationsSeparate()
    {
        const string sample = "server-descriptor/2020-02-29-10-05-00-server-descriptors";
        byte[] bytes = SampleFiles.Read(sample);
        var all = DescriptorFileParser.Parse(bytes, Path.GetFileName(sample)).ToList();
        Assert.Equal(587, all.Count);
        foreach (var d in all)
        {
            var raw = d.Raw.Bytes.Span;
            Assert.True(raw.StartsWith("router "u8), "a descriptor's raw bytes start at its router line");
            Assert.True(raw.EndsWith("-----END SIGNATURE-----\n"u8), "and end with its signature's LF");
            Assert.True(bytes.AsSpan(d.Raw.Offset, d.Raw.Length).SequenceEqual(raw));
            Assert.Equal(["@type server-descriptor 1.0"], d.Raw.Annotations);
            Assert.Equal(32, d.Raw.ComputeSha256().Length);
        }
    }

    [Fact]
    public void Parse_OldDescriptorWithoutFingerprintLine_FingerprintFromSigningKey()
    {
        // The 2005 archive descriptor has an "opt fingerprint" line; removing it must still give
        // the same fingerprint, derived from the identity key as dir-spec defines it.
        byte[] bytes = SampleFiles.Read("server-descriptor/stem-old_descriptor");
        string text = System.Text.Encoding.Latin1.GetString(bytes);
        var withLine = Assert.IsType<ServerDescriptor>(Assert.Single(DescriptorFileParser.Parse(bytes)));
        string stripped = string.Join('\n', text.Split('\n').Where(l => !l.Contains("fingerprint ", StringComparison.Ordinal)));
        var withoutLine = Assert.IsType<ServerDescriptor>(Assert.Single(DescriptorFileParser.Parse(System.Text.Encoding.Latin1.GetBytes(stripped))));
        Assert.Equal("3E2F63E2356F52318B536A12B6445373808A5D6C", withLine.Fingerprint);
        Assert.Equal(withLine.Fingerprint, withoutLine.Fingerprint);
    }

    [Fact]
    public void Parse_MissingBandwidth_UnparseableWithLineAndReason()
    {
        byte[] bytes = SampleFiles.Read("server-descriptor/stem-example_descriptor");
        string text = System.Text.Encoding.Latin1.GetString(bytes).Replace("bandwidth ", "xbandwidth ", StringComparison.Ordinal);
        var result = Assert.Single(DescriptorFileParser.Parse(System.Text.Encoding.Latin1.GetBytes(text)));
        var bad = Assert.IsType<UnparseableDescriptor>(result);
        Assert.Equal(DescriptorKind.ServerDescriptor, bad.Kind);
        Assert.Contains("'bandwidth'", bad.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("published 2012-03-01 17:15:27\n", "published 2012-03-01 17:15:27\npublished 2012-03-01 17:15:27\n", "'published' appears 2 times", 5)]
    [InlineData("published 2012-03-01 17:15:27", "published 2012-13-01 17:15:27", "invalid or missing published timestamp", 5)]
    [InlineData("opt fingerprint A756", "opt fingerprint X756", "fingerprint is not 40 hex characters", 6)]
    [InlineData("bandwidth 153600 256000 104590", "bandwidth 153600 256000", "missing observed bandwidth", 8)]
    [InlineData("router caerSidi 71.35.133.197 9001 0 0", "router caerSidi 71.35.133.197 99999 0 0", "ORPort out of range", 2)]
    [InlineData("router-signature\n", "router-signature\ncontact late\n", "lacks its SIGNATURE object", 26)]
    [InlineData("-----END SIGNATURE-----\n", "-----END SIGNATURE-----\nuptime 5\n", "'router-signature' must be the last item", 32)]
    [InlineData("-----END SIGNATURE-----\n", "", "not terminated", 27)]
    public void Parse_BrokenLine_UnparseableWithReasonAndLine(string find, string replace, string reason, int line)
    {
        string text = System.Text.Encoding.Latin1.GetString(SampleFiles.Read("server-descriptor/stem-example_descriptor"));
        Assert.Contains(find, text, StringComparison.Ordinal);
        string broken = text.Replace(find, replace, StringComparison.Ordinal);
        var bad = Assert.IsType<UnparseableDescriptor>(Assert.Single(DescriptorFileParser.Parse(System.Text.Encoding.Latin1.GetBytes(broken))));
        Assert.Contains(reason, bad.Reason, StringComparison.Ordinal);
        Assert.Equal(line, bad.LineNumber);
        Assert.True(bad.Raw.Bytes.Span.StartsWith("router "u8));
    }

    [Fact]
    public void Parse_OneBrokenDescriptorInFile_OthersStillParse()
    {
        byte[] bytes = SampleFiles.Read("server-descriptor/stem-metrics_server_desc_multiple");
        string text = System.Text.Encoding.Latin1.GetString(bytes);
        int second = text.IndexOf("router ", text.IndexOf("router ", StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        string broken = text[..second] + text[second..].Replace("published 20", "published XX", StringComparison.Ordinal);
        var results = DescriptorFileParser.Parse(System.Text.Encoding.Latin1.GetBytes(broken)).ToList();
        Assert.Equal(2, results.Count);
        Assert.IsType<ServerDescriptor>(results[0]);
        var bad = Assert.IsType<UnparseableDescriptor>(results[1]);
        Assert.Contains("published", bad.Reason, StringComparison.Ordinal);
        int expectedLine = text[..second].Count(c => c == '\n') + 1;
        Assert.True(bad.LineNumber > expectedLine, $"line {bad.LineNumber} should point inside the second descriptor (starts at {expectedLine})");
    }

    internal static List<ServerDescriptor> Parse(string sample)
    {
        var results = DescriptorFileParser.Parse(SampleFiles.Read(sample), Path.GetFileName(sample)).ToList();
        var bad = results.OfType<UnparseableDescriptor>().Select(u => $"line {u.LineNumber}: {u.Reason}").ToList();
        Assert.True(bad.Count == 0, $"{sample}: unparseable: {string.Join("; ", bad)}");
        return results.Cast<ServerDescriptor>().ToList();
    }

    private static void Compare(JsonElement e, ServerDescriptor d, string where, Mismatches m)
    {
        bool bridge = e.Str("type") == "bridge-server-descriptor";
        Assert.Equal(bridge ? DescriptorKind.BridgeServerDescriptor : DescriptorKind.ServerDescriptor, d.Kind);
        m.Equal(e.Str("nickname"), d.Nickname, where + " nickname");
        m.Equal(e.Str("address"), d.Address, where + " address");
        m.Equal(e.Long("or_port"), (long)d.OrPort, where + " or_port");

        // stem reports a DirPort of 0 ("not offered") as null; we keep the 0 tor wrote.
        m.Equal(e.Long("dir_port") ?? 0, (long)d.DirPort, where + " dir_port");
        m.Equal(e.Str("fingerprint"), d.Fingerprint, where + " fingerprint");
        m.Equal(e.Str("published"), StemExpected.Stamp(d.Published), where + " published");
        m.Equal(e.Str("platform"), d.Platform, where + " platform");
        // stem also reads a version out of "node-Tor 0.1.0 on Linux" (another implementation);
        // we report versions only for platforms that are tor itself, so stats don't count it as tor 0.1.0.
        m.Equal(d.Platform?.StartsWith("Tor ", StringComparison.Ordinal) == false ? null : e.Str("tor_version"), d.TorVersion, where + " tor_version");
        m.Equal(e.Long("bandwidth_avg"), d.BandwidthAverage, where + " bandwidth_avg");
        m.Equal(e.Long("bandwidth_burst"), d.BandwidthBurst, where + " bandwidth_burst");
        m.Equal(e.Long("bandwidth_observed"), d.BandwidthObserved, where + " bandwidth_observed");
        m.Equal(e.Long("uptime"), d.Uptime, where + " uptime");
        m.Equal(e.Bool("hibernating"), d.Hibernating, where + " hibernating");
        m.Equal(e.Str("contact"), d.Contact, where + " contact");
        m.SameSet(e.Strings("family"), d.Family, where + " family");
        // We keep policy lines verbatim; stem rewrites old dotted netmasks ("/255.255.0.0") as
        // prefix lengths ("/16"), so compare in stem's form.
        m.Equal(e.Str("exit_policy"), string.Join(", ", d.ExitPolicy.Select(StemPolicyForm)), where + " exit_policy");

        // stem fills in the spec default for a missing ipv6-policy line; we keep "absent" as null.
        m.Equal(e.Str("ipv6_policy"), d.Ipv6Policy ?? "reject 1-65535", where + " ipv6_policy");
        m.SameSequence(
            e.GetProperty("or_addresses").EnumerateArray().Select(a => $"{a[0].GetString()}|{a[1].GetInt32()}|{a[2].GetBoolean()}"),
            d.OrAddresses.Select(a => $"{a.Address}|{a.Port}|{a.IsIPv6}"),
            where + " or_addresses");
        if (!bridge)
        {
            m.Equal(e.Str("master_key_ed25519"), d.MasterKeyEd25519, where + " master_key_ed25519");
            m.Equal(e.Str("digest_sha256_b64"), d.DigestSha256Base64, where + " digest_sha256");
        }
        else
        {
            m.Equal(e.Str("router_digest_sha256"), d.DigestSha256Base64, where + " router_digest_sha256");

            // stem reports the spec default "any" when the line is absent.
            m.Equal(e.Str("bridge_distribution"), d.BridgeDistributionRequest ?? "any", where + " bridge_distribution");
        }

        m.Equal(e.Str("ntor_onion_key"), d.NtorOnionKey, where + " ntor_onion_key");
        m.Equal(e.Str("extra_info_digest"), d.ExtraInfoDigestSha1Hex, where + " extra_info_digest");
        m.Equal(e.Str("extra_info_sha256_digest"), d.ExtraInfoDigestSha256Base64, where + " extra_info_sha256");
        m.Equal(e.Bool("hidden_service_dir"), d.HiddenServiceDir, where + " hidden_service_dir");
        m.Equal(e.Bool("tunnelled_dir_server"), d.TunnelledDirServer, where + " tunnelled_dir_server");
        m.SameProtocols(e.Obj("proto"), d.ProtocolVersions, where + " proto");
        m.Equal(e.Str("digest_sha1_hex"), d.DigestSha1Hex, where + " digest_sha1");
        CompareHistory(e.Obj("read_history"), d.ReadHistory, where + " read_history", m);
        CompareHistory(e.Obj("write_history"), d.WriteHistory, where + " write_history", m);
        m.SameSequence(e.Strings("unrecognized_lines"), d.UnrecognizedLines, where + " unrecognized_lines");
    }

    private static string StemPolicyForm(string rule)
    {
        var match = System.Text.RegularExpressions.Regex.Match(rule, @"/(\d+\.\d+\.\d+\.\d+):");
        if (!match.Success)
        {
            return rule;
        }

        uint mask = System.Net.IPAddress.Parse(match.Groups[1].Value).GetAddressBytes().Aggregate(0u, (acc, b) => (acc << 8) | b);
        int bits = System.Numerics.BitOperations.PopCount(mask);
        return rule.Replace(match.Value, $"/{bits}:", StringComparison.Ordinal);
    }

    internal static void CompareHistory(JsonElement? e, BandwidthHistory? h, string where, Mismatches m)
    {
        if (e is null || h is null)
        {
            m.Equal(e is null, h is null, where + " presence");
            return;
        }

        m.Equal(e.Value.Str("end"), StemExpected.Stamp(h.End), where + " end");
        m.Equal(e.Value.Long("interval"), (long)h.IntervalSeconds, where + " interval");
        m.SameSequence(e.Value.GetProperty("values").EnumerateArray().Select(v => v.GetInt64()), h.Values, where + " values");
    }
}
