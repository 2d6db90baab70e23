using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using TorMetrics.Domain.Import;

namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>
/// Generates one bandwidth file: statistics in SQL over the scanner's window, the file text, an atomic replace of
/// the configured output path, the file in the archive (content-addressed like every document), and a record of
/// its figures. Time comes only from the injected clock, so a fixed clock reproduces a file exactly.
/// </summary>
public sealed class BandwidthFileGenerator(NpgsqlDataSource dataSource, DescriptorImporter importer, TimeProvider clock)
{
    /// <summary>Torflow scaling looks back 28 days (sbws GENERATE_PERIOD); sbws and raw scaling 5 (data_period).</summary>
    public static TimeSpan Window(BandwidthGeneratorOptions options) =>
        options.SecsRecent is { } seconds ? TimeSpan.FromSeconds(seconds)
        : options.Scaling is BandwidthScaling.Sbws or BandwidthScaling.Raw ? TimeSpan.FromDays(5)
        : TimeSpan.FromDays(28);

    public async Task<GenerationResult> GenerateAsync(BandwidthGeneratorOptions options, CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var windowStart = now - Window(options);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        var window = await ScannerInputsQuery.ReadWindowAsync(connection, options.ScannerId, windowStart, now, cancellationToken);
        if (window is null)
        {
            var nothing = total.Elapsed;
            return new GenerationResult(false, null, null, null, null, new GenerationTimings(nothing, TimeSpan.Zero, TimeSpan.Zero, nothing));
        }

        var consensus = options.ConsensusPath switch
        {
            "none" => null,
            null or "" => await ConsensusWeights.ReadLatestAsync(connection, now, cancellationToken),
            // As sbws does with an unreadable cached-consensus: generate anyway, every line with vote=0.
            var path => File.Exists(path) ? ConsensusWeights.ReadFile(path) : null,
        };
        var state = await ScannerInputsQuery.ReadStateAsync(connection, options.ScannerId, cancellationToken);
        var relays = await RelayAggregationQuery.RunAsync(connection, options, windowStart, now, consensus, cancellationToken);
        var query = total.Elapsed;

        var document = BandwidthFileBuilder.Build(options, now, window, relays, consensus, state);
        var content = Encoding.UTF8.GetBytes(document.Text);
        var build = total.Elapsed - query;

        var outputPath = Path.GetFullPath(options.OutputPath);
        await AtomicFile.WriteAsync(outputPath, content, cancellationToken);
        // Archived under sbws's archive name for the file (v3bw/YYYYMMDD_HHMMSS.v3bw), whatever the output path.
        var location = $"bandwidth-generator/{options.ScannerId}/{now.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)}.v3bw";
        await importer.ImportAsync(
            [new ImportUnit(location, content.Length, _ => Task.FromResult<IEnumerable<SourceFile>>([new SourceFile(location, content, content.Length)]))],
            "bandwidth-generator", location, null, cancellationToken);
        var sha256 = SHA256.HashData(content);
        var id = await GenerationRecorder.RecordAsync(connection, options, now, window, sha256, outputPath, document,
            total.Elapsed, cancellationToken);
        var store = total.Elapsed - query - build;

        return new GenerationResult(true, id, outputPath, sha256, document, new GenerationTimings(query, build, store, total.Elapsed));
    }
}
