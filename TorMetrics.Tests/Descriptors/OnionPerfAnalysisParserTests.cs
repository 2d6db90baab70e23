using System.Diagnostics;
using System.Text;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.OnionPerf;

namespace TorMetrics.Tests.Descriptors;

/// <summary>stem cannot read OnionPerf JSON; expected values below were read from the samples with a JSON viewer.</summary>
public class OnionPerfAnalysisParserTests
{
    private const string Version3 = "onionperf/2020-07-13.op-nl-test1.onionperf.analysis.json.xz";
    private const string Version2 = "onionperf/onionperf.analysis.json.xz";

    [Theory]
    [InlineData(Version3, "3.0", "op-nl-test1", 2, 1, 2)]
    [InlineData(Version2, "2.0", "op-nl2", 3, 59, 7)]
    public void Parse_Sample_CountsAndSource(string sample, string version, string source, int transfers, int circuits, int streams)
    {
        var analysis = ParseOne(Decompress(sample), Path.GetFileName(sample));
        Assert.Equal(DescriptorKind.OnionPerfAnalysis, analysis.Kind);
        Assert.Equal("onionperf", analysis.Type);
        Assert.Equal(version, analysis.Version);
        var s = Assert.Single(analysis.Sources);
        Assert.Equal(source, s.Name);
        Assert.Equal("unknown", s.MeasurementIp);
        Assert.Equal(transfers, s.Transfers.Count);
        Assert.Equal(circuits, s.Circuits.Count);
        Assert.Equal(streams, s.Streams.Count);
        Assert.All(s.Circuits, c => Assert.All(c.Path, h => Assert.Matches("^[0-9A-F]{40}$", h.Fingerprint)));
    }

    [Fact]
    public void Parse_Version3Stream_NormalisedLikeVersion2()
    {
        var s = Assert.Single(ParseOne(Decompress(Version3)).Sources);
        var ok = s.Transfers.Single(t => t.IsSuccess);
        Assert.StartsWith("155:9:", ok.Id, StringComparison.Ordinal);
        Assert.Equal(Unix(1594633118.412361m), ok.Start);
        Assert.Equal(Unix(1594633145.461114m), ok.End);
        Assert.Equal(DateTimeKind.Utc, ok.Start.Kind);
        Assert.Equal("NONE", ok.ErrorCode);
        Assert.Equal(5242880, ok.FileSize);
        Assert.Equal(5242990, ok.TotalBytesRead);
        Assert.Equal(2174, ok.TotalBytesWritten);
        Assert.Equal("localhost:127.0.0.1:46222", ok.EndpointLocal);
        Assert.Equal("jjsvldkkjd3lxy6gljy6xmhrn5mnirzgj2mrftrx2bf3n4bbx53fxzad.onion:0.0.0.0:8080", ok.EndpointRemote);
        Assert.Equal(27.048753, ok.Milestones["last_byte"]);
        Assert.Equal(5.227359, ok.Milestones["first_byte"]);
        Assert.Equal(0.000027, ok.Milestones["socket_create"]);
        Assert.False(ok.Milestones.ContainsKey("first_byte_send"));
        Assert.Equal(TimeSpan.FromSeconds(27.048753), ok.DownloadTime);
        Assert.Equal(15.876824, ok.PayloadProgress[0.5m]);
        Assert.Equal(9.151838, ok.PayloadBytes[1048576]);

        var failed = s.Transfers.Single(t => !t.IsSuccess);
        Assert.True(failed.IsError);
        Assert.Equal("PROXY", failed.ErrorCode);
        Assert.Null(failed.DownloadTime);
        Assert.False(failed.Milestones.ContainsKey("response"));
        Assert.Empty(failed.PayloadProgress);
    }

    [Fact]
    public void Parse_Version3Tor_CircuitAndStreamJoinTransfer()
    {
        var s = Assert.Single(ParseOne(Decompress(Version3)).Sources);
        var circuit = Assert.Single(s.Circuits);
        Assert.Equal(1008, circuit.Id);
        Assert.Equal(1500, circuit.BuildTimeout);
        Assert.Equal(0.8, circuit.BuildQuantile);
        Assert.Equal(3, circuit.Path.Count);
        Assert.Equal(new OnionPerfHop("65888719E2F619E6198F1045A93AF0176C05354D", "volpeTORServer", 0.6200001239776611), circuit.Path[0]);

        // A transfer joins its Tor stream by client port; the stream names its circuit.
        var ok = s.Transfers.Single(t => t.IsSuccess);
        string port = ok.EndpointLocal!.Split(':')[^1];
        var stream = Assert.Single(s.Streams, st => st.Source?.EndsWith(":" + port, StringComparison.Ordinal) == true);
        Assert.Equal(1498, stream.Id);
        Assert.Equal(circuit.Id, stream.CircuitId);

        var timedOut = s.Streams.Single(st => st.Id == 1510);
        Assert.Null(timedOut.CircuitId);
        Assert.Equal("TIMEOUT", timedOut.FailureReasonLocal);
    }

    [Fact]
    public void Parse_Version2Transfer_MilestonesAndFailures()
    {
        var s = Assert.Single(ParseOne(Decompress(Version2)).Sources);
        var t = s.Transfers.Single(x => x.Id == "transfer1m:1");
        Assert.True(t.IsSuccess);
        Assert.Equal(1048576, t.FileSize);
        Assert.Equal(1048643, t.TotalBytesRead);
        Assert.Equal(53, t.TotalBytesWritten);
        Assert.Equal("op-nl2", t.HostnameLocal);
        Assert.Equal("m3eahz7co6lzi6jn.onion:0.0.0.0:443", t.EndpointRemote);
        Assert.Equal(6.253237, t.Milestones["last_byte"]);
        Assert.Equal(1.8e-05, t.Milestones["socket_create"]);
        Assert.False(t.Milestones.ContainsKey("payload_bytes"));
        Assert.Equal(6.252907991409302, t.PayloadProgress[1.0m]);
        Assert.Equal(7, t.PayloadBytes.Count);
        Assert.Equal(Unix(1587991280.369422m), t.Start);

        Assert.Equal("PROXY", s.Transfers.Single(x => x.Id == "transfer50k:2").ErrorCode);
        var failed = s.Circuits.Single(c => c.Id == 78);
        Assert.Equal("DESTROYED", failed.FailureReasonLocal);
        Assert.Equal("CHANNEL_CLOSED", failed.FailureReasonRemote);
        Assert.Equal("Geoff2", Assert.Single(failed.Path).Nickname);
        var directory = s.Streams.First(st => st.Target?.EndsWith(".exit:9001", StringComparison.Ordinal) == true);
        Assert.Null(directory.Source);
    }

    [Fact]
    public void Parse_DecompressedWithoutName_DetectedFromContent()
    {
        var analysis = ParseOne(Decompress(Version2), fileName: null);
        Assert.Equal("2.0", analysis.Version);
    }

    [Theory]
    [InlineData("{\"type\": \"onionperf\", \"version\": \"3.0\", \"data\": {", "not valid JSON")]
    [InlineData("{\"type\": \"onionperf\", \"version\": \"3.0\"}", "missing 'data' object")]
    [InlineData("{\"type\": \"tgen\", \"version\": \"3.0\", \"data\": {}}", "expected 'onionperf'")]
    [InlineData("{\"type\": \"onionperf\", \"data\": {}}", "missing 'version'")]
    [InlineData("{\"type\": \"onionperf\", \"version\": \"3.0\", \"data\": {\"x\": {\"tor\": {\"circuits\": {\"5\": {\"path\": [[\"$ABC~n\", 1]], \"unix_ts_start\": 1}}}}}}", "has no fingerprint")]
    [InlineData("{\"type\": \"onionperf\", \"version\": \"3.0\", \"data\": {\"x\": {\"tgen\": {\"streams\": {\"a\": {\"is_success\": true}}}}}}", "missing 'unix_ts_start'")]
    public void Parse_MalformedJson_UnparseableWithReason(string json, string reason)
    {
        var result = Assert.Single(DescriptorFileParser.Parse(Encoding.UTF8.GetBytes(json), "2020-07-13.x.onionperf.analysis.json"));
        var bad = Assert.IsType<UnparseableDescriptor>(result);
        Assert.Equal(DescriptorKind.OnionPerfAnalysis, bad.Kind);
        Assert.Contains(reason, bad.Reason, StringComparison.Ordinal);
    }

    private static DateTime Unix(decimal seconds) => DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));

    private static OnionPerfAnalysis ParseOne(byte[] bytes, string? fileName = "2020-07-13.op-nl-test1.onionperf.analysis.json")
    {
        var result = Assert.Single(DescriptorFileParser.Parse(bytes, fileName));
        if (result is UnparseableDescriptor u)
        {
            Assert.Fail($"unparseable at line {u.LineNumber}: {u.Reason}");
        }

        return Assert.IsType<OnionPerfAnalysis>(result);
    }

    // The parser takes decompressed bytes (callers decompress); .NET has no xz codec, so the system xz does it here.
    internal static byte[] Decompress(string sample)
    {
        var psi = new ProcessStartInfo("xz", ["-dc", SampleFiles.PathOf(sample)])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start xz");
        using var buffer = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(buffer);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return buffer.ToArray();
    }
}
