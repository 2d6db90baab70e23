using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using static TorMetrics.Tests.Onionoo.OnionooSeedNetwork;

namespace TorMetrics.Tests.Onionoo;

/// <summary>
/// Every parameter's semantics (onionoo-protocol.md §4–§6) on the seed network of three relays and three bridges,
/// through HTTP against the real host. Results are written as the seed's nicknames/fingerprints, in response order.
/// </summary>
public sealed class OnionooProtocolTests(OnionooSeedFixture fixture) : IClassFixture<OnionooSeedFixture>
{
    private static readonly string AlphaHashed = Sha1(Alpha);
    private static readonly string BridgeOneDoubleHashed = Sha1(BridgeOne);

    [Fact]
    public async Task Envelope_has_version_published_times_and_upstreams_layout()
    {
        var body = await fixture.Web.Client.GetStringAsync("/summary?limit=1");
        Assert.StartsWith("{\"version\":\"8.0\",\n\"relays_published\":\"2026-11-20 12:00:00\",\n\"relays\":[\n{", body, StringComparison.Ordinal);
        Assert.Contains("\n],\n\"relays_truncated\":2,\n\"bridges_published\":\"2026-11-20 12:06:00\",\n\"bridges\":[\n]", body, StringComparison.Ordinal);
        Assert.EndsWith(",\n\"bridges_truncated\":3}\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_objects_and_default_order_by_fingerprint()
    {
        using var json = await GetJsonAsync("/summary");
        var relays = json.RootElement.GetProperty("relays").EnumerateArray().ToList();
        Assert.Equal([Alpha, Beta, Gamma], relays.Select(r => r.GetProperty("f").GetString()));
        Assert.Equal(["n", "f", "a", "r"], relays[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["198.51.100.1", "[2001:db8::1]"], relays[0].GetProperty("a").EnumerateArray().Select(a => a.GetString()));
        var bridges = json.RootElement.GetProperty("bridges").EnumerateArray().ToList();
        Assert.Equal([BridgeOne, BridgeTwo, BridgeThree], bridges.Select(b => b.GetProperty("h").GetString()));
        Assert.Equal(["n", "h", "r"], bridges[0].EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("type=relay", "Alpha1 Beta2 gamma3 |")]
    [InlineData("type=BRIDGE", "| BridgeOne BridgeTwo Unnamed")]
    [InlineData("running=true", "Alpha1 Beta2 | BridgeOne BridgeTwo")]
    [InlineData("running=FALSE", "gamma3 | Unnamed")]
    [InlineData("search=alph", "Alpha1 |")]
    [InlineData("search=bridgeo", "| BridgeOne")]
    [InlineData("search=$1111aaaa", "Alpha1 |")]
    [InlineData("search=1111AAAA2222", "Alpha1 |")]
    [InlineData("search=ERGqqiIiu7szM8zMRETd", "Alpha1 |")]
    [InlineData("search=ergqqiiiu7szm8zmretd", "|")]
    [InlineData("search=DDDD", "Alpha1 |")]
    [InlineData("search=5555E", "|")]
    [InlineData("search=198.51.100", "Alpha1 |")]
    [InlineData("search=2001:db8::1", "Alpha1 |")]
    [InlineData("search=[2001:db8::1]", "Alpha1 |")]
    [InlineData("search=B1B1", "| BridgeOne")]
    [InlineData("search=$B2B2", "| BridgeTwo")]
    [InlineData("search=flag:Exit", "Alpha1 |")]
    [InlineData("search=running:false%20type:bridge", "| Unnamed")]
    [InlineData("search=type:relay%20type:directory", "Alpha1 Beta2 gamma3 |")]
    [InlineData("type=bridge&search=type:relay", "| BridgeOne BridgeTwo Unnamed")]
    [InlineData("search=contact:%22alice%20at%22", "Alpha1 |")]
    [InlineData("search=a%20b", "Beta2 | Unnamed")]
    [InlineData("lookup=1111aaaa2222bbbb3333cccc4444dddd5555eeee", "Alpha1 |")]
    [InlineData("lookup=" + BridgeOne + "," + Beta, "Beta2 | BridgeOne")]
    [InlineData("lookup=ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "|")]
    [InlineData("country=xz", "Alpha1 Beta2 gamma3 |")]
    [InlineData("country=de", "|")]
    [InlineData("as=AS0", "Alpha1 Beta2 gamma3 |")]
    [InlineData("as=as008767,3", "|")]
    [InlineData("as_name=", "|")]
    [InlineData("flag=guard", "Alpha1 Beta2 |")]
    [InlineData("flag=Fast", "Alpha1 Beta2 gamma3 | BridgeOne")]
    [InlineData("first_seen_days=2-10", "Alpha1 Beta2 |")]
    [InlineData("first_seen_days=-1", "gamma3 | BridgeOne BridgeTwo Unnamed")]
    [InlineData("first_seen_days=10", "Alpha1 |")]
    [InlineData("first_seen_days=3-", "Alpha1 |")]
    [InlineData("first_seen_days=-", "Alpha1 Beta2 gamma3 | BridgeOne BridgeTwo Unnamed")]
    [InlineData("first_seen_since=2026-11-19", "gamma3 | BridgeOne BridgeTwo Unnamed")]
    [InlineData("first_seen_since=2030-01-01", "gamma3 | BridgeTwo")]
    [InlineData("last_seen_days=1-", "| Unnamed")]
    [InlineData("last_seen_since=2026-11-20", "Alpha1 Beta2 gamma3 | BridgeOne BridgeTwo")]
    [InlineData("first_seen_days=1&first_seen_since=2026-11-20", "gamma3 | BridgeTwo")]
    [InlineData("contact=alice", "Alpha1 |")]
    [InlineData("contact=tor+bob", "Beta2 |")]
    [InlineData("contact=tor%20bob", "Beta2 |")]
    [InlineData("contact=", "Alpha1 Beta2 | BridgeOne")]
    [InlineData("family=" + Alpha, "Alpha1 Beta2 |")]
    [InlineData("family=" + Gamma, "Beta2 gamma3 |")]
    [InlineData("version=0.4.8", "Alpha1 Beta2 | BridgeOne")]
    [InlineData("version=0.4.8.10", "Alpha1 | BridgeOne")]
    [InlineData("version=0.4.9..", "gamma3 |")]
    [InlineData("version=..0.4.7.16", "| BridgeTwo")]
    [InlineData("version=0.4.8.9,0.4.7", "Beta2 | BridgeTwo")]
    [InlineData("os=linux", "Alpha1 | BridgeOne")]
    [InlineData("os=Windows%2010", "gamma3 |")]
    [InlineData("os=", "Alpha1 Beta2 gamma3 | BridgeOne BridgeTwo")]
    [InlineData("host_name=example.org", "|")]
    [InlineData("recommended_version=true", "Alpha1 | BridgeOne BridgeTwo")]
    [InlineData("recommended_version=false", "Beta2 gamma3 |")]
    [InlineData("overload_status=true", "Beta2 |")]
    [InlineData("overload_status=false", "Alpha1 gamma3 | BridgeOne BridgeTwo")]
    [InlineData("transport=obfs", "| BridgeOne")]
    [InlineData("transport=SNOW", "| BridgeTwo")]
    [InlineData("transport=", "| BridgeOne BridgeTwo")]
    [InlineData("order=consensus_weight", "gamma3 Beta2 Alpha1 | BridgeOne BridgeTwo Unnamed")]
    [InlineData("order=-CONSENSUS_WEIGHT", "Alpha1 Beta2 gamma3 | BridgeOne BridgeTwo Unnamed")]
    [InlineData("order=-first_seen", "gamma3 Beta2 Alpha1 | BridgeTwo BridgeOne Unnamed")]
    [InlineData("order=first_seen,consensus_weight", "Alpha1 Beta2 gamma3 | BridgeOne Unnamed BridgeTwo")]
    [InlineData("type=relay&type=bridge", "Alpha1 Beta2 gamma3 |")]
    public async Task Parameter_selects_exactly(string query, string expected)
    {
        Assert.Equal(expected, await NicknamesAsync("/summary?" + query));
    }

    [Fact]
    public async Task Lookup_takes_hashed_fingerprints_of_relays_and_double_hashed_of_bridges()
    {
        Assert.Equal("Alpha1 | BridgeOne", await NicknamesAsync($"/summary?lookup={AlphaHashed},{BridgeOneDoubleHashed}"));
        Assert.Equal("Alpha1 |", await NicknamesAsync("/summary?search=" + AlphaHashed[..12]));
        Assert.Equal("| BridgeOne", await NicknamesAsync("/summary?search=" + BridgeOneDoubleHashed[..12]));
    }

    [Theory]
    [InlineData("offset=4", "| BridgeTwo Unnamed", 3, 1, 0, 0)]
    [InlineData("limit=4", "Alpha1 Beta2 gamma3 | BridgeOne", 0, 0, 0, 2)]
    [InlineData("limit=0", "|", 0, 0, 3, 3)]
    [InlineData("offset=1&limit=3", "Beta2 gamma3 | BridgeOne", 1, 0, 0, 2)]
    [InlineData("offset=-3&limit=-1", "|", 0, 0, 3, 3)]
    public async Task Offset_and_limit_drop_relays_first_and_count_what_they_drop(
        string query, string expected, int relaysSkipped, int bridgesSkipped, int relaysTruncated, int bridgesTruncated)
    {
        using var json = await GetJsonAsync("/summary?" + query);
        Assert.Equal(expected, Nicknames(json));
        Assert.Equal(relaysSkipped, Counter(json, "relays_skipped"));
        Assert.Equal(bridgesSkipped, Counter(json, "bridges_skipped"));
        Assert.Equal(relaysTruncated, Counter(json, "relays_truncated"));
        Assert.Equal(bridgesTruncated, Counter(json, "bridges_truncated"));
    }

    [Theory]
    [InlineData("type=directory", "type")]
    [InlineData("type=", "type")]
    [InlineData("TYPE=relay", "TYPE")]
    [InlineData("fingerprint=" + Alpha, "fingerprint")]
    [InlineData("limit", "limit")]
    [InlineData("running=yes", "running")]
    [InlineData("search=", "search")]
    [InlineData("search=_", "search")]
    [InlineData("search=foo:bar", "search")]
    [InlineData("search=limit:1", "search")]
    [InlineData("search=%22unclosed", "search")]
    [InlineData("search=$" + Alpha + "0", "search")]
    [InlineData("search=ERGqqiIiu7szM8zMRETd3VVV7u4A", "search")]
    [InlineData("search=[2001:4f8:3:2e::51]:9001", "search")]
    [InlineData("lookup=$" + Alpha, "lookup")]
    [InlineData("lookup=" + Alpha + ",", "lookup")]
    [InlineData("lookup=", "lookup")]
    [InlineData("country=deu", "country")]
    [InlineData("country=d", "country")]
    [InlineData("as=AS", "as")]
    [InlineData("as=AS%208767", "as")]
    [InlineData("as=-3", "as")]
    [InlineData("as=4294967296", "as")]
    [InlineData("as_name=%C3%A9", "as_name")]
    [InlineData("flag=", "flag")]
    [InlineData("flag=Not-A-Flag", "flag")]
    [InlineData("first_seen_days=3-2", "first_seen_days")]
    [InlineData("first_seen_days=x", "first_seen_days")]
    [InlineData("first_seen_days=1-2-3", "first_seen_days")]
    [InlineData("first_seen_days=99999999999", "first_seen_days")]
    [InlineData("last_seen_since=2026-02-30", "last_seen_since")]
    [InlineData("family=" + Alpha + "," + Beta, "family")]
    [InlineData("version=bla-bla-bla", "version")]
    [InlineData("version=..", "version")]
    [InlineData("version=0....", "version")]
    [InlineData("version=*", "version")]
    [InlineData("version=0.4.8..0.4.7", "version")]
    [InlineData("host_name=a%20b", "host_name")]
    [InlineData("recommended_version=", "recommended_version")]
    [InlineData("overload_status=maybe", "overload_status")]
    [InlineData("order=nickname", "order")]
    [InlineData("order=first_seen,-first_seen", "order")]
    [InlineData("order=", "order")]
    [InlineData("offset=1234567", "offset")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=", "limit")]
    [InlineData("fields=a;b", "fields")]
    [InlineData("as_of=2026-13-01", "as_of")]
    public async Task Bad_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        var response = await fixture.Web.Client.GetAsync("/details?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
        Assert.Contains(parameter, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_keeps_listed_members_in_document_order()
    {
        using var json = await GetJsonAsync("/details?lookup=" + Alpha + "&fields=flags,NICKNAME,unknown");
        var relay = json.RootElement.GetProperty("relays")[0];
        Assert.Equal(["nickname", "flags"], relay.EnumerateObject().Select(p => p.Name));
        using var empty = await GetJsonAsync("/details?fields=&type=bridge&limit=1");
        Assert.Empty(empty.RootElement.GetProperty("bridges")[0].EnumerateObject());
    }

    [Fact]
    public async Task Relay_details_carry_what_statuses_and_descriptors_say()
    {
        var alpha = await DetailsAsync(Alpha);
        Assert.Equal(["198.51.100.1:9001", "[2001:db8::1]:9001"], Strings(alpha, "or_addresses"));
        Assert.Equal("198.51.100.1:9030", alpha.GetProperty("dir_address").GetString());
        Assert.Equal("2026-11-20 12:00:00", alpha.GetProperty("last_seen").GetString());
        Assert.Equal("2026-11-20 07:00:00", alpha.GetProperty("last_changed_address_or_port").GetString());
        Assert.Equal("2026-11-10 12:00:00", alpha.GetProperty("first_seen").GetString());
        Assert.True(alpha.GetProperty("running").GetBoolean());
        Assert.Equal(["Exit", "Fast", "Guard", "Running", "Stable", "Valid"], Strings(alpha, "flags"));
        Assert.Equal(3000, alpha.GetProperty("consensus_weight").GetInt64());
        Assert.Equal("2026-11-20 09:30:00", alpha.GetProperty("last_restarted").GetString());
        Assert.Equal(1000000, alpha.GetProperty("bandwidth_rate").GetInt64());
        Assert.Equal(2000000, alpha.GetProperty("bandwidth_burst").GetInt64());
        Assert.Equal(500000, alpha.GetProperty("observed_bandwidth").GetInt64());
        Assert.Equal(500000, alpha.GetProperty("advertised_bandwidth").GetInt64());
        Assert.Equal(["accept *:80", "accept *:443", "reject *:*"], Strings(alpha, "exit_policy"));
        Assert.Equal(["80", "443"], Strings(alpha.GetProperty("exit_policy_summary"), "accept"));
        Assert.Equal(["80", "443"], Strings(alpha.GetProperty("exit_policy_v6_summary"), "accept"));
        Assert.Equal("Alice <alice AT example DOT org>", alpha.GetProperty("contact").GetString());
        Assert.Equal("Tor 0.4.8.10 on Linux", alpha.GetProperty("platform").GetString());
        Assert.Equal("0.4.8.10", alpha.GetProperty("version").GetString());
        Assert.Equal("recommended", alpha.GetProperty("version_status").GetString());
        Assert.Equal([Gamma], Strings(alpha, "alleged_family"));
        Assert.Equal([Alpha, Beta], Strings(alpha, "effective_family"));
        Assert.Equal([Gamma], Strings(alpha, "indirect_family"));
        // Alpha is the only exit (Wed = 1) and a guard+exit (Wgd = Wmd = 0): every exit byte, no guard or middle.
        Assert.Equal(0.6, alpha.GetProperty("consensus_weight_fraction").GetDouble(), 5);
        Assert.Equal(0.0, alpha.GetProperty("guard_probability").GetDouble(), 5);
        Assert.Equal(0.0, alpha.GetProperty("middle_probability").GetDouble(), 5);
        Assert.Equal(1.0, alpha.GetProperty("exit_probability").GetDouble(), 5);
        Assert.True(alpha.GetProperty("recommended_version").GetBoolean());
        Assert.True(alpha.GetProperty("measured").GetBoolean());
        Assert.Equal(["[2001:db8::2]:9001"], Strings(alpha, "unreachable_or_addresses"));
        Assert.False(alpha.TryGetProperty("hibernating", out _));
        Assert.False(alpha.TryGetProperty("overload_general_timestamp", out _));

        var beta = await DetailsAsync(Beta);
        Assert.False(beta.TryGetProperty("dir_address", out _));
        Assert.Equal("2026-11-18 12:00:00", beta.GetProperty("last_changed_address_or_port").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            beta.GetProperty("overload_general_timestamp").GetInt64());
        Assert.Equal("Bob 100 tor+bob@example.net", beta.GetProperty("contact").GetString());
        Assert.Equal("unrecommended", beta.GetProperty("version_status").GetString());
        Assert.False(beta.GetProperty("recommended_version").GetBoolean());
        Assert.Equal(1.0, beta.GetProperty("guard_probability").GetDouble(), 5);
        Assert.Equal(1.0, beta.GetProperty("middle_probability").GetDouble(), 5);
        Assert.Equal([Alpha, Beta, Gamma], Strings(beta, "effective_family"));

        var gamma = await DetailsAsync(Gamma);
        Assert.False(gamma.GetProperty("running").GetBoolean());
        Assert.Equal("2026-11-20 11:00:00", gamma.GetProperty("last_seen").GetString());
        Assert.False(gamma.TryGetProperty("consensus_weight_fraction", out _));
        Assert.False(gamma.GetProperty("measured").GetBoolean());
        Assert.True(gamma.GetProperty("hibernating").GetBoolean());
        Assert.Equal("experimental", gamma.GetProperty("version_status").GetString());
        Assert.Equal([Beta, Gamma], Strings(gamma, "effective_family"));
        Assert.Equal([Alpha], Strings(gamma, "indirect_family"));
        Assert.False(gamma.TryGetProperty("alleged_family", out _));
    }

    [Fact]
    public async Task Bridge_details_carry_transports_distributor_and_blocklist()
    {
        using var json = await GetJsonAsync("/details?lookup=" + BridgeOne);
        var bridge = json.RootElement.GetProperty("bridges")[0];
        Assert.Equal(["nickname", "hashed_fingerprint", "or_addresses", "last_seen", "first_seen", "running", "flags",
                "last_restarted", "advertised_bandwidth", "contact", "platform", "version", "version_status",
                "recommended_version", "transports", "bridgedb_distributor", "blocklist"],
            bridge.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-19 12:00:00", bridge.GetProperty("first_seen").GetString());
        Assert.Equal(200000, bridge.GetProperty("advertised_bandwidth").GetInt64());
        Assert.Equal(["obfs4"], Strings(bridge, "transports"));
        Assert.Equal("moat", bridge.GetProperty("bridgedb_distributor").GetString());
        Assert.Equal(["ru", "by"], Strings(bridge, "blocklist"));
    }

    [Fact]
    public async Task History_documents_have_graphs_and_respect_node_kinds()
    {
        using var bandwidth = await GetJsonAsync("/bandwidth?lookup=" + Alpha);
        var write = bandwidth.RootElement.GetProperty("relays")[0].GetProperty("write_history").GetProperty("1_month");
        Assert.Equal(86400, write.GetProperty("interval").GetInt32());
        Assert.Equal(write.GetProperty("count").GetInt32(), write.GetProperty("values").GetArrayLength());
        Assert.Contains(999, write.GetProperty("values").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetInt32()));

        using var weights = await GetJsonAsync("/weights");
        Assert.Empty(weights.RootElement.GetProperty("bridges").EnumerateArray());
        var alphaWeights = weights.RootElement.GetProperty("relays")[0];
        Assert.Equal(14400, alphaWeights.GetProperty("consensus_weight_fraction").GetProperty("1_month").GetProperty("interval").GetInt32());

        using var clients = await GetJsonAsync("/clients");
        Assert.Empty(clients.RootElement.GetProperty("relays").EnumerateArray());
        var average = clients.RootElement.GetProperty("bridges")[0].GetProperty("average_clients").GetProperty("1_month");
        // 40 clients a day to 11-19 08:00, then 80: the UTC day 11-19 averages (8 h × 40 + 16 h × 80) / 24, the maximum.
        Assert.Equal((8 * 40 + 16 * 80) / 24.0 / 999, average.GetProperty("factor").GetDouble(), 9);
        Assert.Equal([599, 999], average.GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));

        using var uptime = await GetJsonAsync("/uptime?lookup=" + Alpha);
        var alphaUptime = uptime.RootElement.GetProperty("relays")[0];
        Assert.True(alphaUptime.GetProperty("uptime").TryGetProperty("1_month", out _));
        Assert.True(alphaUptime.GetProperty("flags").TryGetProperty("Exit", out _));
    }

    [Fact]
    public async Task Headers_cors_last_modified_cache_control_and_304()
    {
        var response = await fixture.Web.Client.GetAsync("/summary");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var lastModified = response.Content.Headers.LastModified;
        Assert.Equal(OnionooSeedNetwork.Now, lastModified?.UtcDateTime);
        // Just published: the longest cache time, 45 minutes.
        Assert.Equal(TimeSpan.FromMinutes(45), response.Headers.CacheControl?.MaxAge);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/summary?limit=nonsense");
        conditional.Headers.IfModifiedSince = lastModified;
        var notModified = await fixture.Web.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/summary");
        stale.Headers.IfModifiedSince = lastModified!.Value.AddSeconds(-1);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Web.Client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Large_responses_are_gzipped_when_asked_and_head_has_no_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/details");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var response = await fixture.Web.Client.SendAsync(request);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        await using var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var json = await JsonDocument.ParseAsync(gzip);
        Assert.Equal(3, json.RootElement.GetProperty("relays").GetArrayLength());

        var head = await fixture.Web.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/details?type=relay"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        Assert.Equal("Alpha1 Beta2 gamma3 |", await NicknamesAsync("/onionoo/summary?type=relay"));
    }

    [Fact]
    public async Task As_of_answers_from_the_archive_for_a_past_day()
    {
        using var json = await GetJsonAsync("/details?as_of=2026-11-19");
        Assert.Equal("2026-11-18 12:00:00", json.RootElement.GetProperty("relays_published").GetString());
        Assert.Equal("2026-11-19 12:00:00", json.RootElement.GetProperty("bridges_published").GetString());
        Assert.Equal("Alpha1 Beta2 | BridgeOne Unnamed", Nicknames(json));
        var alpha = json.RootElement.GetProperty("relays")[0];
        Assert.Equal(["198.51.100.9:9001", "[2001:db8::1]:9001"], Strings(alpha, "or_addresses"));
        // Days are counted from the end of that day: Alpha was first seen 9 days before it.
        Assert.Equal("Alpha1 |", await NicknamesAsync("/summary?as_of=2026-11-19&first_seen_days=9"));
    }

    private async Task<JsonElement> DetailsAsync(string fingerprint)
    {
        using var json = await GetJsonAsync("/details?lookup=" + fingerprint);
        return json.RootElement.GetProperty("relays")[0].Clone();
    }

    private async Task<JsonDocument> GetJsonAsync(string url)
    {
        var response = await fixture.Web.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    private async Task<string> NicknamesAsync(string url)
    {
        using var json = await GetJsonAsync(url);
        return Nicknames(json);
    }

    private static string Nicknames(JsonDocument json, string key = "n") =>
        string.Join(' ', Names(json, "relays", key).Append("|").Concat(Names(json, "bridges", key)));

    private static IEnumerable<string> Names(JsonDocument json, string list, string key) =>
        json.RootElement.GetProperty(list).EnumerateArray()
            .Select(n => n.TryGetProperty(key, out var v) ? v.GetString()! : n.TryGetProperty("nickname", out var nick) ? nick.GetString()! : "?");

    private static int Counter(JsonDocument json, string name) =>
        json.RootElement.TryGetProperty(name, out var value) ? value.GetInt32() : 0;

    private static string[] Strings(JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    private static string Sha1(string hex) => Convert.ToHexString(SHA1.HashData(Convert.FromHexString(hex)));
}
