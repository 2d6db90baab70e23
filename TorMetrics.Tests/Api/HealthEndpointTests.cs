using System.Net;
using System.Text.Json;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Api;

public sealed class HealthEndpointTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Health_DatabaseReachable_ReportsHealthyWithEveryJob()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.True(checks.GetProperty("jobs").GetProperty("data").TryGetProperty("prune-job-runs", out _));
    }

    [Fact]
    public async Task Health_LastRunOfAJobFailed_ReportsDegraded()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString);
        using var client = factory.CreateClient();
        await using (var insert = database.DataSource.CreateCommand("""
            INSERT INTO job_runs (job_name, fire_instance_id, scheduler_instance, manual, started_at, finished_at, outcome, error)
            VALUES ('prune-job-runs', 'failed-run', 'test', true, now(), now(), 'Failed', 'boom')
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        try
        {
            var response = await client.GetAsync("/health");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            // Degraded still answers 200: the service works, an operator should look at the failed job.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Degraded", body.RootElement.GetProperty("status").GetString());
        }
        finally
        {
            await using var delete = database.DataSource.CreateCommand("DELETE FROM job_runs WHERE fire_instance_id = 'failed-run'");
            await delete.ExecuteNonQueryAsync();
        }
    }
}
