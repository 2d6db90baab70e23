using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using TorMetrics.Domain.Data.Migrations;
using TorMetrics.Domain.Import;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.Cli;

/// <summary>
/// Import rate into fresh scratch databases, in MB/s of stored document bytes, for the sample corpus and for a
/// generated descriptor-heavy corpus. Each figure is the median of several runs and comes with two references
/// measured in the same run on the same bytes: a bare binary COPY into an lz4 table without indexes (the ceiling in
/// performance-notes.md) and SHA-1 hashing.
/// </summary>
internal static class ImportBenchmark
{
    private const int MaxWarmUpRuns = 6;

    public static async Task<int> RunAsync(DirectoryInfo samples, int runs, int descriptorMegabytes, CancellationToken cancellationToken)
    {
        var configuration = TorMetricsCli.LoadConfiguration([]);
        var server = ConnectionStrings.Resolve(configuration, Directory.GetCurrentDirectory());
        var corpus = new[] { samples.FullName };
        var relayDescriptors = new[] { "server-descriptor", "extra-info", "microdescriptor" }
            .Select(d => Path.Combine(samples.FullName, d)).Where(Directory.Exists).ToArray();

        Console.WriteLine($"generating a descriptor-heavy corpus of {descriptorMegabytes} MB (deleted afterwards)");
        using var generated = DescriptorCorpus.Create(samples, descriptorMegabytes * 1_000_000L);

        await WarmUpAsync(server, corpus, cancellationToken);
        var corpora = new[]
        {
            ("whole sample corpus", corpus),
            ("relay descriptors only", relayDescriptors),
            ("descriptor-heavy, recent layout", [generated.RecentLayout]),
            ("descriptor-heavy, archive tarball", new[] { generated.ArchiveLayout }),
        };
        foreach (var (name, paths) in corpora)
        {
            var results = new List<RunResult>();
            var jit = JitInfo.GetCompilationTime();
            for (var run = 0; run < runs; run++)
            {
                results.Add(await ImportIntoScratchAsync(server, paths, measureReferences: run == 0, cancellationToken));
            }

            Print(name, results, JitInfo.GetCompilationTime() - jit);
        }

        return 0;
    }

    /// <summary>
    /// Imports the corpus until the JIT has little left to do: tiered compilation keeps promoting hot methods for
    /// several runs, and a figure taken meanwhile measures the compiler competing for the two cores.
    /// </summary>
    private static async Task WarmUpAsync(string server, string[] corpus, CancellationToken cancellationToken)
    {
        for (var run = 1; run <= MaxWarmUpRuns; run++)
        {
            var jit = JitInfo.GetCompilationTime();
            var result = await ImportIntoScratchAsync(server, corpus, measureReferences: false, cancellationToken);
            var share = (JitInfo.GetCompilationTime() - jit) / result.Report.Duration;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warm-up run {run} (not counted): {result.Report.Duration.TotalSeconds:F2} s, JIT {share:P0} of it"));
            if (share < 0.03)
            {
                return;
            }
        }
    }

    private static void Print(string name, List<RunResult> results, TimeSpan jit)
    {
        var seconds = results.Select(r => r.Report.Duration.TotalSeconds).Order().ToList();
        var median = seconds[seconds.Count / 2];
        var first = results[0];
        var megabytes = first.DocumentBytes / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import, {name}: {first.Report.DocumentsNew} documents, {megabytes:F1} MB of document bytes in {median:F2} s " +
            $"(median of {seconds.Count} runs, {seconds[0]:F2}–{seconds[^1]:F2} s) = {megabytes / median:F1} MB/s, " +
            $"{first.Report.DocumentsNew / median:F0} documents/s; same run: bare binary COPY of the same bytes " +
            $"{megabytes / first.CopySeconds:F0} MB/s, SHA-1 {megabytes / first.Sha1Seconds:F0} MB/s; JIT {jit.TotalMilliseconds:F0} ms during the runs"));
    }

    private static async Task<RunResult> ImportIntoScratchAsync(
        string server, string[] paths, bool measureReferences, CancellationToken cancellationToken)
    {
        var scratch = "tm_benchmark_" + Guid.NewGuid().ToString("N")[..8];
        var maintenance = new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString;
        await ExecuteAsync(maintenance, $"CREATE DATABASE \"{scratch}\"", cancellationToken);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = scratch }.ConnectionString);
            await new SqlMigrator(dataSource, TimeProvider.System).MigrateAsync(MigrationScripts.Embedded(), null, cancellationToken);
            var report = await new DescriptorImporter(dataSource, TimeProvider.System).ImportAsync(paths, "benchmark", null, cancellationToken);
            await using var command = dataSource.CreateCommand("SELECT coalesce(sum(length), 0) FROM raw_documents");
            var documentBytes = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            var (copySeconds, sha1Seconds) = measureReferences ? await MeasureReferencesAsync(dataSource, cancellationToken) : (double.NaN, double.NaN);
            return new RunResult(report, documentBytes, copySeconds, sha1Seconds);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(maintenance, $"DROP DATABASE IF EXISTS \"{scratch}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    /// <summary>Seconds for a bare binary COPY of the stored documents into a new lz4 table, and for SHA-1 over them.</summary>
    private static async Task<(double Copy, double Sha1)> MeasureReferencesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var documents = new List<(byte[] Sha256, byte[] Content)>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var select = new NpgsqlCommand("SELECT sha256, content FROM raw_documents", connection))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                documents.Add((reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1)));
            }
        }

        await using (var create = new NpgsqlCommand(
            "CREATE TABLE copy_reference (sha256 bytea NOT NULL, content bytea COMPRESSION lz4 NOT NULL)", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var copyTime = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY copy_reference FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (sha256, content) in documents)
            {
                copy.StartRow();
                copy.Write(sha256, NpgsqlDbType.Bytea);
                copy.Write(content, NpgsqlDbType.Bytea);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        copyTime.Stop();

        // Hashed twice, timing the second pass, so that the figure is of warm code and caches.
        var sha1Time = new Stopwatch();
        for (var pass = 0; pass < 2; pass++)
        {
            sha1Time.Restart();
            foreach (var (_, content) in documents)
            {
                SHA1.HashData(content);
            }

            sha1Time.Stop();
        }

        return (copyTime.Elapsed.TotalSeconds, sha1Time.Elapsed.TotalSeconds);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record RunResult(ImportReport Report, long DocumentBytes, double CopySeconds, double Sha1Seconds);
}
