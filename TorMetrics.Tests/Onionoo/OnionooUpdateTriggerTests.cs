using System.Text.Json;
using TorMetrics.Domain.Import;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Onionoo;

/// <summary>
/// Event-driven updates: importing statuses (here by an importer outside the web host, as the CLI would) makes the
/// running host update the documents and serve them, without waiting for the hourly fallback.
/// </summary>
public sealed class OnionooUpdateTriggerTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Importing_statuses_triggers_an_update_that_the_host_then_serves()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Onionoo:RefreshInterval"] = "00:00:00.5",
        });
        using var client = factory.CreateClient();
        var before = await client.GetAsync("/summary");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, before.StatusCode);

        var directory = OnionooSeedNetwork.WriteTo(Path.Combine(Path.GetTempPath(), "tormetrics-onionoo-trigger-" + database.DatabaseName));
        try
        {
            await new DescriptorImporter(database.DataSource, TimeProvider.System).ImportAsync([directory], "test");
            var relays = await Eventually.WaitForAsync(
                async () =>
                {
                    var response = await client.GetAsync("/summary?type=relay");
                    if (!response.IsSuccessStatusCode)
                    {
                        return -1;
                    }

                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    return json.RootElement.GetProperty("relays").GetArrayLength();
                },
                count => count == 3,
                TimeSpan.FromSeconds(60),
                "the imported relays to be served");
            Assert.Equal(3, relays);

            // The documents are published before the job's run record is closed; the run is recorded as a manual trigger.
            await Eventually.WaitForAsync(
                () => database.ScalarAsync<long>(
                    "SELECT count(*) FROM job_runs WHERE job_name = 'update-onionoo' AND manual AND outcome = 'Succeeded'"),
                count => count >= 1,
                TimeSpan.FromSeconds(30),
                "the triggered update's run to be recorded");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
