using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using TorMetrics.Domain.Data.Migrations;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.NetworkStatuses;
using TorMetrics.Domain.Import;
using TorMetrics.Web.Hosting;

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
        var import = new Command("import", "Import rate into a scratch PostgreSQL database, in MB/s of document bytes.") { samples };
        import.SetAction((p, ct) => RunImportAsync(ResolveSamples(p.GetValue(samples)), ct));
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

    private static async Task<int> RunImportAsync(DirectoryInfo samples, CancellationToken cancellationToken)
    {
        var configuration = TorMetricsCli.LoadConfiguration([]);
        var server = ConnectionStrings.Resolve(configuration, Directory.GetCurrentDirectory());
        var corpus = new[] { samples.FullName };
        var descriptors = new[] { "server-descriptor", "extra-info", "microdescriptor" }
            .Select(d => Path.Combine(samples.FullName, d)).Where(Directory.Exists).ToArray();

        // The first run only warms up the JIT; the figures are from fresh databases afterwards.
        Console.WriteLine("warm-up run (not counted)");
        await ImportIntoScratchAsync(server, corpus, cancellationToken);
        foreach (var (name, paths) in new[] { ("whole sample corpus", corpus), ("relay descriptors only", descriptors) })
        {
            var (report, documentBytes) = await ImportIntoScratchAsync(server, paths, cancellationToken);
            var seconds = report.Duration.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import, {name}: {report.DocumentsNew} documents, {documentBytes / 1e6:F1} MB of document bytes in {seconds:F2} s = " +
                $"{documentBytes / 1e6 / seconds:F1} MB/s, {report.DocumentsNew / seconds:F0} documents/s"));
        }

        return 0;
    }

    private static async Task<(ImportReport Report, long DocumentBytes)> ImportIntoScratchAsync(
        string server, string[] paths, CancellationToken cancellationToken)
    {
        var scratch = "tm_benchmark_" + Guid.NewGuid().ToString("N")[..8];
        var maintenance = new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString;
        await ExecuteAsync(maintenance, $"CREATE DATABASE \"{scratch}\"", cancellationToken);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = scratch }.ConnectionString);
            await new SqlMigrator(dataSource, TimeProvider.System).MigrateAsync(MigrationScripts.Embedded(), null, cancellationToken);
            var report = await new DescriptorImporter(dataSource, TimeProvider.System)
                .ImportAsync(paths, "benchmark", new ConsoleProgressBar(), cancellationToken);
            await using var command = dataSource.CreateCommand("SELECT coalesce(sum(length), 0) FROM raw_documents");
            return (report, (long)(await command.ExecuteScalarAsync(cancellationToken))!);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(maintenance, $"DROP DATABASE IF EXISTS \"{scratch}\" WITH (FORCE)", CancellationToken.None);
        }
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

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
