using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TorMetrics.Domain.Import;
using TorMetrics.Domain.RelayCollection;

namespace TorMetrics.Jobs.RelayCollection;

/// <summary>
/// Collects relay descriptors from directory authorities on their voting schedule: plan from the archive's state,
/// fetch what is due (in parallel), record every fetch, import every answer through the ordinary import path, and
/// plan again. A run waits in-process for work due within <see cref="RelayCollectionOptions.Linger"/> and otherwise
/// ends, reporting when the planner next wants to run.
/// </summary>
public sealed partial class RelayDescriptorCollector(
    DirectoryClient client,
    CollectionStateQueries queries,
    RelayFetchLog fetchLog,
    DescriptorImporter importer,
    CollectionMemory memory,
    IOptions<RelayCollectionOptions> options,
    TimeProvider clock,
    ILogger<RelayDescriptorCollector> logger)
{
    /// <summary>Longest location recorded for a fetched file; batched descriptor URLs run to several kilobytes.</summary>
    private const int MaxLocationLength = 300;

    public async Task<CollectionRunReport> RunAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var bootstrap = settings.BootstrapAuthorities();
        if (bootstrap.Count == 0)
        {
            return new CollectionRunReport(false, 0, 0, 0, 0, 0, 0, Now + TimeSpan.FromHours(1), null);
        }

        var planner = new CollectionPlanner(new CollectionTuning());
        var started = Now;
        int rounds = 0, requests = 0, succeeded = 0;
        long bytes = 0, documentsNew = 0, unparseable = 0;
        while (true)
        {
            var (plan, _) = await PlanAsync(planner, bootstrap, cancellationToken);
            var now = Now;
            if (plan.Due.Count > 0 && now - started < settings.MaxRunDuration)
            {
                rounds++;
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"round {rounds}: {Describe(plan.Due)}"));
                var results = await FetchAllAsync(plan.Due, settings.Parallelism, cancellationToken);
                await fetchLog.RecordAsync(results, cancellationToken);
                var import = await ImportAsync(results, cancellationToken);
                foreach (var result in results)
                {
                    memory.Health.Record(result);
                    foreach (var key in result.Request.Keys)
                    {
                        memory.Book.RecordAttempt(key, result.Request.SourceCount, Now);
                    }
                }

                requests += results.Count;
                succeeded += results.Count(r => r.Succeeded);
                bytes += results.Sum(r => r.Bytes);
                documentsNew += import?.DocumentsNew ?? 0;
                unparseable += import?.DocumentsUnparseable ?? 0;
                continue;
            }

            var wait = plan.NextDue - now;
            if (plan.Due.Count == 0 && wait <= settings.Linger && now + wait - started < settings.MaxRunDuration)
            {
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, cancellationToken);
                continue;
            }

            var nextDue = plan.Due.Count > 0 ? now : plan.NextDue;
            LogRunEnded(rounds, requests, documentsNew, nextDue);
            return new CollectionRunReport(true, rounds, requests, succeeded, bytes, documentsNew, unparseable, nextDue, plan);
        }
    }

    /// <summary>The plan as of now, without fetching anything (for the admin UI).</summary>
    public async Task<(CollectionPlan Plan, CollectionState State)> PreviewAsync(CancellationToken cancellationToken) =>
        await PlanAsync(new CollectionPlanner(new CollectionTuning()), options.Value.BootstrapAuthorities(), cancellationToken);

    private async Task<(CollectionPlan, CollectionState)> PlanAsync(
        CollectionPlanner planner, IReadOnlyList<DirectoryServer> bootstrap, CancellationToken cancellationToken)
    {
        var now = Now;
        var state = await queries.LoadAsync(now, options.Value.ReferenceWindow, cancellationToken);
        if (!options.Value.UseDirectoryCaches)
        {
            state = state with { Caches = [] };
        }

        var authorities = memory.Health.Order(state.Authorities.Count > 0 ? state.Authorities : bootstrap);
        return (planner.Plan(state, authorities, memory.Book, now), state);
    }

    private async Task<List<FetchResult>> FetchAllAsync(IReadOnlyList<FetchRequest> due, int parallelism, CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<FetchResult>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (request, ct) => results.Add(await client.FetchAsync(request, ct)));
        return results.OrderBy(r => r.StartedAt).ToList();
    }

    private async Task<ImportReport?> ImportAsync(List<FetchResult> results, CancellationToken cancellationToken)
    {
        var units = results.Where(r => r.Succeeded).Select(r =>
        {
            var location = Location(r.Request.Url);
            var body = r.Body!;
            return new ImportUnit(location, body.Length, _ => Task.FromResult(SourceReader.ReadInMemory(location, body)));
        }).ToList();
        if (units.Count == 0)
        {
            return null;
        }

        return await importer.ImportAsync(units, "relay-collection",
            string.Create(CultureInfo.InvariantCulture, $"{units.Count} directory responses"), null, cancellationToken);
    }

    /// <summary>
    /// Where a fetched file came from, as stored with it: the URL, or for long batched URLs its start and a digest of
    /// the whole (the full URL is in relay_fetches). The same answer to the same URL is then recognised as imported.
    /// </summary>
    internal static string Location(string url)
    {
        if (url.Length <= MaxLocationLength)
        {
            return url;
        }

        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16];
        return string.Create(CultureInfo.InvariantCulture, $"{url[..(MaxLocationLength - 40)]}…#{digest}");
    }

    private static string Describe(IReadOnlyList<FetchRequest> due) =>
        string.Join(", ", due.GroupBy(r => r.Purpose).Select(g =>
            string.Create(CultureInfo.InvariantCulture, $"{g.Key.Name()} ×{g.Sum(r => r.Keys.Count)}")));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay collection: {Rounds} rounds, {Requests} requests, {Documents} new documents; next due {NextDue:O}")]
    private partial void LogRunEnded(int rounds, int requests, long documents, DateTime nextDue);
}
