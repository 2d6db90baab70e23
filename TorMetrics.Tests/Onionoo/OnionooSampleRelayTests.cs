using System.Text.Json;
using TorMetrics.Domain.Onionoo.Updating;
using TorMetrics.Tests.Import;

namespace TorMetrics.Tests.Onionoo;

/// <summary>The sample corpus imported by the real importer, one update, and the web host answering from it.</summary>
public sealed class OnionooSamplesFixture : IAsyncLifetime
{
    public ImportedSamplesFixture Samples { get; } = new();

    public OnionooUpdateReport Update { get; private set; } = null!;

    public WebApplicationFactoryClient Web { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Samples.InitializeAsync();
        var clock = TimeProvider.System;
        Update = await new OnionooUpdater(
            new OnionooHistoryUpdater(Samples.DataSource, clock),
            new OnionooSnapshotBuilder(Samples.DataSource, clock),
            new OnionooGenerationStore(Samples.DataSource)).UpdateAsync(null, CancellationToken.None);
        Web = await WebApplicationFactoryClient.StartAsync(Samples.ConnectionString, clock);
    }

    public async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        await Samples.DisposeAsync();
    }
}

/// <summary>A relay from the real samples (relay0, B7052E82…), in the consensus of 2017-03-10 with descriptors of 2016-10-02.</summary>
public sealed class OnionooSampleRelayTests(OnionooSamplesFixture fixture) : IClassFixture<OnionooSamplesFixture>
{
    private const string Relay0 = "B7052E82B19DC57023CB44F46558C7AA8B30389F";

    [Fact]
    public async Task Newest_consensus_relays_are_served_live()
    {
        // The newest relay consensus in the samples is of 2024-05-17 17:00; its relays are the live generation.
        Assert.True(fixture.Update.Relays > 5000, $"{fixture.Update.Relays} relays served");
        using var json = JsonDocument.Parse(await fixture.Web.Client.GetStringAsync("/summary?limit=1"));
        Assert.Equal("2024-05-17 17:00:00", json.RootElement.GetProperty("relays_published").GetString());
    }

    [Fact]
    public async Task Sample_relay_has_every_field_its_descriptors_support_and_bandwidth_graphs()
    {
        using var details = JsonDocument.Parse(await fixture.Web.Client.GetStringAsync($"/details?as_of=2017-03-10&lookup={Relay0}"));
        var relay = details.RootElement.GetProperty("relays").EnumerateArray().Single();
        var members = relay.EnumerateObject().Select(p => p.Name).ToList();
        // From the consensus: addresses, flags, weight, version; from the server descriptor of 2016-10-02: the rest.
        // Country from Debian's tor-geoipdb, which the test machines install. (No family line, no IPv6, no overload or
        // hibernation in that descriptor, no AS database or host names configured in tests. That
        // consensus is the microdesc flavour, which has no "p" line, and the samples lack its microdescriptor, so no
        // exit_policy_summary.)
        Assert.Equal(
        [
            "nickname", "fingerprint", "or_addresses", "dir_address", "last_seen", "last_changed_address_or_port", "first_seen",
            "running", "flags", "country", "country_name", "consensus_weight", "last_restarted", "bandwidth_rate", "bandwidth_burst", "observed_bandwidth",
            "advertised_bandwidth", "exit_policy", "contact", "platform", "version", "version_status",
            "effective_family", "consensus_weight_fraction", "guard_probability", "middle_probability", "exit_probability",
            "recommended_version", "measured",
        ], members);
        Assert.Equal("relay0", relay.GetProperty("nickname").GetString());
        Assert.Equal("nl", relay.GetProperty("country").GetString());
        Assert.Equal("Netherlands", relay.GetProperty("country_name").GetString());
        Assert.Equal("2016-09-20 13:00:00", relay.GetProperty("first_seen").GetString());
        Assert.Equal("2017-03-10 10:00:00", relay.GetProperty("last_seen").GetString());
        Assert.Equal("Tor 0.2.4.24 on Linux", relay.GetProperty("platform").GetString());
        Assert.Equal(14749696, relay.GetProperty("advertised_bandwidth").GetInt64());

        using var bandwidth = JsonDocument.Parse(await fixture.Web.Client.GetStringAsync($"/bandwidth?as_of=2017-03-10&lookup={Relay0}"));
        var document = bandwidth.RootElement.GetProperty("relays").EnumerateArray().Single();
        foreach (var history in new[] { "read_history", "write_history" })
        {
            // The extra-info of 2016-10-02 reports 15-minute intervals; five months later they fall in the 6-month graph.
            var graph = document.GetProperty(history).GetProperty("6_months");
            Assert.Equal(86400, graph.GetProperty("interval").GetInt32());
            Assert.True(graph.GetProperty("count").GetInt32() >= 2);
            Assert.True(graph.GetProperty("factor").GetDouble() > 0);
        }
    }
}
