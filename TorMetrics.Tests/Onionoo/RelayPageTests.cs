using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using static TorMetrics.Tests.Onionoo.OnionooSeedNetwork;

namespace TorMetrics.Tests.Onionoo;

/// <summary>
/// The admin relay page (<c>/admin/relays/{fingerprint}</c>) on the seed network: its details list and charts must
/// show what the REST service's details, bandwidth, weights and uptime documents hold for the same node.
/// </summary>
public sealed class RelayPageTests(OnionooSeedFixture fixture) : IClassFixture<OnionooSeedFixture>
{
    private static readonly string[] Periods = ["1_month", "6_months", "1_year", "5_years"];

    [Fact]
    public async Task RelayPage_ListsEveryDetailsMemberInOrder_WithFamilyLinks()
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();
        using var details = await RestAsync("/details?lookup=" + Alpha);
        var relay = details.RootElement.GetProperty("relays")[0];

        var html = await client.GetStringAsync("/admin/relays/" + Alpha);

        Assert.Contains("<h1>Relay Alpha1</h1>", html, StringComparison.Ordinal);
        Assert.Equal(relay.EnumerateObject().Select(p => p.Name), AdminHtml.DetailsNames(html));
        Assert.Matches("data-member=\"consensus_weight\">\\s*<span>3000</span>", html);
        Assert.Contains($"<a href=\"/admin/relays/{Beta}\">{Beta}</a>", html, StringComparison.Ordinal);
        Assert.Contains(relay.GetProperty("effective_family").EnumerateArray(), f => f.GetString() == Beta);
    }

    [Theory]
    [InlineData("1111aaaa2222bbbb3333cccc4444dddd5555eeee", "Relay Alpha1")]
    [InlineData("$" + Alpha, "Relay Alpha1")]
    [InlineData("hashed:" + Alpha, "Relay Alpha1")]
    [InlineData(BridgeOne, "Bridge BridgeOne")]
    [InlineData("hashed:" + BridgeOne, "Bridge BridgeOne")]
    public async Task RelayPage_FindsRelaysAndBridgesByFingerprintOrHashedFingerprint(string key, string heading)
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();
        var path = key.StartsWith("hashed:", StringComparison.Ordinal) ? Sha1(key["hashed:".Length..]) : key;

        var html = await client.GetStringAsync("/admin/relays/" + Uri.EscapeDataString(path));

        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BandwidthChart_IsTheDocumentsGraphsAsBytesPerSecond()
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();
        using var bandwidth = await RestAsync("/bandwidth?lookup=" + Alpha);
        var document = bandwidth.RootElement.GetProperty("relays")[0];

        var html = await client.GetStringAsync("/admin/relays/" + Alpha + "?period=1_month");

        using var chart = AdminHtml.ChartOption(html, "bandwidth-chart");
        AssertSeries(document.GetProperty("read_history").GetProperty("1_month"), Series(chart, "read"));
        AssertSeries(document.GetProperty("write_history").GetProperty("1_month"), Series(chart, "written"));
        Assert.Contains(Series(chart, "read").EnumerateArray(), p => p[1].ValueKind == JsonValueKind.Number && p[1].GetDouble() > 1000);
    }

    [Fact]
    public async Task WeightsAndUptimeCharts_DrawEveryGraphOfTheirDocuments()
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();
        using var weights = await RestAsync("/weights?lookup=" + Alpha);
        using var uptime = await RestAsync("/uptime?lookup=" + Alpha);
        var weightsDocument = weights.RootElement.GetProperty("relays")[0];
        var uptimeDocument = uptime.RootElement.GetProperty("relays")[0];

        var html = await client.GetStringAsync("/admin/relays/" + Alpha);

        using var weightsChart = AdminHtml.ChartOption(html, "weights-chart");
        (string Member, string Name)[] weightSeries =
        [
            ("consensus_weight_fraction", "consensus weight fraction"), ("guard_probability", "guard probability"),
            ("middle_probability", "middle probability"), ("exit_probability", "exit probability"),
        ];
        foreach (var (member, name) in weightSeries)
        {
            AssertSeries(weightsDocument.GetProperty(member).GetProperty("1_month"), Series(weightsChart, name));
        }

        using var uptimeChart = AdminHtml.ChartOption(html, "uptime-chart");
        AssertSeries(uptimeDocument.GetProperty("uptime").GetProperty("1_month"), Series(uptimeChart, "uptime"));
        var flags = uptimeDocument.GetProperty("flags").EnumerateObject().ToList();
        Assert.Contains(flags, f => f.Name == "Guard");
        Assert.Equal(["uptime", .. flags.Select(f => f.Name)], SeriesNames(uptimeChart));
        foreach (var flag in flags)
        {
            AssertSeries(flag.Value.GetProperty("1_month"), Series(uptimeChart, flag.Name));
        }
    }

    [Fact]
    public async Task PeriodSelector_OffersOnlyThePeriodsTheDocumentsHave()
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (resource, members) in new[]
                 {
                     ("bandwidth", new[] { "read_history", "write_history" }),
                     ("weights", new[] { "consensus_weight_fraction", "guard_probability", "middle_probability", "exit_probability" }),
                     ("uptime", new[] { "uptime" }),
                 })
        {
            using var document = await RestAsync($"/{resource}?lookup={Alpha}");
            foreach (var member in members)
            {
                if (document.RootElement.GetProperty("relays")[0].TryGetProperty(member, out var graphs))
                {
                    present.UnionWith(graphs.EnumerateObject().Select(g => g.Name));
                }
            }
        }

        var html = await client.GetStringAsync("/admin/relays/" + Alpha + "?period=5_years");

        var expected = Periods.Where(present.Contains).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, AdminHtml.Periods(html));
        // A period the documents lack falls back to the shortest they have.
        Assert.Contains($"<strong aria-current=\"true\">{expected[0].Replace('_', ' ')}</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChartsFragment_IsTheChartsAlone()
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();

        var html = await client.GetStringAsync($"/admin/relays/{Alpha}/charts?period=1_month");

        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
        using var chart = AdminHtml.ChartOption(html, "bandwidth-chart");
        Assert.Equal(["read", "written"], SeriesNames(chart));
    }

    [Fact]
    public async Task BridgePage_HasNoWeightsChart()
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();

        var html = await client.GetStringAsync("/admin/relays/" + BridgeOne);

        Assert.DoesNotContain("id=\"weights-chart\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<dt>consensus_weight</dt>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>hashed_fingerprint</dt>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/relays/0000000000000000000000000000000000000000")]
    [InlineData("/admin/relays/not-a-fingerprint")]
    [InlineData("/admin/relays/0000000000000000000000000000000000000000/charts")]
    public async Task UnknownFingerprint_Is404(string path)
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        if (!path.EndsWith("/charts", StringComparison.Ordinal))
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<h1>Not found</h1>", html, StringComparison.Ordinal);
            Assert.Contains(path.Split('/')[3], AdminHtml.Alert(html), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MalformedAsOf_Is400WithTheParsersMessage()
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();

        using var response = await client.GetAsync($"/admin/relays/{Alpha}?as_of=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Parameter 'as_of' must be a date YYYY-MM-DD, not 'yesterday'.", AdminHtml.Alert(await response.Content.ReadAsStringAsync()));
    }

    // Each chart point is [ISO time, value × factor or null], one per graph value, an interval apart from "first".
    private static void AssertSeries(JsonElement graph, JsonElement data)
    {
        var first = DateTime.ParseExact(graph.GetProperty("first").GetString()!, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var interval = graph.GetProperty("interval").GetInt64();
        var factor = graph.GetProperty("factor").GetDouble();
        var values = graph.GetProperty("values").EnumerateArray().ToList();
        var points = data.EnumerateArray().ToList();
        Assert.Equal(values.Count, points.Count);
        for (int i = 0; i < values.Count; i++)
        {
            Assert.Equal(first.AddSeconds(i * interval).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), points[i][0].GetString());
            if (values[i].ValueKind == JsonValueKind.Null)
            {
                Assert.Equal(JsonValueKind.Null, points[i][1].ValueKind);
            }
            else
            {
                double expected = values[i].GetInt32() * factor;
                Assert.Equal(expected, points[i][1].GetDouble(), Math.Abs(expected) * 1e-5);
            }
        }
    }

    private static JsonElement Series(JsonDocument chart, string name) =>
        chart.RootElement.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).GetProperty("data");

    private static List<string> SeriesNames(JsonDocument chart) =>
        [.. chart.RootElement.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];

    private async Task<JsonDocument> RestAsync(string path) => JsonDocument.Parse(await fixture.Web.Client.GetStringAsync(path));

    private static string Sha1(string hex) => Convert.ToHexString(SHA1.HashData(Convert.FromHexString(hex)));
}
