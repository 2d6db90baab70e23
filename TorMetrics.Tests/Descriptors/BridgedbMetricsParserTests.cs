using System.Text;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.BridgeDb;

namespace TorMetrics.Tests.Descriptors;

/// <summary>stem cannot read BridgeDB metrics; expectations come from the sample text.</summary>
public class BridgedbMetricsParserTests
{
    [Fact]
    public void Parse_Sample_MetricCountsSplitIntoParts()
    {
        var result = Assert.Single(DescriptorFileParser.Parse(SampleFiles.Read("bridgedb-metrics/2019-09-17-00-33-44-bridgedb-metrics"), "2019-09-17-00-33-44-bridgedb-metrics"));
        var m = Assert.IsType<BridgedbMetrics>(result);
        Assert.Equal(DescriptorKind.BridgedbMetrics, m.Kind);
        Assert.Equal(new DateTime(2019, 9, 17, 0, 33, 44, DateTimeKind.Utc), m.MetricsEnd);
        Assert.Equal(86400, m.IntervalSeconds);
        Assert.Equal("1", m.MetricsVersion);
        Assert.Equal(
            [
                new BridgedbMetricCount("https.obfs3.ru.success.none", 10, "https", "obfs3", "ru", "success", "none"),
                new BridgedbMetricCount("https.obfs3.sk.success.none", 10, "https", "obfs3", "sk", "success", "none"),
                new BridgedbMetricCount("https.fte.de.fail.none", 10, "https", "fte", "de", "fail", "none"),
            ],
            m.MetricCounts);
        Assert.Empty(m.UnrecognizedLines);
    }

    [Fact]
    public void Parse_OddKeyAndUnknownLine_Kept()
    {
        var m = Assert.IsType<BridgedbMetrics>(Assert.Single(DescriptorFileParser.Parse(Encoding.ASCII.GetBytes(
            "bridgedb-metrics-end 2019-09-17 00:33:44 (86400 s)\nbridgedb-metric-count email.obfs4.gmail.com.success.none 20\nnew-line x\n"))));
        var c = Assert.Single(m.MetricCounts);
        Assert.Equal(20, c.Count);
        Assert.Null(c.Distributor);
        Assert.Null(m.MetricsVersion);
        Assert.Equal(["new-line x"], m.UnrecognizedLines);
    }

    [Theory]
    [InlineData("bridgedb-metrics-end 2019-09-17 00:33:44 (86400 s)\nbridgedb-metric-count https.fte.de.fail.none ten\n", "invalid metric count")]
    [InlineData("bridgedb-metrics-end 2019-09-17 00:33:44 (86400 s)\nbridgedb-metric-count https.fte.de.fail.none\n", "missing count")]
    [InlineData("bridgedb-metrics-end 2019-09-17 00:33:44 (86400 s)\nbridgedb-metrics-version 1\nbridgedb-metrics-version 2\n", "at most once")]
    public void Parse_MalformedLine_Unparseable(string text, string reason)
    {
        var bad = Assert.IsType<UnparseableDescriptor>(Assert.Single(DescriptorFileParser.Parse(Encoding.ASCII.GetBytes(text))));
        Assert.Contains(reason, bad.Reason, StringComparison.Ordinal);
    }
}
