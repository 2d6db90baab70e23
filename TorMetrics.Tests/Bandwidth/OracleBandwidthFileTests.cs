using System.Text;
using TorMetrics.Domain.Bandwidth;
using TorMetrics.Domain.Bandwidth.Generation;
using TorMetrics.Domain.Bandwidth.Results;
using TorMetrics.Domain.Import;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Bandwidth;

/// <summary>
/// The acceptance test: for every file sbws 1.9 wrote in oracle-expected, import the same results, generate with the
/// same options and clock, and compare the written file line for line.
/// </summary>
public sealed class OracleBandwidthFileTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("tm-v3bw-").FullName;

    public static TheoryData<string> Cases => [.. OracleCase.Names()];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Generate_SameInputsOptionsAndClock_WritesTheOracleFile(string name)
    {
        var oracle = OracleCase.Parse(name);
        var clock = new FixedTimeProvider(oracle.Now);
        await new MeasurementImporter(database.DataSource, clock).ImportAsync(oracle.ScannerId, oracle.Inputs);
        oracle.Options.OutputPath = Path.Combine(_output, name, "latest.v3bw");
        var generator = new BandwidthFileGenerator(database.DataSource, new DescriptorImporter(database.DataSource, clock), clock);

        var result = await generator.GenerateAsync(oracle.Options);

        Assert.True(result.Written);
        var expected = Encoding.UTF8.GetString(SampleFiles.Read($"{OracleCase.Folder}/{name}.v3bw"));
        var actual = await File.ReadAllTextAsync(oracle.Options.OutputPath);
        AssertSameLines(expected, actual);
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private static void AssertSameLines(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            Assert.True(string.Equals(e[i], a[i], StringComparison.Ordinal),
                $"first difference at line {i + 1}:\n  expected: {e[i]}\n  actual:   {a[i]}");
        }

        if (e.Length != a.Length)
        {
            Assert.Fail($"expected {e.Length} lines, got {a.Length}; first extra: " + (e.Length > a.Length ? e[a.Length] : a[e.Length]));
        }
    }
}
