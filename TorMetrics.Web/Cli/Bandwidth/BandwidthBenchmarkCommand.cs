using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using TorMetrics.Domain.Bandwidth;
using TorMetrics.Domain.Bandwidth.Generation;
using TorMetrics.Domain.Data.Migrations;
using TorMetrics.Domain.Import;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.Cli.Bandwidth;

/// <summary>
/// Generation time on a synthetic network, printed rather than asserted (machines differ): a scratch database
/// gets N relays × D days of results, a consensus of those relays, and then the generator runs a few times.
/// </summary>
internal static class BandwidthBenchmarkCommand
{
    private static readonly DateTimeOffset Now = new(2024, 1, 29, 0, 0, 0, TimeSpan.Zero);

    public static Command Create()
    {
        var relays = new Option<int>("--relays") { Description = "Relays measured.", DefaultValueFactory = _ => 8000 };
        var days = new Option<int>("--days") { Description = "Days of results.", DefaultValueFactory = _ => 28 };
        var perDay = new Option<int>("--per-day") { Description = "Measurement attempts per relay per day.", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "Generations to time.", DefaultValueFactory = _ => 3 };
        var command = new Command("benchmark", "Time the generator on a synthetic result set in a scratch database.")
        {
            relays, days, perDay, runs,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(relays), parse.GetValue(days), parse.GetValue(perDay), parse.GetValue(runs), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int relays, int days, int perDay, int runs, CancellationToken cancellationToken)
    {
        var configuration = TorMetricsCli.LoadConfiguration([]);
        var connection = new NpgsqlConnectionStringBuilder(ConnectionStrings.Resolve(configuration, Directory.GetCurrentDirectory()));
        var scratch = "tm_bwbench_" + Guid.NewGuid().ToString("N")[..12];
        var maintenance = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Database = "postgres" }.ConnectionString;
        var work = Directory.CreateTempSubdirectory("tm-bwbench-");
        await ExecuteAsync(maintenance, $"CREATE DATABASE \"{scratch}\"", cancellationToken);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(
                new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Database = scratch, CommandTimeout = 600 }.ConnectionString);
            await new SqlMigrator(dataSource, TimeProvider.System).MigrateAsync(MigrationScripts.Embedded(), null, cancellationToken);

            var load = Stopwatch.StartNew();
            await using (var insert = dataSource.CreateCommand(SyntheticResultsSql))
            {
                insert.CommandTimeout = 600;
                insert.Parameters.Add(new() { Value = relays });
                insert.Parameters.Add(new() { Value = days * perDay });
                insert.Parameters.Add(new() { Value = perDay });
                insert.Parameters.Add(new() { Value = Now.UtcDateTime });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var analyze = dataSource.CreateCommand("ANALYZE bandwidth_measurements"))
            {
                await analyze.ExecuteNonQueryAsync(cancellationToken);
            }

            var results = (long)(await dataSource.CreateCommand("SELECT count(*) FROM bandwidth_measurements").ExecuteScalarAsync(cancellationToken))!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Synthetic set: {relays} relays × {days} days × {perDay}/day = {results} results ({results * 5} downloads), loaded in {load.Elapsed.TotalSeconds:F1} s."));

            var consensusPath = Path.Combine(work.FullName, "cached-consensus");
            await File.WriteAllTextAsync(consensusPath, SyntheticConsensus(relays), cancellationToken);
            var options = new BandwidthGeneratorOptions
            {
                ScannerId = "benchmark",
                OutputPath = Path.Combine(work.FullName, "latest.v3bw"),
                ConsensusPath = consensusPath,
            };
            var clock = new FixedTimeProvider(Now);
            var generator = new BandwidthFileGenerator(dataSource, new DescriptorImporter(dataSource, clock), clock);
            Console.WriteLine($"{"run",4} {"SQL ms",8} {"build ms",9} {"store ms",9} {"total ms",9} {"lines",6} {"eligible",9}");
            var totals = new List<double>();
            for (int run = 1; run <= runs; run++)
            {
                var result = await generator.GenerateAsync(options, cancellationToken);
                var t = result.Timings;
                totals.Add(t.Total.TotalMilliseconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{run,4} {t.Query.TotalMilliseconds,8:F0} {t.Build.TotalMilliseconds,9:F0} {t.Store.TotalMilliseconds,9:F0} " +
                    $"{t.Total.TotalMilliseconds,9:F0} {result.Document!.Figures.RelayLines,6} {result.Document.Figures.EligibleRelays,9}"));
            }

            totals.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Generation of {relays} relays × {days} days: median {totals[totals.Count / 2] / 1000:F2} s (target < 3 s)."));
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(maintenance, $"DROP DATABASE IF EXISTS \"{scratch}\" WITH (FORCE)", CancellationToken.None);
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Results as sbws 1.9 writes them: mostly successes with 5 downloads of 5–10 s, some errors, descriptor and
    /// consensus values, and a few days of monitoring lists. Speeds spread over three orders of magnitude.
    /// </summary>
    private const string SyntheticResultsSql = """
        INSERT INTO bandwidth_measurements (scanner_id, content_sha256, result_version, fingerprint, nickname, measured_at,
            result_type, circuit, helper_fingerprint, download_amounts, download_durations, relay_average_bandwidth,
            relay_burst_bandwidth, relay_observed_bandwidth, consensus_bandwidth, consensus_bandwidth_is_unmeasured,
            relay_in_recent_consensus, relay_recent_priority_list, relay_recent_measurement_attempt, xoff_recv, xoff_sent,
            imported_at)
        SELECT 'benchmark', sha256(convert_to(r || '/' || k, 'UTF8')), 4, fp, 'relay' || r, at,
               CASE WHEN (r * 7 + k) % 20 = 0 THEN 'error-stream' ELSE 'success' END,
               ARRAY[fp, helper], helper,
               CASE WHEN (r * 7 + k) % 20 = 0 THEN NULL ELSE ARRAY[speed * 6, speed * 6, speed * 7, speed * 7, speed * 8]::bigint[] END,
               CASE WHEN (r * 7 + k) % 20 = 0 THEN NULL
                    ELSE ARRAY[5 + random() * 5, 5 + random() * 5, 5 + random() * 5, 5 + random() * 5, 5 + random() * 5] END,
               speed * 40, speed * 80, speed * 20, speed * 15, r % 50 = 0,
               ARRAY[at - interval '1 hour', at - interval '2 hours', at - interval '3 hours'],
               ARRAY[at - interval '10 minutes'], ARRAY[at], '{}', '{}', now()
        FROM generate_series(1, $1) r
        CROSS JOIN LATERAL (SELECT decode(lpad(to_hex(r), 40, '0'), 'hex') AS fp,
                                   decode(lpad(to_hex(r + 1000000), 40, '0'), 'hex') AS helper,
                                   (20000 * power(1000, (r % 997) / 997.0))::bigint AS speed) relay
        CROSS JOIN LATERAL generate_series(0, $2 - 1) k
        CROSS JOIN LATERAL (SELECT $4::timestamptz - (k * interval '1 day') / $3 - (r % 600) * interval '1 second' AS at) t
        """;

    private static string SyntheticConsensus(int relays)
    {
        var text = new StringBuilder("network-status-version 3\nvote-status consensus\n");
        for (int r = 1; r <= relays; r++)
        {
            var identity = Convert.ToBase64String(Convert.FromHexString(r.ToString("x", CultureInfo.InvariantCulture).PadLeft(40, '0'))).TrimEnd('=');
            text.Append(CultureInfo.InvariantCulture, $"r relay{r} {identity} AAAAAAAAAAAAAAAAAAAAAAAAAAA 2024-01-28 23:00:00 198.51.100.1 9001 0\n");
            text.Append(CultureInfo.InvariantCulture, $"w Bandwidth={r % 5000 + 20}\n");
        }

        return text.Append("directory-footer\n").ToString();
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
