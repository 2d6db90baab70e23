using System.Globalization;
using System.Text;
using TorMetrics.Domain.RelayCollection;
using TorMetrics.Jobs.RelayCollection;

namespace TorMetrics.Web.TestNetwork;

/// <summary>
/// The acceptance run: collect from a running test network for a number of consensus periods, then report the
/// archive rate per type, seconds from valid-after to each consensus archived, and fetch counts and bytes.
/// </summary>
public sealed class TestNetworkAcceptance(CollectionSession session, ArchiveRateQueries archiveRate, RelayFetchLog fetchLog, TimeProvider clock)
{
    public async Task<CollectionAcceptance> RunAsync(int periods, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var validAfters = await session.RunAsync(periods, TimeSpan.FromMinutes(3) + TimeSpan.FromMinutes(2) * periods, progress, cancellationToken);

        // Descriptors of the last period arrive right after its consensus; give the last round a moment to finish.
        var rates = await archiveRate.PeriodsAsync(validAfters[0], validAfters[^1], cancellationToken);
        var missing = await archiveRate.MissingAsync(validAfters[0], validAfters[^1], 50, cancellationToken);
        var purposes = await fetchLog.PurposeStatisticsAsync(started, cancellationToken);
        var sources = await fetchLog.StatisticsAsync(started, cancellationToken);
        return new CollectionAcceptance(rates, missing, purposes, sources);
    }
}

/// <summary>What an acceptance run measured, and its printout.</summary>
public sealed record CollectionAcceptance(
    IReadOnlyList<ArchiveRatePeriod> Periods,
    IReadOnlyList<MissingDocument> Missing,
    IReadOnlyList<PurposeFetchStatistics> Purposes,
    IReadOnlyList<SourceFetchStatistics> Sources)
{
    public string Format()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Periods: {Periods.Count} ({Periods[0].ValidAfter:yyyy-MM-dd HH:mm:ss} … {Periods[^1].ValidAfter:HH:mm:ss} UTC)");
        text.AppendLine("Archive rate per type (referenced → archived):");
        foreach (var kind in ArchiveRateTotals.Of(Periods).Kinds)
        {
            text.AppendLine(c, $"  {kind.Kind,-38} {kind.Archived,6}/{kind.Referenced,-6} {kind.ArchivedPercent,7:F2} %");
        }

        text.AppendLine("Seconds from valid-after to archived (ns consensus / microdesc consensus), per period:");
        foreach (var period in Periods)
        {
            text.AppendLine(c, $"  {period.ValidAfter:HH:mm:ss}  {Seconds(period.ConsensusArchivedAfter),6}  {Seconds(period.MicrodescArchivedAfter),6}" +
                               $"   missing {period.Missing}/{period.Referenced}");
        }

        var latencies = Periods.Where(p => p.ConsensusArchivedAfter is not null).Select(p => p.ConsensusArchivedAfter!.Value.TotalSeconds).ToList();
        if (latencies.Count > 0)
        {
            text.AppendLine(c, $"  ns consensus: max {latencies.Max():F1} s, mean {latencies.Average():F1} s");
        }

        text.AppendLine("Fetches per purpose (requests, 200s, bytes on the wire, bytes decompressed):");
        foreach (var p in Purposes)
        {
            text.AppendLine(c, $"  {p.Purpose,-22} {p.Requests,6} {p.Succeeded,6} {p.Bytes,12} {p.BytesPlain,12}");
        }

        text.AppendLine(c, $"  {"total",-22} {Purposes.Sum(p => p.Requests),6} {Purposes.Sum(p => p.Succeeded),6} {Purposes.Sum(p => p.Bytes),12} {Purposes.Sum(p => p.BytesPlain),12}");
        text.AppendLine("Fetches per server (requests, 200s, no answer, mean ms):");
        foreach (var s in Sources)
        {
            text.AppendLine(c, $"  {s.Source,-22} {s.Requests,6} {s.Succeeded,6} {s.Unanswered,6} {s.MeanMilliseconds,8:F1}");
        }

        text.AppendLine(Missing.Count == 0 ? "Missing: none" : $"Missing ({Missing.Count}):");
        foreach (var m in Missing)
        {
            text.AppendLine(c, $"  {m.ValidAfter:HH:mm:ss} {m.Kind} {m.Digest}");
        }

        return text.ToString();
    }

    private static string Seconds(TimeSpan? value) =>
        value is { } v ? v.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) : "-";
}
