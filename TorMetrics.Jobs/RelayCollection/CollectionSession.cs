using TorMetrics.Domain.RelayCollection;

namespace TorMetrics.Jobs.RelayCollection;

/// <summary>
/// Runs the collector back to back as the job's follow-up triggers would (each run, then a wait until the next fire
/// time it asks for), until a number of consensus periods newer than the start have been archived. For the
/// acceptance command and the integration tests, which watch collection without a scheduler.
/// </summary>
public sealed class CollectionSession(RelayDescriptorCollector collector, CollectionStateQueries queries, TimeProvider clock)
{
    /// <returns>
    /// The valid-after times of the consensuses archived during the session whose voting began after it started (so
    /// that each could be collected whole), oldest first.
    /// </returns>
    public async Task<IReadOnlyList<DateTime>> RunAsync(int periods, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = Now;
        var seen = new SortedSet<DateTime>();
        while (true)
        {
            var report = await collector.RunAsync(progress, deadline.Token);
            if (!report.Configured)
            {
                throw new InvalidOperationException("No authorities configured (RelayCollection:Authorities).");
            }

            var state = await queries.LoadAsync(Now, TimeSpan.FromMinutes(1), deadline.Token);
            if (state.NewestNsValidAfter is { } newest && state.Schedule is { } schedule
                && schedule.VotesPublished(newest) >= started && seen.Add(newest))
            {
                progress?.Report($"consensus {seen.Count}/{periods} archived: valid-after {newest:yyyy-MM-dd HH:mm:ss}");
            }

            if (seen.Count >= periods)
            {
                return seen.ToList();
            }

            var wait = report.NextDue - Now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, deadline.Token);
            }
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
