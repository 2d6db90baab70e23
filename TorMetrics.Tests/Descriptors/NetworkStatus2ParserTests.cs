using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.NetworkStatuses2;

namespace TorMetrics.Tests.Descriptors;

/// <summary>stem reads v2 statuses but no stem-expected file exists for the sample; expectations come from its text.</summary>
public class NetworkStatus2ParserTests
{
    private const string Sample = "network-status-2/stem-cached-consensus-v2";

    [Fact]
    public void Parse_StemSample_HeaderAndEntries()
    {
        var s = ParseOne(SampleFiles.Read(Sample));
        Assert.Equal(DescriptorKind.NetworkStatus2, s.Kind);
        Assert.Equal("18.244.0.114", s.DirSourceHostname);
        Assert.Equal("18.244.0.114", s.DirSourceAddress);
        Assert.Equal(80, s.DirSourceDirPort);
        Assert.Equal("719BE45DE224B607C53707D0E2143E2D423E74CF", s.Fingerprint);
        Assert.Equal("arma at mit dot edu", s.Contact);
        Assert.Equal(new DateTime(2005, 12, 16, 0, 13, 46, DateTimeKind.Utc), s.Published);
        Assert.Equal(["Names", "Versions"], s.DirOptions);
        Assert.Equal("0.0.9rc2", s.ClientVersions[0]);
        Assert.Equal("0.1.1.10-alpha-cvs", s.ServerVersions[^1]);
        Assert.Equal(s.ClientVersions, s.ServerVersions);
        Assert.Equal("moria2", s.SignatureNickname);
        Assert.Empty(s.UnrecognizedLines);

        Assert.Equal(["moria2", "stnv", "nggrplz"], s.Entries.Select(e => e.Nickname));
        var moria2 = s.Entries[0];
        Assert.Equal("719BE45DE224B607C53707D0E2143E2D423E74CF", moria2.Fingerprint);
        Assert.Equal(new DateTime(2005, 12, 15, 6, 57, 18, DateTimeKind.Utc), moria2.Published);
        Assert.Equal("18.244.0.114", moria2.Address);
        Assert.Equal(443, moria2.OrPort);
        Assert.Equal(80, moria2.DirPort);
        Assert.Equal(["Authority", "Fast", "Named", "Running", "Valid", "V2Dir"], moria2.Flags);
        Assert.Equal(["Named", "Valid"], s.Entries[1].Flags);
        Assert.Equal(0, s.Entries[1].DirPort);
    }

    [Fact]
    public void Parse_StemSample_DigestOverSignedRangeAndSignatureOpensWithKey()
    {
        var s = ParseOne(SampleFiles.Read(Sample));
        string text = Text();
        int start = text.IndexOf("network-status-version", StringComparison.Ordinal);
        int end = text.IndexOf("directory-signature moria2\n", StringComparison.Ordinal) + "directory-signature moria2\n".Length;
        Assert.Equal(Convert.ToHexString(SHA1.HashData(Encoding.ASCII.GetBytes(text[start..end]))), s.DigestSha1Hex);

        // v2 authorities sign the SHA-1 with PKCS#1 v1.5 padding and no DigestInfo. The signature opens with the
        // parsed key to a well-formed block, but the digest inside is not ours: stem cut the 2005 status down to
        // three entries, so the signature no longer covers these bytes.
        using var rsa = RSA.Create();
        rsa.ImportRSAPublicKey(Convert.FromBase64String(s.DirSigningKey), out _);
        var key = rsa.ExportParameters(false);
        var n = new BigInteger(key.Modulus, isUnsigned: true, isBigEndian: true);
        var e = new BigInteger(key.Exponent, isUnsigned: true, isBigEndian: true);
        var m = BigInteger.ModPow(new BigInteger(Convert.FromBase64String(s.Signature), isUnsigned: true, isBigEndian: true), e, n);
        byte[] block = m.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.Equal(key.Modulus!.Length - 1, block.Length);
        Assert.Equal(1, block[0]);
        Assert.Equal(0, block[^21]);
        Assert.All(block[1..^21], b => Assert.Equal(0xFF, b));
        Assert.NotEqual(s.DigestSha1Hex, Convert.ToHexString(block[^20..]));
    }

    [Theory]
    [InlineData("published 2005-12-16 00:13:46\n", "", "missing 'published'")]
    [InlineData("network-status-version 2\n", "network-status-version 3\n", "network-status-version 2")]
    [InlineData("fingerprint 719BE45DE224B607C53707D0E2143E2D423E74CF\n", "fingerprint 719BE45D\n", "not 40 hex")]
    [InlineData("directory-signature moria2\n", "directory-signature\n", "missing nickname")]
    public void Parse_Malformed_UnparseableWithReason(string find, string replace, string reason)
    {
        string text = Text().Replace(find, replace, StringComparison.Ordinal);
        var bad = Assert.IsType<UnparseableDescriptor>(Assert.Single(DescriptorFileParser.Parse(Encoding.ASCII.GetBytes(text), DescriptorKind.NetworkStatus2)));
        Assert.Contains(reason, bad.Reason, StringComparison.Ordinal);
    }

    private static string Text() => Encoding.ASCII.GetString(SampleFiles.Read(Sample));

    private static NetworkStatus2 ParseOne(byte[] bytes)
    {
        var result = Assert.Single(DescriptorFileParser.Parse(bytes, "stem-cached-consensus-v2"));
        Assert.False(result is UnparseableDescriptor, (result as UnparseableDescriptor)?.Reason);
        return Assert.IsType<NetworkStatus2>(result);
    }
}
