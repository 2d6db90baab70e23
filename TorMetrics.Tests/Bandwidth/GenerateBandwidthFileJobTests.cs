using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TorMetrics.Domain.Bandwidth;
using TorMetrics.Domain.Bandwidth.Results;
using TorMetrics.Jobs.Scheduling;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Bandwidth;

public sealed class GenerateBandwidthFileJobTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("tm-v3bw-").FullName;

    [Fact]
    public async Task Trigger_WithConfiguredScanner_WritesTheFileAndRecordsCounts()
    {
        var path = Path.Combine(_output, "latest.v3bw");
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["BandwidthAuthority:ScannerId"] = "job",
            ["BandwidthAuthority:OutputPath"] = path,
            ["BandwidthAuthority:ConsensusPath"] = SampleFiles.PathOf("sbws/synthetic/tor/cached-consensus"),
        });
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(
            s => s.AddSingleton<TimeProvider>(new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1700100000)))));
        await host.Services.GetRequiredService<MeasurementImporter>().ImportAsync("job", [SampleFiles.PathOf("sbws/synthetic/results")]);

        Assert.True(await host.Services.GetRequiredService<JobControl>().TriggerAsync("generate-bandwidth-file", default));

        var counts = await Eventually.WaitForAsync(
            () => database.ScalarAsync<string>(
                "SELECT coalesce((SELECT counts::text FROM job_runs WHERE job_name = 'generate-bandwidth-file' AND outcome = 'Succeeded' LIMIT 1), '')"),
            c => c.Length > 0, TimeSpan.FromSeconds(30), "a succeeded run of generate-bandwidth-file");
        Assert.Contains("\"eligible\": 5", counts, StringComparison.Ordinal);
        Assert.StartsWith("1700090000\nversion=1.9.0\n", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
