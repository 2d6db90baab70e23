using TorMetrics.Domain.Data.Migrations;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Jobs;

/// <summary>Two app instances on one database: migrations applied once, every scheduled fire time run once.</summary>
public sealed class ClusteredSchedulingTests(EmptyDatabaseFixture database) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task TwoInstances_OneDatabase_MigrateOnceAndRunEachFireTimeOnce()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "true",
            ["Jobs:Schedules:prune-job-runs"] = "* * * * * ?",
        };
        await using var first = new TorMetricsWebFactory(database.ConnectionString, settings);
        await using var second = new TorMetricsWebFactory(database.ConnectionString, settings);

        // Both hosts start at the same moment on an empty database, as two instances deployed together would.
        await Task.WhenAll(Task.Run(() => first.CreateClient()), Task.Run(() => second.CreateClient()));

        Assert.Equal(MigrationScripts.Embedded().Count, await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));

        await Eventually.WaitForAsync(
            () => database.ScalarAsync<long>("SELECT count(*) FROM job_runs WHERE NOT manual AND outcome = 'Succeeded'"),
            count => count >= 8,
            TimeSpan.FromSeconds(60),
            "eight scheduled runs");

        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM quartz.qrtz_scheduler_state"));
        var duplicates = await database.ScalarAsync<long>("""
            SELECT count(*) FROM (
                SELECT scheduled_fire_time FROM job_runs WHERE NOT manual
                GROUP BY job_name, scheduled_fire_time HAVING count(*) > 1) d
            """);
        Assert.Equal(0L, duplicates);
    }
}
