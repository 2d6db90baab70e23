using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.BridgeNetworkStatuses;

namespace TorMetrics.Tests.Descriptors;

public class BridgeNetworkStatusParserTests
{
    public static TheoryData<string> Samples() => [.. StemExpected.SamplesWithExpectations("bridge-network-status")];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Parse_StemSample_MatchesStemFields(string sample)
    {
        var expected = StemExpected.Load(sample);
        var status = Parse(sample);
        var m = new Mismatches();
        m.Equal(expected[0].Str("published"), StemExpected.Stamp(status.Published), sample + " published");

        // stem mistakes the header lines flag-thresholds and fingerprint for an empty router entry
        // (and counts it in entry_count); we read them as the header. Check them against that pseudo-entry.
        var stemEntries = expected.Skip(1).ToList();
        var pseudo = stemEntries.Where(e => e.Str("fingerprint") is null).ToList();
        foreach (var p in pseudo)
        {
            foreach (string line in p.Strings("unrecognized_lines"))
            {
                if (line.StartsWith("fingerprint ", StringComparison.Ordinal))
                {
                    m.Equal(line["fingerprint ".Length..], status.AuthorityFingerprint, sample + " authority fingerprint");
                }
                else if (line.StartsWith("flag-thresholds ", StringComparison.Ordinal))
                {
                    m.SameSet(line.Split(' ').Skip(1), status.FlagThresholds.Select(t => $"{t.Key}={t.Value}"), sample + " flag-thresholds");
                }
                else
                {
                    m.Fail($"{sample}: unexpected stem header line {line}");
                }
            }
        }

        var real = stemEntries.Where(e => e.Str("fingerprint") is not null).ToList();
        Assert.Equal(real.Count, status.Entries.Count);
        m.Equal(expected[0].Long("entry_count") - pseudo.Count, (long)status.Entries.Count, sample + " entry_count");
        for (int i = 0; i < real.Count; i++)
        {
            var e = real[i];
            var r = status.Entries[i];
            string where = $"{sample} entry#{i}";
            m.Equal(e.Str("nickname"), r.Nickname, where + " nickname");
            m.Equal(e.Str("fingerprint"), r.Fingerprint, where + " fingerprint");
            m.Equal(e.Str("descriptor_digest_hex"), r.DescriptorDigestSha1Hex, where + " digest");
            m.Equal(e.Str("published"), StemExpected.Stamp(r.Published), where + " published");
            m.Equal(e.Str("address"), r.Address, where + " address");
            m.Equal(e.Long("or_port"), (long)r.OrPort, where + " or_port");
            m.Equal(e.Long("dir_port") ?? 0, (long)r.DirPort, where + " dir_port");
            m.SameSequence(e.Strings("flags"), r.Flags, where + " flags");
            m.Equal(e.Str("version_line"), r.VersionLine, where + " version_line");
            Assert.Empty(r.UnrecognizedLines);

            // stem's v2 entry type does not know w, p and a lines; we parse them.
            foreach (string line in e.Strings("unrecognized_lines"))
            {
                if (line.StartsWith("w Bandwidth=", StringComparison.Ordinal))
                {
                    m.Equal(long.Parse(line[12..], System.Globalization.CultureInfo.InvariantCulture), r.Bandwidth, where + " w");
                }
                else if (line.StartsWith("p ", StringComparison.Ordinal))
                {
                    m.Equal(line[2..], r.ExitPolicySummary, where + " p");
                }
                else if (line.StartsWith("a ", StringComparison.Ordinal))
                {
                    m.Equal(true, r.OrAddresses.Any(a => line[2..] == $"[{a.Address}]:{a.Port}" || line[2..] == $"{a.Address}:{a.Port}"), where + " a " + line);
                }
                else
                {
                    m.Fail($"{where}: stem line we don't model: {line}");
                }
            }
        }

        m.AssertNone(real.Count * 9);
    }

    [Fact]
    public void Parse_OldFormatWithoutFingerprintLine_AuthorityFromFileName()
    {
        byte[] bytes = SampleFiles.Read("bridge-network-status/stem-bridge_network_status");
        var status = Assert.IsType<BridgeNetworkStatus>(Assert.Single(
            DescriptorFileParser.Parse(bytes, "20120601-040704-4A0CCD2DDC7995083D73F5D667100C8A5831F16D")));
        Assert.Equal("4A0CCD2DDC7995083D73F5D667100C8A5831F16D", status.AuthorityFingerprint);
        Assert.Equal(4, status.Entries.Count);
    }

    private static BridgeNetworkStatus Parse(string sample)
    {
        var result = Assert.Single(DescriptorFileParser.Parse(SampleFiles.Read(sample), Path.GetFileName(sample)));
        if (result is UnparseableDescriptor u)
        {
            Assert.Fail($"{sample}: line {u.LineNumber}: {u.Reason}");
        }

        return Assert.IsType<BridgeNetworkStatus>(result);
    }
}
