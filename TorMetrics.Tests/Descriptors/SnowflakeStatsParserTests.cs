using System.Text;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.Snowflakes;

namespace TorMetrics.Tests.Descriptors;

/// <summary>stem cannot read snowflake statistics; expectations come from the sample text.</summary>
public class SnowflakeStatsParserTests
{
    [Fact]
    public void Parse_CollecTorSample_AllCounters()
    {
        var s = Assert.Single(Parse(SampleFiles.Read("snowflake-stats/2020-12-16-19-24-38-snowflake-stats"), "2020-12-16-19-24-38-snowflake-stats"));
        Assert.Equal(DescriptorKind.SnowflakeStats, s.Kind);
        Assert.Equal(new DateTime(2020, 12, 16, 19, 24, 38, DateTimeKind.Utc), s.StatsEnd);
        Assert.Equal(86400, s.IntervalSeconds);
        Assert.Equal(1716, s.SnowflakeIps!["US"]);
        Assert.Equal(15, s.SnowflakeIps["??"]);
        Assert.Equal(105, s.SnowflakeIps.Count);
        Assert.Equal(6943, s.SnowflakeIpsTotal);
        Assert.Equal(32, s.SnowflakeIpsStandalone);
        Assert.Equal(27, s.SnowflakeIpsBadge);
        Assert.Equal(6882, s.SnowflakeIpsWebext);
        Assert.Equal(956568, s.SnowflakeIdleCount);
        Assert.Equal(640, s.ClientDeniedCount);
        Assert.Equal(640, s.ClientRestrictedDeniedCount);
        Assert.Equal(0, s.ClientUnrestrictedDeniedCount);
        Assert.Equal(11456, s.ClientSnowflakeMatchCount);
        Assert.Equal(3140, s.SnowflakeIpsNatRestricted);
        Assert.Equal(29, s.SnowflakeIpsNatUnrestricted);
        Assert.Equal(3768, s.SnowflakeIpsNatUnknown);
        Assert.Equal(12, s.Counters.Count);
        Assert.Empty(s.UnrecognizedLines);
    }

    [Fact]
    public void Parse_BrokerLogWithoutTypeLine_OneRecordPerBlock()
    {
        var blocks = Parse(SampleFiles.Read("snowflake-stats/example_metrics.log"), "example_metrics.log");
        Assert.Equal(
            [new DateTime(2019, 8, 7, 19, 52, 11, DateTimeKind.Utc), new DateTime(2019, 8, 8, 19, 52, 11, DateTimeKind.Utc)],
            blocks.Select(b => b.StatsEnd));
        Assert.Equal(937, blocks[0].SnowflakeIpsTotal);
        Assert.Equal(1178, blocks[1].SnowflakeIpsTotal);
        Assert.Null(blocks[0].SnowflakeIpsStandalone);
        Assert.All(blocks, b => Assert.Null(b.Raw.TypeAnnotation));
        Assert.Equal(blocks[0].Raw.LineNumber + 6, blocks[1].Raw.LineNumber);
    }

    [Fact]
    public void Parse_NewerBrokerLines_KeptGenerically()
    {
        var s = Assert.Single(Parse(Encoding.ASCII.GetBytes(
            "snowflake-stats-end 2024-01-01 00:00:00 (86400 s)\nsnowflake-ips \nclient-http-ips DE=8,US=16\nclient-http-count 24\nsnowflake-ips-type webext=3 standalone=4\n"), null));
        Assert.Empty(s.SnowflakeIps!);
        Assert.Equal(16, s.CountryCounts["client-http-ips"]["US"]);
        Assert.Equal(24, s.Counter("client-http-count"));
        Assert.Equal(["snowflake-ips-type webext=3 standalone=4"], s.UnrecognizedLines);
    }

    [Theory]
    [InlineData("snowflake-stats-end 2020-12-16 19:24:38\n", "(N s)")]
    [InlineData("snowflake-stats-end 2020-12-16 19:24:38 (86400 s)\nsnowflake-ips-total 1\nsnowflake-ips-total 2\n", "more than once")]
    [InlineData("snowflake-stats-end 2020-12-16 19:24:38 (86400 s)\nsnowflake-ips US=many\n", "not an integer")]
    public void Parse_MalformedBlock_Unparseable(string text, string reason)
    {
        var bad = Assert.IsType<UnparseableDescriptor>(Assert.Single(DescriptorFileParser.Parse(Encoding.ASCII.GetBytes(text))));
        Assert.Equal(DescriptorKind.SnowflakeStats, bad.Kind);
        Assert.Contains(reason, bad.Reason, StringComparison.Ordinal);
    }

    private static List<SnowflakeStats> Parse(byte[] bytes, string? fileName)
    {
        var results = DescriptorFileParser.Parse(bytes, fileName).ToList();
        Assert.All(results, r => Assert.False(r is UnparseableDescriptor, (r as UnparseableDescriptor)?.Reason));
        return results.Cast<SnowflakeStats>().ToList();
    }
}
