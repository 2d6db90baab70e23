using System.Security.Cryptography;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.KeyCertificates;

namespace TorMetrics.Tests.Descriptors;

public class DirKeyCertificateParserTests
{
    public static TheoryData<string> Samples() => [.. StemExpected.SamplesWithExpectations("dir-key-certificate-3")];

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
            var e = expected[i];
            var c = parsed[i];
            string where = $"{sample}#{i}";
            m.Equal(e.Str("fingerprint"), c.Fingerprint, where + " fingerprint");
            m.Equal(e.Str("published"), StemExpected.Stamp(c.Published), where + " published");
            m.Equal(e.Str("expires"), StemExpected.Stamp(c.Expires), where + " expires");
            m.Equal(e.Str("address"), c.Address, where + " address");
            m.Equal(e.Long("dir_port"), (long?)c.DirPort, where + " dir_port");
            m.SameSequence(e.Strings("unrecognized_lines"), c.UnrecognizedLines, where + " unrecognized_lines");

            // The fingerprint is defined as the SHA-1 of the identity key.
            m.Equal(c.Fingerprint, Convert.ToHexString(SHA1.HashData(Convert.FromBase64String(c.IdentityKey))), where + " identity key hash");
        }

        m.AssertNone(expected.Count * 7);
    }

    [Fact]
    public void Parse_CollectorCertFile_NameIsFingerprintAndPublished()
    {
        const string sample = "dir-key-certificate-3/14C131DFC5C6F93646BE72FA1401C02A8DF2E8B4-2011-04-21-15-27-55";
        var cert = Assert.Single(Parse(sample));
        Assert.Equal(Path.GetFileName(sample), $"{cert.Fingerprint}-{cert.Published:yyyy-MM-dd-HH-mm-ss}");
    }

    [Fact]
    public void Parse_TestNetworkConsensus_SignaturesNameCertificatesBySigningKeyDigest()
    {
        // stem-cached-certs are the test network's authorities of stem-cached-consensus.
        var certs = Parse("dir-key-certificate-3/stem-cached-certs").Select(c => c.SigningKeyDigest).ToHashSet(StringComparer.Ordinal);
        var consensus = NetworkStatusParserTests.Parse("network-status-consensus-3/stem-cached-consensus");
        Assert.NotEmpty(consensus.Signatures);
        Assert.Contains(consensus.Signatures, s => certs.Contains(s.SigningKeyDigest));
    }

    internal static List<DirKeyCertificate> Parse(string sample)
    {
        var results = DescriptorFileParser.Parse(SampleFiles.Read(sample), Path.GetFileName(sample)).ToList();
        var bad = results.OfType<UnparseableDescriptor>().Select(u => $"line {u.LineNumber}: {u.Reason}").ToList();
        Assert.True(bad.Count == 0, $"{sample}: unparseable: {string.Join("; ", bad.Take(5))}");
        return results.Cast<DirKeyCertificate>().ToList();
    }
}
