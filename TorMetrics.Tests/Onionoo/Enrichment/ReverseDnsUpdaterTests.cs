using System.Net;
using TorMetrics.Domain.Bandwidth;
using TorMetrics.Domain.Onionoo.Enrichment;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Onionoo.Enrichment;

/// <summary>Reverse DNS runs on the real schema with a resolver fed with loopback data; no query leaves the process.</summary>
public sealed class ReverseDnsUpdaterTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly DateTime Newest = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly IPAddress Verified = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Hanging = IPAddress.Parse("127.0.0.3");
    private static readonly IPAddress Nameless = IPAddress.Parse("127.0.0.4");
    private static readonly IPAddress OnlyInOlderConsensus = IPAddress.Parse("127.0.0.5");
    private static readonly IPAddress Failing = IPAddress.Parse("127.0.0.6");

    [Fact]
    public async Task RunAsync_NewestConsensus_VerifiedUnverifiedTimeoutsAndFailuresStoredAndRetried()
    {
        await RelayConsensusSeed.InsertAsync(database.DataSource, Newest.AddHours(-1), "127.0.0.5", "127.0.0.2");
        await RelayConsensusSeed.InsertAsync(database.DataSource, Newest, "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.6", "127.0.0.2");
        var resolver = new LoopbackHostNameResolver();
        resolver.Pointers[Verified] = ["relay.example.", "alias.example", "stale.example"];
        resolver.Addresses["relay.example"] = [Verified];
        resolver.Addresses["alias.example"] = [IPAddress.Parse("127.0.0.9")];
        resolver.Hanging.Add(Hanging);
        resolver.Failing.Add(Failing);
        var options = new ReverseDnsOptions { Enabled = true, LookupTimeout = TimeSpan.FromMilliseconds(300) };
        var progress = new List<ReverseDnsProgress>();

        var report = await Updater(resolver, Newest.AddMinutes(30)).RunAsync(options, new SynchronousProgress(progress), default);

        Assert.Equal(new ReverseDnsReport(Due: 4, LookedUp: 4, WithNames: 1, VerifiedNames: 1, UnverifiedNames: 2, Failed: 2, NotReached: 0, Pruned: 0), report);
        Assert.Equal(new ReverseDnsProgress(4, 4), progress[^1]);
        var stored = await new HostNameStore(database.DataSource).GetAsync([Verified, Hanging, Nameless, OnlyInOlderConsensus, Failing], default);
        var names = Assert.Single(stored);
        Assert.Equal(Verified, names.Key);
        Assert.Equal(["relay.example"], names.Value.Verified);
        Assert.Equal(["alias.example", "stale.example"], names.Value.Unverified);
        Assert.Equal(
            "127.0.0.2 ok|127.0.0.3 PTR lookup timed out after 0.3 s|127.0.0.4 ok|127.0.0.6 PTR lookup failed: TryAgain",
            await database.ScalarAsync<string>(
                "SELECT string_agg(host(address) || ' ' || coalesce(error, 'ok'), '|' ORDER BY address) FROM onionoo_host_names"));

        // An hour later only the failures are due; once the names are 12 hours old, everything is.
        resolver.Hanging.Clear();
        resolver.Failing.Clear();
        var retry = await Updater(resolver, Newest.AddHours(1)).RunAsync(options, null, default);
        Assert.Equal((2, 0), (retry.Due, retry.Failed));
        var refresh = await Updater(resolver, Newest.AddHours(14)).RunAsync(options, null, default);
        Assert.Equal(4, refresh.Due);

        // Rows untouched for longer than ForgetAfter go.
        var later = await Updater(resolver, Newest.AddDays(30)).RunAsync(options, null, default);
        Assert.Equal(4, later.Pruned);
    }

    private ReverseDnsUpdater Updater(LoopbackHostNameResolver resolver, DateTime now) =>
        new(database.DataSource, resolver, new FixedTimeProvider(new DateTimeOffset(now)));

    /// <summary>Records reports on the reporting thread, unlike <see cref="Progress{T}"/>, so the last one is there when the run returns.</summary>
    private sealed class SynchronousProgress(List<ReverseDnsProgress> reports) : IProgress<ReverseDnsProgress>
    {
        public void Report(ReverseDnsProgress value) => reports.Add(value);
    }
}
