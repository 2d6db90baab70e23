using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.BandwidthFiles;

namespace TorMetrics.Tests.Descriptors;

public class BandwidthFileParserTests
{
    public static TheoryData<string> StemSamples() => [.. StemExpected.SamplesWithExpectations("bandwidth-file")];

    /// <summary>Bandwidth files written by sbws, Torflow and our oracle runs, beyond the stem-checked ones.</summary>
    public static TheoryData<string> OtherSamples() =>
    [
        .. SampleFiles.FilesUnder("sbws/oracle-expected"),
        .. SampleFiles.FilesUnder("sbws/stem-tests"),
        "sbws/sbws-tests/dot-sbws/v3bw/20190325_130909.v3bw",
        "sbws/sbws-docs/v3bw-0.1.0-example.txt",
    ];

    [Theory]
    [MemberData(nameof(StemSamples))]
    public void Parse_StemSample_MatchesStemFields(string sample)
    {
        var expected = StemExpected.Load(sample);
        var file = ParseOne(SampleFiles.Read(sample), Path.GetFileName(sample));
        var document = expected[0];
        var entries = expected.Skip(1).ToList();
        var m = new Mismatches();
        m.Equal("document", document.Str("record"), "record");
        m.Equal(document.Str("timestamp"), StemExpected.Stamp(file.Timestamp), "timestamp");
        m.Equal(document.Str("version"), file.Version, "version");
        m.Equal(document.Str("software"), file.Software, "software");
        m.Equal(document.Str("software_version"), file.SoftwareVersion, "software_version");
        m.SameSet(
            document.GetProperty("header").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}"),
            file.Header.Select(p => $"{p.Key}={p.Value}"),
            "header");
        m.Equal(document.Long("entry_count"), (long?)file.Relays.Count, "entry_count");
        m.Equal(entries.Count, file.Relays.Count, "relay lines");

        // stem keeps relays in a dictionary keyed by fingerprint; its dump lists them in file order.
        foreach (var (e, relay) in entries.Zip(file.Relays))
        {
            string where = $"line {relay.LineNumber}";
            m.Equal(e.Str("fingerprint"), relay.Fingerprint, where + " fingerprint");
            m.Equal(e.Str("bw"), relay.Bandwidth.ToString(System.Globalization.CultureInfo.InvariantCulture), where + " bw");
            m.Equal(e.Str("nick"), relay.Nickname, where + " nick");
            m.SameSet(
                e.EnumerateObject().Where(p => p.Name is not ("record" or "type" or "fingerprint")).Select(p => $"{p.Name}={p.Value.GetString()}"),
                relay.Values.Select(p => $"{p.Key}={p.Value}"),
                where + " key=values");
        }

        m.AssertNone(10);
        Assert.Empty(file.UnrecognizedLines);
    }

    [Theory]
    [MemberData(nameof(OtherSamples))]
    public void Parse_ScannerOutput_EveryLineUnderstood(string sample)
    {
        byte[] bytes = SampleFiles.Read(sample);
        var file = ParseOne(bytes, Path.GetFileName(sample), DescriptorKind.BandwidthFile);
        Assert.NotEmpty(file.Relays);
        Assert.Empty(file.UnrecognizedLines);

        // Every non-blank line after the timestamp is a header line, the terminator or a relay line.
        int lines = Encoding.ASCII.GetString(bytes).Split('\n').Count(l => l.Trim().Length > 0 && !l.StartsWith('@'));
        Assert.Equal(lines, 1 + file.Header.Count + (file.Terminator is null ? 0 : 1) + file.Relays.Count);
        Assert.All(file.Relays, r => Assert.True(r.Fingerprint is { Length: 40 } || r.MasterKeyEd25519 is not null));
    }

    [Fact]
    public void Parse_CollecTorFile_TypedHeaderValues()
    {
        var file = ParseOne(SampleFiles.Read("bandwidth-file/2019-05-14-12-35-04-bandwidth-376B05F867C6E06C816DD2FF7A5C7B88D9829D958F0DA2F73BDFFD2C3B49D217"));
        Assert.Equal(DescriptorKind.BandwidthFile, file.Kind);
        Assert.Equal("bandwidth-file", file.Raw.TypeAnnotation!.Name);
        Assert.Equal(new DateTime(2019, 5, 14, 12, 34, 55, DateTimeKind.Utc), file.Timestamp);
        Assert.Equal(DateTimeKind.Utc, file.Timestamp.Kind);
        Assert.Equal(new DateTime(2019, 5, 14, 12, 35, 4, DateTimeKind.Utc), file.FileCreated);
        Assert.Equal(new DateTime(2019, 4, 20, 11, 40, 1, DateTimeKind.Utc), file.GeneratorStarted);
        Assert.Equal(new DateTime(2019, 5, 9, 12, 35, 5, DateTimeKind.Utc), file.EarliestBandwidth);
        Assert.Equal(file.Timestamp, file.LatestBandwidth);
        Assert.Equal("=====", file.Terminator);
        Assert.Equal(6418, file.HeaderInt64("number_eligible_relays"));
        Assert.Null(file.HeaderInt64("scanner_country"));
        var first = file.Relays[0];
        Assert.Equal(1, first.Bandwidth);
        Assert.Equal(184684, first.GetInt64("bw_mean"));
        Assert.True(first.MeasuredAt <= file.Timestamp);
        Assert.True(first.Vote);
    }

    [Fact]
    public void Parse_TorflowFile_MeasuredAtFromUnixSeconds()
    {
        var file = ParseOne(SampleFiles.Read("bandwidth-file/stem-bandwidth_file_v1.0"), "stem-bandwidth_file_v1.0");
        Assert.Equal("1.0.0", file.Version);
        Assert.Null(file.Software);
        Assert.Null(file.Terminator);
        Assert.Empty(file.Header);
        var first = file.Relays[0];
        Assert.Equal("221C91D4C51E4C73CB6A8F0BEE01B0A6BB4A8476", first.Fingerprint);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1546325250), first.MeasuredAt);
        Assert.Equal(4.88593489094, first.GetDouble("pid_error"));
        Assert.Equal("/scanner.3/scan-data/bws-29.1:29.9-done-2019-01-01-00:47:30", first.Values["scanner"]);
    }

    [Fact]
    public void Parse_Sbws19DiagnosticLines_VoteAndUnmeasuredFlags()
    {
        // sbws 1.9.0 writes node_id without '$' and adds lines that authorities must not vote.
        var file = ParseOne(SampleFiles.Read("sbws/oracle-expected/synthetic_torflow_default_consensus.v3bw"), kind: DescriptorKind.BandwidthFile);
        Assert.Equal("1.9.0", file.Version);
        var r7 = Assert.Single(file.Relays, r => r.Nickname == "R7ERR");
        Assert.Equal("7777777777777777777777777777777777777777", r7.Fingerprint);
        Assert.False(r7.Vote);
        Assert.True(r7.Unmeasured);
        Assert.Equal(1, r7.Bandwidth);
        var r1 = Assert.Single(file.Relays, r => r.Nickname == "R1");
        Assert.True(r1.Vote);
        Assert.Equal(0.33, r1.GetDouble("r_strm"));
    }

    [Fact]
    public void Parse_FourCharacterTerminator_EndsHeader()
    {
        var file = ParseOne(Encoding.ASCII.GetBytes(
            "1523911758\nversion=1.1.0\nsoftware=sbws\n====\nbw=38 node_id=$68A483E05A2ABDCA6DA5A3EF8DB5177638A27F80 nick=Test time=2018-04-16T18:49:18\n"));
        Assert.Equal("====", file.Terminator);
        Assert.Equal(2, file.Header.Count);
        var relay = Assert.Single(file.Relays);
        Assert.Equal(new DateTime(2018, 4, 16, 18, 49, 18, DateTimeKind.Utc), relay.MeasuredAt);
        Assert.Equal(5, relay.LineNumber);
    }

    [Fact]
    public void Parse_EarlySbwsWithoutTerminator_HeaderEndsAtFirstRelay()
    {
        var file = ParseOne(SampleFiles.Read("sbws/sbws-docs/v3bw-0.1.0-example.txt"), kind: DescriptorKind.BandwidthFile);
        Assert.Equal("0.1.0", file.Version);
        Assert.Single(file.Header);
        Assert.Equal(10, file.Relays.Count);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1524107856), file.Relays[0].MeasuredAt);
    }

    [Theory]
    [InlineData("node_id=$68A483E05A2ABDCA6DA5A3EF8DB5177638A27F80 nick=NoBw")]
    [InlineData("bw=10 nick=NoId")]
    [InlineData("bw=10 node_id=$68A483E05A2ABDCA6DA5A3EF8DB5177638A27F8")]
    [InlineData("bw=10 bw=11 node_id=$68A483E05A2ABDCA6DA5A3EF8DB5177638A27F80")]
    [InlineData("bw=-1 node_id=$68A483E05A2ABDCA6DA5A3EF8DB5177638A27F80")]
    [InlineData("bw=10 node_id=$68A483E05A2ABDCA6DA5A3EF8DB5177638A27F80 garbage")]
    public void Parse_InvalidRelayLine_KeptAsUnrecognizedOthersParsed(string badLine)
    {
        var file = ParseOne(Encoding.ASCII.GetBytes(
            "1523911758\nversion=1.4.0\n=====\n" + badLine + "\nbw=7 node_id=$96C6D5B1C6C7B5A8E5F9A3E1E8C6D4B2A1F0E9D8\n"));
        Assert.Equal([badLine], file.UnrecognizedLines);
        Assert.Equal("96C6D5B1C6C7B5A8E5F9A3E1E8C6D4B2A1F0E9D8", Assert.Single(file.Relays).Fingerprint);
    }

    [Fact]
    public void Parse_DuplicateRelay_BothLinesKept()
    {
        // stem rejects the file; tor applies both lines so the last wins. We keep both, in order.
        var file = ParseOne(Encoding.ASCII.GetBytes(
            "1523911758\nbw=1 node_id=$96C6D5B1C6C7B5A8E5F9A3E1E8C6D4B2A1F0E9D8\nbw=2 node_id=$96C6D5B1C6C7B5A8E5F9A3E1E8C6D4B2A1F0E9D8\n"),
            kind: DescriptorKind.BandwidthFile);
        Assert.Equal([1L, 2L], file.Relays.Select(r => r.Bandwidth));
    }

    [Theory]
    [InlineData("version=1.4.0\n=====\n")]
    [InlineData("2019-05-14T12:35:04\nversion=1.4.0\n")]
    public void Parse_FirstLineNotTimestamp_Unparseable(string text)
    {
        var result = Assert.Single(DescriptorFileParser.Parse(Encoding.ASCII.GetBytes(text), DescriptorKind.BandwidthFile));
        var bad = Assert.IsType<UnparseableDescriptor>(result);
        Assert.Contains("Unix timestamp", bad.Reason, StringComparison.Ordinal);
        Assert.Equal(1, bad.LineNumber);
    }

    [Fact]
    public void Parse_AnnotatedFile_DigestOverBytesAfterTypeLine()
    {
        const string body = "1523911758\nversion=1.4.0\n=====\nbw=7 node_id=$96C6D5B1C6C7B5A8E5F9A3E1E8C6D4B2A1F0E9D8\n";
        var file = ParseOne(Encoding.ASCII.GetBytes("@type bandwidth-file 1.0\n" + body));
        byte[] expected = SHA256.HashData(Encoding.ASCII.GetBytes(body));
        Assert.Equal(Convert.ToHexString(expected), file.DigestSha256Hex);
        Assert.Equal(Convert.ToBase64String(expected).TrimEnd('='), file.DigestSha256Base64);
    }

    [Fact]
    public void Parse_CroppedCollecTorFile_DigestNoLongerMatchesName()
    {
        // stem cropped its CollecTor fixtures, so the SHA-256 in their names is that of the uncropped file.
        const string sample = "bandwidth-file/2019-05-14-11-43-39-bandwidth-1997D0509203B29E02FE5CAB27C07CBD8365C5751135264D3AC70BA3E1638B41";
        byte[] bytes = SampleFiles.Read(sample);
        var file = ParseOne(bytes);
        int body = Array.IndexOf(bytes, (byte)'\n') + 1;
        Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes.AsSpan(body))), file.DigestSha256Hex);
        Assert.NotEqual(sample[^64..], file.DigestSha256Hex);
    }

    private static BandwidthFile ParseOne(byte[] bytes, string? fileName = null, DescriptorKind? kind = null)
    {
        var results = kind is { } k ? DescriptorFileParser.Parse(bytes, k, fileName) : DescriptorFileParser.Parse(bytes, fileName);
        var result = Assert.Single(results);
        if (result is UnparseableDescriptor u)
        {
            Assert.Fail($"unparseable at line {u.LineNumber}: {u.Reason}");
        }

        return Assert.IsType<BandwidthFile>(result);
    }
}
