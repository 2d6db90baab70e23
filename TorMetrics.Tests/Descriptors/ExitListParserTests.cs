using System.Text;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.ExitLists;

namespace TorMetrics.Tests.Descriptors;

public class ExitListParserTests
{
    public static TheoryData<string> StemSamples() => [.. StemExpected.SamplesWithExpectations("tordnsel")];

    [Theory]
    [MemberData(nameof(StemSamples))]
    public void Parse_StemSample_MatchesStemEntries(string sample)
    {
        var expected = StemExpected.Load(sample);
        var list = ParseOne(SampleFiles.Read(sample), Path.GetFileName(sample));
        var m = new Mismatches();

        // stem reads each ExitNode block as its own descriptor and has no field for CollecTor's Downloaded line.
        m.Equal(expected.Count, list.Entries.Count, "entries");
        foreach (var (e, entry) in expected.Zip(list.Entries))
        {
            string where = entry.Fingerprint;
            m.Equal(e.Str("fingerprint"), entry.Fingerprint, where + " fingerprint");
            m.Equal(e.Str("published"), StemExpected.Stamp(entry.Published), where + " published");
            m.Equal(e.Str("last_status"), StemExpected.Stamp(entry.LastStatus), where + " last_status");
            m.SameSequence(
                e.GetProperty("exit_addresses").EnumerateArray().Select(a => $"{a[0].GetString()}@{a[1].GetString()}"),
                entry.ExitAddresses.Select(a => $"{a.Address}@{StemExpected.Stamp(a.Scanned)}"),
                where + " exit_addresses");
            m.SameSequence(e.Strings("unrecognized_lines"), entry.UnrecognizedLines, where + " unrecognized_lines");
        }

        m.AssertNone(expected.Count * 5);
        Assert.Empty(list.UnrecognizedLines);
    }

    [Theory]
    [InlineData("tordnsel/2016-09-20-13-02-00", 2016, 9, 20, 13, 2, 0)]
    [InlineData("tordnsel/2017-07-17-17-02-00", 2017, 7, 17, 17, 2, 0)]
    [InlineData("tordnsel/2018-11-01-00-02-01", 2018, 11, 1, 0, 2, 1)]
    public void Parse_CollecTorFile_DownloadedMatchesFileName(string sample, int y, int mo, int d, int h, int mi, int s)
    {
        var list = ParseOne(SampleFiles.Read(sample), Path.GetFileName(sample));
        Assert.Equal(DescriptorKind.TorDnsEl, list.Kind);
        Assert.Equal(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Utc), list.Downloaded);
        Assert.Equal(DateTimeKind.Utc, list.Entries[0].Published.Kind);
        Assert.All(list.Entries, e => Assert.NotEmpty(e.ExitAddresses));
    }

    [Fact]
    public void Parse_BareListWithoutDownloaded_Parses()
    {
        var list = ParseOne(Encoding.ASCII.GetBytes(
            "ExitNode 0011bd2485ad45d984ec4159c88fc066e5e3300e\nPublished 2017-07-17 13:20:49\nLastStatus 2017-07-17 14:03:15\n"
            + "ExitAddress 162.247.72.201 2017-07-17 14:11:38\nFutureKeyword x\n"));
        Assert.Null(list.Downloaded);
        var entry = Assert.Single(list.Entries);
        Assert.Equal("0011BD2485AD45D984EC4159C88FC066E5E3300E", entry.Fingerprint);
        Assert.Equal(["FutureKeyword x"], entry.UnrecognizedLines);
        Assert.Equal(1, entry.LineNumber);
    }

    [Fact]
    public void Parse_WrongTorperfAnnotation_ReadAsExitList()
    {
        // CollecTor wrote exit lists from 2016-10 to 2017-01 with "@type torperf 1.0"; the content decides.
        var list = ParseOne(Encoding.ASCII.GetBytes(
            "@type torperf 1.0\nDownloaded 2016-10-20 13:02:00\nExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\n"
            + "Published 2016-10-20 12:20:49\nLastStatus 2016-10-20 13:03:15\nExitAddress 162.247.72.201 2016-10-20 12:11:38\n"));
        Assert.Equal(DescriptorKind.TorDnsEl, list.Kind);
        Assert.Single(list.Entries);
    }

    [Theory]
    [InlineData("ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\nLastStatus 2017-07-17 14:03:15\n", "lacks 'Published'")]
    [InlineData("ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\nPublished 2017-07-17 13:20:49\n", "lacks 'LastStatus'")]
    [InlineData("ExitNode 0011BD2485AD\nPublished 2017-07-17 13:20:49\nLastStatus 2017-07-17 14:03:15\n", "not 40 hex")]
    [InlineData("ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\nPublished 2017-07-17 13:20:49\nLastStatus 2017-07-17 14:03:15\nExitAddress 162.247.72 2017-07-17 14:11:38\n", "invalid exit address")]
    [InlineData("ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\nPublished 2017-07-17\nLastStatus 2017-07-17 14:03:15\n", "Published timestamp")]
    public void Parse_MalformedEntry_UnparseableWithReason(string text, string reason)
    {
        var result = Assert.Single(DescriptorFileParser.Parse(Encoding.ASCII.GetBytes("Downloaded 2017-07-17 17:02:00\n" + text)));
        var bad = Assert.IsType<UnparseableDescriptor>(result);
        Assert.Equal(DescriptorKind.TorDnsEl, bad.Kind);
        Assert.Contains(reason, bad.Reason, StringComparison.Ordinal);
    }

    private static ExitList ParseOne(byte[] bytes, string? fileName = null)
    {
        var result = Assert.Single(DescriptorFileParser.Parse(bytes, fileName));
        if (result is UnparseableDescriptor u)
        {
            Assert.Fail($"unparseable at line {u.LineNumber}: {u.Reason}");
        }

        return Assert.IsType<ExitList>(result);
    }
}
