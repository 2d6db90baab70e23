using System.Diagnostics;

namespace TorMetrics.Domain.Onionoo.Updating;

/// <summary>One update: fold new documents into the histories, rebuild every served node's documents, publish.</summary>
public sealed class OnionooUpdater(OnionooHistoryUpdater history, OnionooSnapshotBuilder builder, OnionooGenerationStore store)
{
    public async Task<OnionooUpdateReport> UpdateAsync(IProgress<(double Fraction, string Step)>? progress, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        progress?.Report((0.05, "folding new statuses and extra-infos into histories"));
        var folded = await history.UpdateAsync(ct);
        var historyDuration = total.Elapsed;

        progress?.Report((0.3, "building documents"));
        var snapshot = await builder.BuildAsync(null, new Progress<string>(step => progress?.Report((0.5, step))), ct);
        progress?.Report((0.9, "publishing"));
        long generation = await store.PublishAsync(snapshot, total.Elapsed, ct);
        progress?.Report((1, "published"));
        return new OnionooUpdateReport(generation, folded.Statuses, folded.ExtraInfos, snapshot.Relays.Count, snapshot.Bridges.Count,
            snapshot.RelaysPublished, snapshot.BridgesPublished, historyDuration, total.Elapsed);
    }
}

public sealed record OnionooUpdateReport(
    long Generation, int StatusesFolded, int ExtraInfosFolded, int Relays, int Bridges,
    DateTime? RelaysPublished, DateTime? BridgesPublished, TimeSpan HistoryDuration, TimeSpan Duration);
