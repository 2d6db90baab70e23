using System.Text.Json;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.Microdescriptors;
using TorMetrics.Domain.Descriptors.NetworkStatuses;

namespace TorMetrics.Tests.Descriptors;

public class MicrodescriptorParserTests
{
    public static TheoryData<string> Samples() => [.. StemExpected.SamplesWithExpectations("microdescriptor")];

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

        m.AssertNone(expected.Count * 8);
    }

    [Fact]
    public void Parse_ArchiveLayoutFiles_DigestEqualsFileName()
    {
        var files = SampleFiles.FilesUnder("microdescriptor/archive-layout").ToList();
        Assert.Equal(3, files.Count);
        foreach (string sample in files)
        {
            Assert.Equal(Path.GetFileName(sample), Assert.Single(Parse(sample)).DigestSha256Hex);
        }
    }

    [Fact]
    public void Parse_2017MicrodescConsensus_EveryMLineResolvesToACachedMicrodescriptor()
    {
        var status = NetworkStatusParserTests.Parse("network-status-microdesc-consensus-3/2017-03-10-10-00-00-cached-microdesc-consensus");
        Assert.Equal(DescriptorKind.NetworkStatusMicrodescConsensus, status.Kind);
        Assert.Equal(7326, status.Entries.Count);

        var known = Parse("microdescriptor/2017-03-cached-microdescs")
            .Concat(Parse("microdescriptor/2017-03-cached-microdescs.new"))
            .Select(d => d.DigestSha256Base64)
            .ToHashSet(StringComparer.Ordinal);
        var missing = status.Entries.Where(e => !known.Contains(e.MicrodescriptorDigestSha256Base64!)).Select(e => e.Nickname).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} m lines unresolved, e.g. {string.Join(", ", missing.Take(5))}");
    }

    [Fact]
    public void Parse_CachedMicrodescs_KeepsLastListedAnnotationOutOfDigest()
    {
        var first = Parse("microdescriptor/stem-cached-microdescs")[0];
        Assert.StartsWith("@last-listed ", Assert.Single(first.Raw.Annotations), StringComparison.Ordinal);
        Assert.True(first.Raw.Bytes.Span.StartsWith("onion-key\n"u8));
    }

    internal static List<Microdescriptor> Parse(string sample)
    {
        var results = DescriptorFileParser.Parse(SampleFiles.Read(sample), Path.GetFileName(sample)).ToList();
        var bad = results.OfType<UnparseableDescriptor>().Select(u => $"line {u.LineNumber}: {u.Reason}").ToList();
        Assert.True(bad.Count == 0, $"{sample}: unparseable: {string.Join("; ", bad.Take(5))}");
        return results.Cast<Microdescriptor>().ToList();
    }

    private static void Compare(JsonElement e, Microdescriptor d, string where, Mismatches m)
    {
        m.Equal(e.Str("digest_sha256_b64"), d.DigestSha256Base64, where + " digest_sha256_b64");
        m.Equal(e.Str("digest_sha256_hex"), d.DigestSha256Hex.ToUpperInvariant(), where + " digest_sha256_hex");
        m.Equal(e.Str("ntor_onion_key"), d.NtorOnionKey, where + " ntor_onion_key");
        m.SameSet(e.Strings("family"), d.Family, where + " family");

        // stem reports the spec default for a missing p line; we keep "absent" as null.
        m.Equal(e.Str("exit_policy"), d.ExitPolicySummary ?? "reject 1-65535", where + " exit_policy");
        m.Equal(e.Str("ipv6_policy"), d.Ipv6PolicySummary, where + " ipv6_policy");
        m.SameSet(
            e.GetProperty("identifiers").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}"),
            d.Identifiers.Select(p => $"{p.Key}={p.Value}"),
            where + " identifiers");
        m.SameProtocols(e.Obj("proto"), d.Protocols, where + " proto");
        m.SameSequence(
            e.GetProperty("or_addresses").EnumerateArray().Select(a => $"{a[0].GetString()}|{a[1].GetInt32()}|{a[2].GetBoolean()}"),
            d.OrAddresses.Select(a => $"{a.Address}|{a.Port}|{a.IsIPv6}"),
            where + " or_addresses");
        m.SameSet(
            e.GetProperty("annotations").EnumerateObject().Where(p => p.Name != "@type").Select(p => $"{p.Name} {p.Value.GetString()}"),
            d.Raw.Annotations.Where(a => !a.StartsWith("@type ", StringComparison.Ordinal)),
            where + " annotations");
        m.SameSequence(e.Strings("unrecognized_lines"), d.UnrecognizedLines, where + " unrecognized_lines");
    }
}
