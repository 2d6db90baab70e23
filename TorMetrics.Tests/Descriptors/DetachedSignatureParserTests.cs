using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.DetachedSignatures;

namespace TorMetrics.Tests.Descriptors;

public class DetachedSignatureParserTests
{
    private const string Sample = "detached-signature-3/stem-detached_signatures";

    [Fact]
    public void Parse_StemSample_MatchesStemFields()
    {
        var e = Assert.Single(StemExpected.Load(Sample));
        var d = Assert.IsType<DetachedSignature>(Assert.Single(DescriptorFileParser.Parse(SampleFiles.Read(Sample), Path.GetFileName(Sample))));
        Assert.Equal(DescriptorKind.DetachedSignature, d.Kind);
        var m = new Mismatches();
        m.Equal(e.Str("consensus_digest"), d.ConsensusDigest, "consensus_digest");
        m.Equal(e.Str("valid_after"), StemExpected.Stamp(d.ValidAfter), "valid_after");
        m.Equal(e.Str("fresh_until"), StemExpected.Stamp(d.FreshUntil), "fresh_until");
        m.Equal(e.Str("valid_until"), StemExpected.Stamp(d.ValidUntil), "valid_until");
        m.SameSequence(
            e.GetProperty("additional_digests").EnumerateArray().Select(x => string.Join("|", x.EnumerateArray().Select(v => v.GetString()))),
            d.AdditionalDigests.Select(x => $"{x.Flavor}|{x.Algorithm}|{x.Digest}"),
            "additional_digests");
        m.SameSequence(
            e.GetProperty("additional_signatures").EnumerateArray().Select(x => string.Join("|", x.EnumerateArray().Select(v => v.GetString()))),
            d.AdditionalSignatures.Select(x => $"{x.Flavor}|{x.Algorithm}|{x.Identity}|{x.SigningKeyDigest}"),
            "additional_signatures");
        m.SameSequence(
            e.GetProperty("signatures").EnumerateArray().Select(x => string.Join("|", x.EnumerateArray().Select(v => v.GetString()))),
            d.Signatures.Select(x => $"{x.Algorithm}|{x.Identity}|{x.SigningKeyDigest}"),
            "signatures");
        m.SameSequence(e.Strings("unrecognized_lines"), d.UnrecognizedLines, "unrecognized_lines");
        m.AssertNone(8);
        Assert.All(d.Signatures, s => Assert.NotEmpty(Convert.FromBase64String(s.Signature)));
    }

    [Fact]
    public void Parse_MissingValidUntil_Unparseable()
    {
        string text = System.Text.Encoding.Latin1.GetString(SampleFiles.Read(Sample)).Replace("valid-until", "valid-untilX", StringComparison.Ordinal);
        var bad = Assert.IsType<UnparseableDescriptor>(Assert.Single(DescriptorFileParser.Parse(System.Text.Encoding.Latin1.GetBytes(text))));
        Assert.Contains("'valid-until'", bad.Reason, StringComparison.Ordinal);
    }
}
