using System.Net;
using TorMetrics.Domain.Bandwidth;
using TorMetrics.Domain.Onionoo.Enrichment;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Onionoo.Enrichment;

/// <summary>The time budget of a reverse DNS run, on a database of its own (it seeds its own newest consensus).</summary>
public sealed class ReverseDnsUpdaterBudgetTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly DateTime Newest = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task RunAsync_BudgetSpent_LeavesAddressesForTheNextRun()
    {
        await RelayConsensusSeed.InsertAsync(database.DataSource, Newest, "127.0.1.1", "127.0.1.2", "127.0.1.3");
        var resolver = new LoopbackHostNameResolver();
        foreach (var address in new[] { "127.0.1.1", "127.0.1.2", "127.0.1.3" })
        {
            resolver.Hanging.Add(IPAddress.Parse(address));
        }

        var options = new ReverseDnsOptions { Enabled = true, Workers = 2, Budget = TimeSpan.FromSeconds(1), LookupTimeout = TimeSpan.FromMinutes(1) };

        var report = await new ReverseDnsUpdater(database.DataSource, resolver, new FixedTimeProvider(new DateTimeOffset(Newest)))
            .RunAsync(options, null, default);

        Assert.Equal((3, 0, 3), (report.Due, report.LookedUp, report.NotReached));
        Assert.Equal(2, resolver.Questions); // two workers, each stuck on its first address until the budget ran out
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM onionoo_host_names WHERE address << '127.0.1.0/24'"));
    }
}
