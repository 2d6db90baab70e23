using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.NetworkStatuses;
using TorMetrics.Domain.Import;

namespace TorMetrics.Web.Cli;

/// <summary>
/// Performance figures, printed rather than asserted: absolute numbers vary between machines, so each figure comes
/// with a reference measured in the same run (SHA-1 over the same bytes) and the ratio between the two.
/// </summary>
internal static class BenchmarkCommand
{
    public static Command Create()
    {
        var samples = new Option<DirectoryInfo>("--samples")
        {
            Description = "The sample corpus (default: ../shared/samples beside the repository).",
        };
        var parse = new Command("parse", "Parse speed per document type on the largest sample of each type.") { samples };
        parse.SetAction(p => RunParse(ResolveSamples(p.GetValue(samples))));
        var runs = new Option<int>("--runs") { Description = "Measured runs per corpus; the median is printed.", DefaultValueFactory = _ => 3 };
        var descriptorMegabytes = new Option<int>("--descriptor-mb")
        {
            Description = "Size of the generated descriptor-heavy corpus, in MB.",
            DefaultValueFactory = _ => 64,
        };
        var import = new Command("import", "Import rate into scratch PostgreSQL databases, in MB/s of document bytes.")
        {
            samples, runs, descriptorMegabytes,
        };
        import.SetAction((p, ct) => ImportBenchmark.RunAsync(
            ResolveSamples(p.GetValue(samples)), Math.Max(1, p.GetValue(runs)), Math.Max(1, p.GetValue(descriptorMegabytes)), ct));
        return new Command("benchmark", "Print performance figures.") { parse, import, GeoIpBenchmarkCommand.Create() };
    }

    private static int RunParse(DirectoryInfo samples)
    {
        var largest = SourcePlanner.Plan([samples.FullName])
            .SelectMany(file => SourceReader.Read(file).Where(s => s.Problem is null))
            .Select(source => (Source: source, Kind: DescriptorTypeDetector.Detect(source.Content, source.FileName).Kind))
            .Where(s => s.Kind != DescriptorKind.Unknown)
            .GroupBy(s => s.Kind)
            .Select(g => g.MaxBy(s => s.Source.Content.Length))
            .OrderBy(s => s.Kind)
            .ToList();

        Console.WriteLine($"{"type",-38} {"MB",6} {"docs",6} {"docs/s",10} {"entries/s",10} {"MB/s",8} {"SHA-1 MB/s",10} {"parse/SHA-1",11}  file");
        foreach (var (source, kind) in largest)
        {
            var bytes = source.Content;
            var sha1 = Measure(() => SHA1.HashData(bytes));
            var documents = 0;
            var entries = 0;
            var parse = Measure(() =>
            {
                documents = 0;
                entries = 0;
                foreach (var descriptor in DescriptorFileParser.Parse(bytes, source.FileName))
                {
                    documents++;
                    entries += descriptor is NetworkStatus status ? status.Entries.Count : 0;
                }
            });
            var mb = bytes.Length / 1e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DescriptorKindNames.ToTypeName(kind),-38} {mb,6:F2} {documents,6} {documents / parse,10:F0} {(entries > 0 ? (entries / parse).ToString("F0", CultureInfo.InvariantCulture) : "-"),10} " +
                $"{mb / parse,8:F1} {mb / sha1,10:F0} {parse / sha1,10:F1}x  {Path.GetFileName(source.Location)}"));
        }

        return 0;
    }

    /// <summary>
    /// Seconds per run: one second of warm-up first, so tiered compilation has promoted the hot code (cold code runs
    /// several times slower), then repeats until at least one second has passed.
    /// </summary>
    private static double Measure(Action action)
    {
        var warmUp = Stopwatch.StartNew();
        do
        {
            action();
        }
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1));

        var runs = 0;
        var stopwatch = Stopwatch.StartNew();
        do
        {
            action();
            runs++;
        }
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(1));
        return stopwatch.Elapsed.TotalSeconds / runs;
    }

    private static DirectoryInfo ResolveSamples(DirectoryInfo? given)
    {
        if (given is not null)
        {
            return given;
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "samples");
            if (Directory.Exists(candidate))
            {
                return new DirectoryInfo(candidate);
            }
        }

        throw new DirectoryNotFoundException("No sample corpus found; pass --samples DIR.");
    }
}
