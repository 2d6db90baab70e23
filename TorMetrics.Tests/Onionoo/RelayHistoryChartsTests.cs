using System.Text;
using System.Text.Json;
using TorMetrics.Domain.Onionoo;
using TorMetrics.Web.Admin.Relays;

namespace TorMetrics.Tests.Onionoo;

/// <summary>
/// The relay page's chart data from history documents with several periods and gaps, which the seed network (a few
/// days old) cannot produce: real values, null gaps, and only the periods present.
/// </summary>
public sealed class RelayHistoryChartsTests
{
    private const string Bandwidth = """
        {"fingerprint":"1111AAAA2222BBBB3333CCCC4444DDDD5555EEEE",
         "write_history":{"1_year":{"first":"2025-12-01 00:00:00","last":"2025-12-05 00:00:00","interval":172800,"factor":2.5,"count":3,"values":[10,null,999]}},
         "read_history":{"1_month":{"first":"2026-11-01 12:00:00","last":"2026-11-02 12:00:00","interval":86400,"factor":0.5,"count":2,"values":[0,999]}}}
        """;

    [Fact]
    public void Periods_AreThoseOfAnyGraph_ShortestFirst()
    {
        var charts = RelayHistoryCharts.Read(Node(Bandwidth));

        Assert.Equal(["1_month", "1_year"], RelayHistoryCharts.PeriodsIn(charts));
        Assert.Equal(["bandwidth-chart", "weights-chart", "uptime-chart"], charts.Select(c => c.Id));
    }

    [Fact]
    public void Option_HasRealValuesAndNullGaps_ForThatPeriodsSeriesOnly()
    {
        var bandwidth = RelayHistoryCharts.Read(Node(Bandwidth)).Single(c => c.Id == "bandwidth-chart");

        using var option = JsonDocument.Parse(JsonSerializer.Serialize(bandwidth.Option("1_year")));

        var series = option.RootElement.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal("written", Assert.Single(series).GetProperty("name").GetString());
        Assert.Equal(
            """[["2025-12-01T00:00:00Z",25],["2025-12-03T00:00:00Z",null],["2025-12-05T00:00:00Z",2497.5]]""",
            series[0].GetProperty("data").GetRawText());
    }

    [Fact]
    public void Bridges_HaveClientsInsteadOfWeights()
    {
        var charts = RelayHistoryCharts.Read(Node("{\"fingerprint\":\"B1\"}", bridge: true));

        Assert.Equal(["bandwidth-chart", "uptime-chart", "clients-chart"], charts.Select(c => c.Id));
        Assert.Empty(RelayHistoryCharts.PeriodsIn(charts));
    }

    private static OnionooNode Node(string bandwidth, bool bridge = false) => new()
    {
        IsBridge = bridge,
        Nickname = "Test",
        Fingerprint = "1111AAAA2222BBBB3333CCCC4444DDDD5555EEEE",
        HashedFingerprint = "0000000000000000000000000000000000000000",
        Running = true,
        FirstSeen = DateTime.UnixEpoch,
        LastSeen = DateTime.UnixEpoch,
        ConsensusWeight = 1,
        Summary = Encoding.UTF8.GetBytes("{}"),
        Details = [],
        Bandwidth = Encoding.UTF8.GetBytes(bandwidth),
        Weights = Encoding.UTF8.GetBytes("{\"fingerprint\":\"X\"}"),
        Clients = Encoding.UTF8.GetBytes("{\"fingerprint\":\"X\"}"),
        Uptime = Encoding.UTF8.GetBytes("{\"fingerprint\":\"X\"}"),
    };
}
