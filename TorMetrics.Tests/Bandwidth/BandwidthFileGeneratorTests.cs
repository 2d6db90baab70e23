using TorMetrics.Domain.Bandwidth;
using TorMetrics.Domain.Bandwidth.Generation;
using TorMetrics.Domain.Bandwidth.Results;
using TorMetrics.Domain.Import;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Bandwidth;

public sealed class BandwidthFileGeneratorTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1700100000);
    private readonly string _output = Directory.CreateTempSubdirectory("tm-v3bw-").FullName;

    [Fact]
    public async Task Generate_Synthetic_ArchivesTheFileAndRecordsFiguresAndWeights()
    {
        var clock = new FixedTimeProvider(Now);
        await new MeasurementImporter(database.DataSource, clock).ImportAsync("archived", [SampleFiles.PathOf("sbws/synthetic/results")]);
        var options = Options("archived");

        var result = await Generator(clock).GenerateAsync(options);

        var hex = Convert.ToHexString(result.Sha256!);
        Assert.Equal("Parsed", await database.ScalarAsync<string>($"SELECT parse_status FROM raw_documents WHERE sha256 = '\\x{hex}'"));
        Assert.Equal(5, await database.ScalarAsync<int>($"SELECT eligible_relays FROM bandwidth_file_generations WHERE id = {result.GenerationId}"));
        Assert.Equal(8600L, await database.ScalarAsync<long>(
            $"SELECT bw FROM bandwidth_file_relays WHERE generation_id = {result.GenerationId} AND fingerprint = '\\x{new string('3', 40)}'"));
        Assert.Empty(Directory.GetFiles(_output, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Generate_NoResultsInWindow_WritesNothing()
    {
        var clock = new FixedTimeProvider(Now.AddDays(60));
        await new MeasurementImporter(database.DataSource, clock).ImportAsync("stale", [SampleFiles.PathOf("sbws/synthetic/results")]);
        var options = Options("stale");

        var result = await Generator(clock).GenerateAsync(options);

        Assert.False(result.Written);
        Assert.False(File.Exists(options.OutputPath));
    }

    [Fact]
    public async Task Generate_Linear_TotalIsRelaysTimesQuota()
    {
        var clock = new FixedTimeProvider(Now);
        await new MeasurementImporter(database.DataSource, clock).ImportAsync("linear", [SampleFiles.PathOf("sbws/synthetic/results")]);
        var options = Options("linear");
        options.Scaling = BandwidthScaling.Linear;

        var result = await Generator(clock).GenerateAsync(options);

        // Eligible lines come first; the relay without observed bandwidth is excluded whatever the scaling.
        Assert.Equal(5, result.Document!.Figures.EligibleRelays);
        var voted = result.Document.Lines.Take(5).ToList();
        Assert.InRange(voted.Sum(l => l.Bw), 5 * 7500 - 3, 5 * 7500 + 3);
        Assert.DoesNotContain("r_strm", result.Document.Text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private BandwidthGeneratorOptions Options(string scanner) => new()
    {
        ScannerId = scanner,
        OutputPath = Path.Combine(_output, scanner, "latest.v3bw"),
        ConsensusPath = SampleFiles.PathOf("sbws/synthetic/tor/cached-consensus"),
    };

    private BandwidthFileGenerator Generator(TimeProvider clock) =>
        new(database.DataSource, new DescriptorImporter(database.DataSource, clock), clock);
}
