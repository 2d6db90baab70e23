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
/// generated descriptor-heavy corpus. Each figure is the median of several runs. Wall-clock figures depend on what
/// else the machine runs, so each corpus also gets the CPU seconds the import took (this process, and the database
/// server's processes when they are local) and two references measured in the same run on the same bytes: a bare
/// binary COPY into an lz4 table without indexes (the ceiling in performance-notes.md) and SHA-1 hashing.
/// </summary>
internal static class ImportBenchmark
{
    private const int MaxWarmUpRuns = 25;

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
            ("relay descriptors only (samples)", relayDescriptors),
            ("descriptor-heavy, recent layout", [generated.RecentLayout]),
            ("descriptor-heavy, archive tarball", new[] { generated.ArchiveLayout }),
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"import (median of " + runs + " runs)",-36} {"docs",6} {"MB",6} {"seconds (range)",18} {"MB/s",6} {"docs/s",7} " +
            $"{"CPU s: client",13} {"server",6} | same run: {"bare COPY MB/s",14} {"SHA-1 MB/s",10} {"JIT ms",6}"));
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
    /// Imports the corpus until the JIT has little left to do. Tiered compilation keeps promoting methods for many
    /// runs (code that runs once per batch or per scratch database needs about thirty calls), and a figure taken
    /// meanwhile measures the compiler competing for the two cores.
    /// </summary>
    private static async Task WarmUpAsync(string server, string[] corpus, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var jitBefore = JitInfo.GetCompilationTime();
        var share = 1.0;
        var runs = 0;
        while (share >= 0.02 && runs < MaxWarmUpRuns)
        {
            var jit = JitInfo.GetCompilationTime();
            var result = await ImportIntoScratchAsync(server, corpus, measureReferences: false, cancellationToken);
            share = (JitInfo.GetCompilationTime() - jit) / result.Report.Duration;
            runs++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm-up (not counted): {runs} imports of the sample corpus in {stopwatch.Elapsed.TotalSeconds:F0} s, " +
            $"{(JitInfo.GetCompilationTime() - jitBefore).TotalSeconds:F1} s in the JIT, {share:P0} of the last import"));
    }

    private static void Print(string name, List<RunResult> results, TimeSpan jit)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }

        var seconds = results.Select(r => r.Report.Duration.TotalSeconds).Order().ToList();
        var median = Median(seconds);
        var first = results[0];
        var megabytes = first.DocumentBytes / 1e6;
        var server = results.All(r => r.ServerCpuSeconds is not null) ? Median(results.Select(r => r.ServerCpuSeconds!.Value)).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-36} {first.Report.DocumentsNew,6} {megabytes,6:F1} {median,6:F2} ({seconds[0]:F2}–{seconds[^1]:F2}) {megabytes / median,6:F1} " +
            $"{first.Report.DocumentsNew / median,7:F0} {Median(results.Select(r => r.ClientCpuSeconds)),13:F2} {server,6} | " +
            $"          {megabytes / first.CopySeconds,14:F0} {megabytes / first.Sha1Seconds,10:F0} {jit.TotalMilliseconds,6:F0}"));
    }

    private static async Task<RunResult> ImportIntoScratchAsync(
        string server, string[] paths, bool measureReferences, CancellationToken cancellationToken)
    {
        var scratch = "tm_benchmark_" + Guid.NewGuid().ToString("N")[..8];
        var maintenance = new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString;
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = scratch }.ConnectionString;
        await ExecuteAsync(maintenance, $"CREATE DATABASE \"{scratch}\"", cancellationToken);
        try
        {
            // Migrated through its own pool, so that the import's server processes did nothing else.
            await using (var migrations = NpgsqlDataSource.Create(connectionString))
            {
                await new SqlMigrator(migrations, TimeProvider.System).MigrateAsync(MigrationScripts.Embedded(), null, cancellationToken);
            }

            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var report = await new DescriptorImporter(dataSource, TimeProvider.System).ImportAsync(paths, "benchmark", null, cancellationToken);
            clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
            var serverCpu = await ServerCpuSecondsAsync(dataSource, scratch, cancellationToken);
            await using var command = dataSource.CreateCommand("SELECT coalesce(sum(length), 0) FROM raw_documents");
            var documentBytes = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            var (copySeconds, sha1Seconds) = measureReferences ? await MeasureReferencesAsync(dataSource, cancellationToken) : (double.NaN, double.NaN);
            return new RunResult(report, documentBytes, clientCpu.TotalSeconds, serverCpu, copySeconds, sha1Seconds);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(maintenance, $"DROP DATABASE IF EXISTS \"{scratch}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    /// <summary>
    /// CPU seconds of the server processes that served the import (still open in the pool), read from /proc when the
    /// server runs on this machine and its processes are readable; null otherwise.
    /// </summary>
    private static async Task<double?> ServerCpuSecondsAsync(NpgsqlDataSource dataSource, string database, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Host is not ("127.0.0.1" or "localhost" or "::1"))
        {
            return null;
        }

        await using var command = dataSource.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = $1");
        command.Parameters.AddWithValue(database);
        var ticks = 0L;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            try
            {
                // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): user and system time in clock ticks.
                var stat = await File.ReadAllTextAsync($"/proc/{reader.GetInt32(0)}/stat", cancellationToken);
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        // The kernel reports in USER_HZ, which is 100 on Linux.
        return ticks / 100.0;
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

    private sealed record RunResult(
        ImportReport Report, long DocumentBytes, double ClientCpuSeconds, double? ServerCpuSeconds, double CopySeconds, double Sha1Seconds);
}
