using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TorMetrics.Domain.Bandwidth;
using TorMetrics.Domain.Bandwidth.Generation;
using TorMetrics.Domain.Bandwidth.Results;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Bandwidth;

/// <summary>The generator as the host wires it (settings, clock), and the two admin pages on what it wrote.</summary>
public sealed class BandwidthAdminPagesTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1700100000);
    private readonly string _output = Directory.CreateTempSubdirectory("tm-v3bw-").FullName;

    [Fact]
    public async Task Pages_AfterHostedGeneration_ShowFiguresAndRelayWeights()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "false",
            ["BandwidthAuthority:ScannerId"] = "hosted",
            ["BandwidthAuthority:OutputPath"] = Path.Combine(_output, "latest.v3bw"),
            ["BandwidthAuthority:ConsensusPath"] = SampleFiles.PathOf("sbws/synthetic/tor/cached-consensus"),
        });
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(
            s => s.AddSingleton<TimeProvider>(new FixedTimeProvider(Now))));
        await host.Services.GetRequiredService<MeasurementImporter>().ImportAsync("hosted", [SampleFiles.PathOf("sbws/synthetic/results")]);
        var options = host.Services.GetRequiredService<IOptions<BandwidthGeneratorOptions>>().Value;

        var result = await host.Services.GetRequiredService<BandwidthFileGenerator>().GenerateAsync(options);

        Assert.True(result.Written);
        Assert.True(File.Exists(Path.Combine(_output, "latest.v3bw")));
        var client = await factory.CreateSignedInClientAsync();
        var files = await client.GetStringAsync("/admin/bandwidth");
        Assert.Contains("hosted", files, StringComparison.Ordinal);
        Assert.Contains("(62 %)", files, StringComparison.Ordinal);
        var relay = await client.GetStringAsync("/admin/bandwidth/relay?fingerprint=" + new string('3', 40));
        Assert.Contains("relay-measurements-chart", relay, StringComparison.Ordinal);
        // R3's capped weight, as the chart's data.
        Assert.Contains("8600", relay, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
