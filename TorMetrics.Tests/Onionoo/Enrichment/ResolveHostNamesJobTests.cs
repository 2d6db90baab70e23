using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TorMetrics.Domain.Onionoo.Enrichment;
using TorMetrics.Jobs.Scheduling;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Onionoo.Enrichment;

/// <summary>
/// The job through the real host and scheduler, with the system resolver: the consensus lists only 127.0.0.1, which
/// /etc/hosts names <c>localhost</c> and which <c>localhost</c> resolves back to, so no query leaves the machine.
/// </summary>
public sealed class ResolveHostNamesJobTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Trigger_Enabled_StoresLocalhostAsVerifiedAndRecordsCounts()
    {
        await RelayConsensusSeed.InsertAsync(database.DataSource, DateTime.UtcNow.AddHours(-1), "127.0.0.1");
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Onionoo:ReverseDns:Enabled"] = "true",
        });

        Assert.True(await factory.Services.GetRequiredService<JobControl>().TriggerAsync("resolve-host-names", default));

        var counts = await Eventually.WaitForAsync(
            () => database.ScalarAsync<string>(
                "SELECT coalesce((SELECT counts::text FROM job_runs WHERE job_name = 'resolve-host-names' AND outcome = 'Succeeded' AND counts::text LIKE '%due%' LIMIT 1), '')"),
            c => c.Length > 0, TimeSpan.FromSeconds(60), "a succeeded run of resolve-host-names");
        Assert.Contains("\"due\": 1", counts, StringComparison.Ordinal);
        Assert.Contains("\"verified_names\": 1", counts, StringComparison.Ordinal);
        Assert.Contains("\"failed\": 0", counts, StringComparison.Ordinal);
        var names = await factory.Services.GetRequiredService<IHostNameStore>().GetAsync([IPAddress.Loopback], default);
        Assert.Equal(["localhost"], names[IPAddress.Loopback].Verified);
        Assert.Empty(names[IPAddress.Loopback].Unverified);
    }

    [Fact]
    public async Task Trigger_NotEnabled_RecordsTheSkip()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Onionoo:ReverseDns:Enabled"] = "false",
        });

        Assert.True(await factory.Services.GetRequiredService<JobControl>().TriggerAsync("resolve-host-names", default));

        var counts = await Eventually.WaitForAsync(
            () => database.ScalarAsync<string>(
                "SELECT coalesce((SELECT string_agg(counts::text, '') FROM job_runs WHERE job_name = 'resolve-host-names' AND counts::text LIKE '%skipped%'), '')"),
            c => c.Length > 0, TimeSpan.FromSeconds(60), "a skipped run of resolve-host-names");
        Assert.Equal("{\"skipped_not_enabled\": 1}", counts);
    }
}
