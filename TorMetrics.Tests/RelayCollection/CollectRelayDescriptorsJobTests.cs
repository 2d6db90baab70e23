using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using TorMetrics.Jobs;
using TorMetrics.Jobs.Scheduling;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.RelayCollection;

/// <summary>The job as the host schedules it: a run collects, records its counts, and sets its own next fire time.</summary>
[Collection(TestNetworkCollection.Name)]
public sealed class CollectRelayDescriptorsJobTests(TestNetworkFixture fixture, PostgresDatabaseFixture database)
    : IClassFixture<PostgresDatabaseFixture>
{
    [TorFact]
    public async Task Trigger_WithTestNetworkAuthorities_CollectsAndSchedulesItsNextRunFromTheVotingSchedule()
    {
        var settings = new Dictionary<string, string?> { ["Jobs:Schedules:collect-relay-descriptors"] = "0 0 0 1 1 ? 2099" };
        foreach (var (authority, i) in fixture.Network.Authorities.Select((a, i) => (a, i)))
        {
            settings[string.Create(CultureInfo.InvariantCulture, $"RelayCollection:Authorities:{i}")] =
                string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{authority.DirPort}");
        }

        await using var factory = new TorMetricsWebFactory(database.ConnectionString, settings);
        Assert.True(await factory.Services.GetRequiredService<JobControl>().TriggerAsync("collect-relay-descriptors", default));

        var counts = await Eventually.WaitForAsync(
            () => database.ScalarAsync<string>(
                "SELECT coalesce((SELECT counts::text FROM job_runs WHERE job_name = 'collect-relay-descriptors' AND outcome = 'Succeeded' " +
                "ORDER BY started_at LIMIT 1), '')"),
            c => c.Length > 0, TimeSpan.FromSeconds(90), "a succeeded run of collect-relay-descriptors");
        Assert.Contains("\"documents_new\"", counts, StringComparison.Ordinal);
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM network_statuses WHERE NOT is_vote") >= 2);
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM server_descriptors") >= 10);
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM relay_fetches WHERE status = 200") > 0);

        // The follow-up trigger (not the catalog's cron, set far in the future here) fires the next run.
        var scheduled = await Eventually.WaitForAsync(
            () => database.ScalarAsync<long>(
                "SELECT count(*) FROM job_runs WHERE job_name = 'collect-relay-descriptors' AND NOT manual AND outcome = 'Succeeded'"),
            n => n >= 1, TimeSpan.FromSeconds(120), "a run fired by the job's own follow-up trigger");
        Assert.True(scheduled >= 1);
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.NotNull(await scheduler.GetTrigger(JobCatalog.Find("collect-relay-descriptors")!.FollowUpTriggerKey));
    }
}
