using System.Globalization;
using System.Text;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.Torperf;

namespace TorMetrics.Tests.Descriptors;

/// <summary>stem cannot read torperf files, so these check against the samples' own text and CollecTor's naming rules.</summary>
public class TorperfParserTests
{
    private const string Moria = "torperf/moria-1048576-2016-10-05.tpf";
    private const string OnionPerf = "torperf/op-nl-1048576-2017-04-11.tpf";

    public static TheoryData<string> Samples() => [.. SampleFiles.FilesUnder("torperf")];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Parse_CollecTorFile_OneResultPerLineMatchingFileName(string sample)
    {
        byte[] bytes = SampleFiles.Read(sample);
        var all = DescriptorFileParser.Parse(bytes, Path.GetFileName(sample)).ToList();
        string[] lines = Encoding.ASCII.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Count(l => !l.StartsWith('@')), all.Count);

        // CollecTor's own test fixture hides one result under "@type torperf 0.9": another major version, so not read.
        var unparseable = all.OfType<UnparseableDescriptor>().ToList();
        Assert.All(unparseable, u => Assert.Equal("unsupported major version 0 of torperf", u.Reason));
        Assert.Equal(lines.Count(l => l.StartsWith("@type torperf 0.", StringComparison.Ordinal)), unparseable.Count);
        var results = all.OfType<TorperfResult>().ToList();
        Assert.Equal(all.Count - unparseable.Count, results.Count);

        // CollecTor accepts a .tpf only if every result has the name's SOURCE and FILESIZE and starts on its date.
        var name = System.Text.RegularExpressions.Regex.Match(Path.GetFileNameWithoutExtension(sample), @"^(.+)-(\d+)-(\d{4}-\d{2}-\d{2})$");
        Assert.True(name.Success);
        var date = DateOnly.ParseExact(name.Groups[3].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.All(results, r =>
        {
            Assert.Equal(name.Groups[1].Value, r.Source);
            Assert.Equal(name.Groups[2].Value, r.Values["FILESIZE"]);
            Assert.Equal(DescriptorKind.Torperf, r.Kind);
            Assert.Equal("torperf", r.Raw.TypeAnnotation!.Name);
            Assert.Equal(date, DateOnly.FromDateTime(r.Start));
            Assert.True(r.DataComplete > r.Start);
            Assert.Equal(3, r.Path.Count);
            Assert.Equal(r.Values["FILESIZE"], r.FileSize.ToString(CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public void Parse_TorperfLine_AllFieldsRead()
    {
        var r = Assert.IsType<TorperfResult>(DescriptorFileParser.Parse(SampleFiles.Read(Moria), "moria-1048576-2016-10-05.tpf").First());
        Assert.Equal("moria", r.Source);
        Assert.Equal(1048576, r.FileSize);
        Assert.Equal(Unix(1475625721.63m), r.Start);
        Assert.Equal(DateTimeKind.Utc, r.Start.Kind);
        Assert.Equal(Unix(1475625721.63m), r.Socket);
        Assert.Equal(Unix(1475625722.21m), r.Response);
        Assert.Equal(Unix(1475625722.71m), r.DataResponse);
        Assert.Equal(Unix(1475625728.97m), r.DataComplete);
        Assert.Equal(TimeSpan.FromMilliseconds(7340), r.DownloadTime);
        Assert.Equal(74, r.WriteBytes);
        Assert.Equal(1048873, r.ReadBytes);
        Assert.False(r.DidTimeout);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => i * 10), r.DataPercentiles.Keys.Order());
        Assert.Equal(Unix(1475625727.25m), r.DataPercentiles[50]);
        Assert.Equal(Unix(1475624521.56m), r.Launch);
        Assert.Equal(Unix(1475625728.98m), r.UsedAt);
        Assert.Equal(["623182A9E4052E46A378EA2E69BB848377D2728A", "06A96FD6EEA33404356A05BBA1623D96A282D1F3", "E41B16F7DDF52EBB1DB4268AB2FE340B37AD8904"], r.Path);
        Assert.Equal([0.658563137054, 1.08981704712, 1.52948904037], r.BuildTimes);
        Assert.Equal(1500, r.Timeout);
        Assert.Equal(0.8, r.Quantile);
        Assert.Equal(1166, r.CircuitId);
        Assert.Equal(2768, r.UsedBy);
        Assert.Null(r.EndpointRemote);
        Assert.Equal(31, r.Values.Count);
        Assert.Equal(2, r.Raw.LineNumber);
    }

    [Fact]
    public void Parse_OnionPerfLine_Version11Fields()
    {
        var r = Parse(SampleFiles.Read(OnionPerf), "op-nl-1048576-2017-04-11.tpf")[0];
        Assert.Equal(1, r.Raw.TypeAnnotation!.Minor);
        Assert.Equal("localhost:127.0.0.1:48934", r.EndpointLocal);
        Assert.Equal("localhost:127.0.0.1:43531", r.EndpointProxy);
        Assert.Equal("5klxwn5wiwnd4xkm.onion:0.0.0.0:80", r.EndpointRemote);
        Assert.Equal("op-nl", r.HostnameLocal);
        Assert.Equal("op-nl", r.HostnameRemote);
        Assert.Equal("unknown", r.SourceAddress);
        Assert.Equal(Unix(1491891873.58m), r.DataPercentiles[0]);
        Assert.Equal(r.DataComplete, r.DataPercentiles[100]);
    }

    [Fact]
    public void Parse_FileWithoutTypeLines_SplitsPerLine()
    {
        // OnionPerf serves .tpf files without annotations; CollecTor adds one @type line per result.
        string text = string.Join('\n', Encoding.ASCII.GetString(SampleFiles.Read(OnionPerf)).Split('\n').Where(l => !l.StartsWith('@')));
        var byName = Parse(Encoding.ASCII.GetBytes(text), "op-nl-1048576-2017-04-11.tpf");
        var byContent = Parse(Encoding.ASCII.GetBytes(text), null);
        Assert.Equal(4, byName.Count);
        Assert.Equal(4, byContent.Count);
        Assert.All(byContent, r => Assert.Null(r.Raw.TypeAnnotation));
        Assert.Equal([1, 2, 3, 4], byName.Select(r => r.Raw.LineNumber));
    }

    [Fact]
    public void Parse_TimedOutDownload_UnreachedMilestonesNull()
    {
        string line = "CONNECT=1475366401.23 DATACOMPLETE=0.0 DATAREQUEST=1475366401.82 DATARESPONSE=0 DIDTIMEOUT=1 FILESIZE=51200 "
            + "NEGOTIATE=1475366401.23 READBYTES=0 REQUEST=1475366401.23 RESPONSE=1475366401.80 SOCKET=1475366401.23 SOURCE=torperf "
            + "START=1475366401.22 WRITEBYTES=75 FUTUREKEY=x";
        var r = Assert.Single(Parse(Encoding.ASCII.GetBytes("@type torperf 1.0\n" + line + "\n"), null));
        Assert.True(r.DidTimeout);
        Assert.Null(r.DataComplete);
        Assert.Null(r.DataResponse);
        Assert.Null(r.DownloadTime);
        Assert.Empty(r.Path);
        Assert.Equal("x", r.Values["FUTUREKEY"]);
    }

    [Theory]
    [InlineData("DATACOMPLETE=1475366403.10 ", "", "missing 'DATACOMPLETE'")]
    [InlineData("DATACOMPLETE=1475366403.10", "DATACOMPLETE=", "'DATACOMPLETE' is not a Unix time")]
    [InlineData("START=1475366401.23", "START=yesterday", "'START' is not a Unix time")]
    [InlineData("START=1475366401.23", "START=0", "'START' must not be 0")]
    [InlineData("FILESIZE=51200", "FILESIZE=51200 FILESIZE=51200", "more than once")]
    [InlineData("DIDTIMEOUT=0", "DIDTIMEOUT", "not KEY=value")]
    [InlineData("PATH=$C799F7DF9CD90979666B7E22682F2E2D387A60C1,", "PATH=$C799F7DF9CD9,", "not a fingerprint")]
    public void Parse_MalformedResult_OnlyThatResultUnparseable(string find, string replace, string reason)
    {
        string text = Encoding.ASCII.GetString(SampleFiles.Read("torperf/torperf-51200-2016-10-02.tpf"));
        int second = text.IndexOf("\n@type", StringComparison.Ordinal);
        string broken = text[..second].Replace(find, replace, StringComparison.Ordinal) + text[second..];
        var results = DescriptorFileParser.Parse(Encoding.ASCII.GetBytes(broken), "torperf-51200-2016-10-02.tpf").ToList();
        var bad = Assert.IsType<UnparseableDescriptor>(results[0]);
        Assert.Contains(reason, bad.Reason, StringComparison.Ordinal);
        Assert.Equal(2, bad.LineNumber);
        Assert.All(results.Skip(1), r => Assert.IsType<TorperfResult>(r));
    }

    private static DateTime Unix(decimal seconds) => DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));

    private static List<TorperfResult> Parse(byte[] bytes, string? fileName)
    {
        var results = DescriptorFileParser.Parse(bytes, fileName).ToList();
        Assert.All(results, r => Assert.False(r is UnparseableDescriptor u, (r as UnparseableDescriptor)?.Reason));
        return results.Cast<TorperfResult>().ToList();
    }
}
