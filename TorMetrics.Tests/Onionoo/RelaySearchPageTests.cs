using System.Net;
using System.Text.Json;
using static TorMetrics.Tests.Onionoo.OnionooSeedNetwork;

namespace TorMetrics.Tests.Onionoo;

/// <summary>
/// The admin relay search (<c>/admin/relays</c> and its htmx fragment) on the seed network: it must find, order and
/// page exactly as the REST service does for the same parameters, and show the parser's message for a bad one.
/// </summary>
public sealed class RelaySearchPageTests(OnionooSeedFixture fixture) : IClassFixture<OnionooSeedFixture>
{
    [Theory]
    [InlineData("search=alph", new[] { Alpha })]
    [InlineData("flag=Guard", new[] { Alpha, Beta })]
    [InlineData("type=relay&order=-consensus_weight", new[] { Alpha, Beta, Gamma })]
    [InlineData("type=relay&order=first_seen", new[] { Alpha, Beta, Gamma })]
    [InlineData("running=false", new[] { Gamma, BridgeThree })]
    [InlineData("search=type:bridge%20running:true", new[] { BridgeOne, BridgeTwo })]
    [InlineData("search=$B2B2", new[] { BridgeTwo })]
    [InlineData("contact=alice%20example", new[] { Alpha })]
    [InlineData("version=0.4.8", new[] { Alpha, Beta, BridgeOne })]
    public async Task Search_FindsTheExpectedRowsInOrder(string query, string[] expected)
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();

        var html = await client.GetStringAsync("/admin/relays?" + query);

        Assert.Equal(expected, AdminHtml.Rows(html));
        Assert.Null(AdminHtml.Alert(html));
    }

    [Theory]
    [InlineData("order=-consensus_weight")]
    [InlineData("order=-first_seen,consensus_weight")]
    [InlineData("flag=fast&order=-consensus_weight")]
    [InlineData("search=a%20b")]
    [InlineData("search=first_seen_days:-1")]
    [InlineData("country=xz")]
    [InlineData("version=..0.4.8.9")]
    [InlineData("as_of=2026-11-19")]
    [InlineData("as_of=2026-11-19&order=-first_seen")]
    public async Task Search_ReturnsWhatTheRestServiceReturns(string query)
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();

        var html = await client.GetStringAsync("/admin/relays?" + query + "&limit=100");

        Assert.Equal(await RestOrderAsync(query), AdminHtml.Rows(html));
    }

    [Fact]
    public async Task Search_SpacesEncodedAsPlusInTheFormUrl_AreSpacesForOnionoo()
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();

        // Browsers submit a GET form with '+' for a space; Onionoo itself would take a '+' literally.
        var html = await client.GetStringAsync("/admin/relays?search=type%3Abridge+running%3Atrue");

        Assert.Equal([BridgeOne, BridgeTwo], AdminHtml.Rows(html));
    }

    [Theory]
    [InlineData("flag=Gu%40rd", "flag")]
    [InlineData("order=nickname", "order")]
    [InlineData("limit=abc", "limit")]
    [InlineData("as_of=2026-13-01", "as_of")]
    [InlineData("search=%22unclosed", "search")]
    [InlineData("search=nick:x", "search")]
    public async Task BadQuery_ShowsTheParsersMessageInsteadOfTheTable(string query, string parameter)
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();
        var rest = await fixture.Web.Client.GetAsync("/summary?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, rest.StatusCode);
        using var problem = JsonDocument.Parse(await rest.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;

        var page = await client.GetAsync("/admin/relays?" + query);
        var fragment = await client.GetAsync("/admin/relays/table?" + query);

        foreach (var response in new[] { page, fragment })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(parameter + ": " + detail, AdminHtml.Alert(html));
            Assert.Empty(AdminHtml.Rows(html));
        }
    }

    [Fact]
    public async Task Paging_WalksThroughAllMatchesWithCounts()
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();

        var first = await client.GetStringAsync("/admin/relays?limit=2");
        Assert.Equal([Alpha, Beta], AdminHtml.Rows(first));
        Assert.Contains("<strong>6</strong> matches", first, StringComparison.Ordinal);
        Assert.Contains("truncated 4", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/relays?offset=2&amp;limit=2\"", first, StringComparison.Ordinal);

        var second = await client.GetStringAsync("/admin/relays?offset=2&limit=2");
        Assert.Equal([Gamma, BridgeOne], AdminHtml.Rows(second));
        Assert.Contains("showing 3–4", second, StringComparison.Ordinal);
        Assert.Contains("skipped 2", second, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/relays?limit=2\"", second, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/relays?offset=4&amp;limit=2\"", second, StringComparison.Ordinal);

        var last = await client.GetStringAsync("/admin/relays?offset=4&limit=2");
        Assert.Equal([BridgeTwo, BridgeThree], AdminHtml.Rows(last));
        Assert.DoesNotContain("rel=\"next\"", last, StringComparison.Ordinal);
        Assert.DoesNotContain("truncated", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SortHeader_OrdersByConsensusWeightDescendingThenToggles()
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();

        var unordered = await client.GetStringAsync("/admin/relays?flag=fast&offset=1");
        Assert.Contains("href=\"/admin/relays?flag=fast&amp;order=-consensus_weight&amp;limit=50\"", unordered, StringComparison.Ordinal);

        var descending = await client.GetStringAsync("/admin/relays?flag=fast&order=-consensus_weight&limit=50");
        Assert.Equal([Alpha, Beta, Gamma, BridgeOne], AdminHtml.Rows(descending));
        Assert.Contains("href=\"/admin/relays?flag=fast&amp;order=consensus_weight&amp;limit=50\"", descending, StringComparison.Ordinal);

        var ascending = await client.GetStringAsync("/admin/relays?flag=fast&order=consensus_weight&limit=50");
        // Relays come before bridges whatever the order, as in Onionoo; bridges have no weight.
        Assert.Equal([Gamma, Beta, Alpha, BridgeOne], AdminHtml.Rows(ascending));
    }

    [Fact]
    public async Task Fragment_IsTheFormAndTableWithoutThePage_AndPushesThePageUrl()
    {
        using var client = await fixture.Web.CreateSignedInClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/relays/table?search=alph&type=");
        request.Headers.Add("HX-Request", "true");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal([Alpha], AdminHtml.Rows(html));
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
        Assert.Contains("<input name=\"search\" value=\"alph\"", html, StringComparison.Ordinal);
        Assert.Equal("/admin/relays?search=alph&limit=50", response.Headers.GetValues("HX-Push-Url").Single());
    }

    [Fact]
    public async Task Fragment_NotSignedIn_Is401ForHtmx()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/relays/table?search=alph");
        request.Headers.Add("HX-Request", "true");

        using var response = await fixture.Web.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<IReadOnlyList<string>> RestOrderAsync(string query)
    {
        using var json = JsonDocument.Parse(await fixture.Web.Client.GetStringAsync("/summary?" + query));
        return
        [
            .. json.RootElement.GetProperty("relays").EnumerateArray().Select(r => r.GetProperty("f").GetString()!),
            .. json.RootElement.GetProperty("bridges").EnumerateArray().Select(b => b.GetProperty("h").GetString()!),
        ];
    }
}
