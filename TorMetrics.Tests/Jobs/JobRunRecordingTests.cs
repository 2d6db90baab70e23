using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Jobs;

public sealed class JobRunRecordingTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task TriggerJob_ThroughApi_RunIsRecordedWithOutcomeDurationAndCounts()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString);
        using var client = await factory.CreateSignedInClientAsync();

        var trigger = await client.PostAsync("/api/jobs/prune-job-runs/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);

        var runs = await Eventually.WaitForAsync(
            () => client.GetFromJsonAsync<JsonElement>("/api/jobs/prune-job-runs/runs"),
            r => r.GetArrayLength() > 0 && r[0].GetProperty("outcome").GetString() == "Succeeded",
            TimeSpan.FromSeconds(30),
            "a succeeded run of prune-job-runs");

        var run = runs[0];
        Assert.True(run.GetProperty("manual").GetBoolean());
        Assert.True(run.GetProperty("durationSeconds").GetDouble() >= 0);
        Assert.Equal(100, run.GetProperty("progressPercent").GetInt32());
        using var counts = JsonDocument.Parse(run.GetProperty("counts").GetString()!);
        Assert.Equal(0, counts.RootElement.GetProperty("deleted").GetInt64());
    }

    [Fact]
    public async Task PauseAndResume_ThroughApi_ShowInJobList()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString);
        using var client = await factory.CreateSignedInClientAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/jobs/prune-job-runs/pause", null)).StatusCode);
        var paused = await client.GetFromJsonAsync<JsonElement>("/api/jobs");
        Assert.True(paused.EnumerateArray().Single(j => j.GetProperty("name").GetString() == "prune-job-runs").GetProperty("paused").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/jobs/prune-job-runs/resume", null)).StatusCode);
        var resumed = await client.GetFromJsonAsync<JsonElement>("/api/jobs");
        var job = resumed.EnumerateArray().Single(j => j.GetProperty("name").GetString() == "prune-job-runs");
        Assert.False(job.GetProperty("paused").GetBoolean());
        Assert.Equal("0 17 3 * * ?", job.GetProperty("cron").GetString());
        Assert.True(job.GetProperty("nextFireTime").GetDateTime() > DateTime.UtcNow);
    }
}
