using System.IO.Compression;
using System.Text;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.WebStats;

namespace TorMetrics.Tests.Descriptors;

/// <summary>stem cannot read web logs; the metrics-lib fixtures use a fake address, so sanitised lines are built here too.</summary>
public class WebServerAccessLogParserTests
{
    private const string PlainSample = "webstats/xy.host.org_meronense.torproject.org_access.log_20170530.log";
    private const string GzipSample = "webstats/metrics.torproject.org_meronense.torproject.org_access.log_20170531.gz";

    [Fact]
    public void Parse_PlainSample_FileNameAndLines()
    {
        byte[] bytes = SampleFiles.Read(PlainSample);
        var log = ParseOne(bytes, Path.GetFileName(PlainSample));
        Assert.Equal(DescriptorKind.WebStats, log.Kind);
        Assert.Equal("xy.host.org", log.VirtualHost);
        Assert.Equal("meronense.torproject.org", log.PhysicalHost);
        Assert.Equal(new DateOnly(2017, 5, 30), log.LogDate);
        Assert.Equal(Encoding.ASCII.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, log.Lines.Count);
        Assert.Empty(log.UnrecognizedLines);
        var first = log.Lines[0];
        Assert.Equal("123.456.789.0", first.Address);
        Assert.Null(first.Channel);
        Assert.Equal(new DateTime(2017, 5, 30, 6, 32, 39, DateTimeKind.Utc), first.Time);
        Assert.Equal(DateTimeKind.Utc, first.Time.Kind);
        Assert.Equal("GET", first.Method);
        Assert.Equal("/server-status?auto", first.Path);
        Assert.Equal("HTTP/1.1", first.Protocol);
        Assert.Equal(200, first.Status);
        Assert.Equal(2875, first.Size);
        Assert.Equal("-", first.Referrer);
        Assert.Equal("munin/2.0.25-1+deb8u3 (libwww-perl/6.08)", first.UserAgent);
        Assert.Equal(1, first.LineNumber);

        // Apache logs a connection that sent no request (408) with the request "-".
        var timeout = Assert.Single(log.Lines, l => l.Status == 408);
        Assert.Null(timeout.Method);
        Assert.Null(timeout.Path);
        Assert.Equal(0, timeout.Size);
    }

    [Fact]
    public void Parse_GzipSampleAfterDecompression_NameFromCompressedFile()
    {
        using var gzip = new GZipStream(new MemoryStream(SampleFiles.Read(GzipSample)), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        var log = ParseOne(plain.ToArray(), Path.GetFileName(GzipSample));
        Assert.Equal("metrics.torproject.org", log.VirtualHost);
        Assert.Equal(new DateOnly(2017, 5, 31), log.LogDate);
        Assert.Equal(Encoding.ASCII.GetString(plain.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, log.Lines.Count);
        Assert.Empty(log.UnrecognizedLines);
        Assert.Contains(log.Lines, l => l.Path == "/" && l.UserAgent!.StartsWith("check_http", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SanitisedLines_ChannelAndMissingSize()
    {
        var log = ParseOne(Encoding.ASCII.GetBytes(
            "0.0.0.0 - - [20/Sep/2017:00:00:00 +0000] \"GET /index.html HTTP/1.1\" 200 1024\n"
            + "0.0.0.1 - - [20/Sep/2017:00:00:00 +0000] \"HEAD /css/style.css HTTP/1.1\" 304 -\n"
            + "0.0.0.2 - - [20/Sep/2017:00:00:00 +0000] \"GET /onion.html HTTP/1.0\" 200 7\n"
            + "this is not a log line\n"),
            "metrics.torproject.org_meronense.torproject.org_access.log_20170920.xz");
        Assert.Equal(["http", "https", "onion"], log.Lines.Select(l => l.Channel));
        Assert.Null(log.Lines[1].Size);
        Assert.Equal("HEAD", log.Lines[1].Method);
        Assert.Null(log.Lines[0].UserAgent);
        Assert.Equal(new DateTime(2017, 9, 20, 0, 0, 0, DateTimeKind.Utc), log.Lines[2].Time);
        Assert.Equal(["this is not a log line"], log.UnrecognizedLines);
    }

    [Fact]
    public void Parse_NoFileName_HostsUnknown()
    {
        var log = ParseOne(Encoding.ASCII.GetBytes("0.0.0.0 - - [20/Sep/2017:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n"), null, DescriptorKind.WebStats);
        Assert.Null(log.VirtualHost);
        Assert.Null(log.LogDate);
    }

    [Theory]
    [InlineData("0.0.0.0 - - [20/Sep/2017:00:00:00 +0000] \"GET / HTTP/1.1\" 200\n")]
    [InlineData("0.0.0.0 - - [31/Sep/2017:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n")]
    [InlineData("garbage\n")]
    public void Parse_NoValidLine_Unparseable(string text)
    {
        var bad = Assert.IsType<UnparseableDescriptor>(Assert.Single(
            DescriptorFileParser.Parse(Encoding.ASCII.GetBytes(text), "a.org_b.org_access.log_20170920")));
        Assert.Equal(DescriptorKind.WebStats, bad.Kind);
        Assert.Contains("no line is an access log line", bad.Reason, StringComparison.Ordinal);
    }

    private static WebServerAccessLog ParseOne(byte[] bytes, string? fileName, DescriptorKind? kind = null)
    {
        var result = Assert.Single(kind is { } k ? DescriptorFileParser.Parse(bytes, k, fileName) : DescriptorFileParser.Parse(bytes, fileName));
        Assert.False(result is UnparseableDescriptor, (result as UnparseableDescriptor)?.Reason);
        return Assert.IsType<WebServerAccessLog>(result);
    }
}
