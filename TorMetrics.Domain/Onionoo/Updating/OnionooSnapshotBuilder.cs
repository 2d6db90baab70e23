using System.Data;
using System.Net;
using Npgsql;
using TorMetrics.Domain.Onionoo.Documents;
using TorMetrics.Domain.Onionoo.Enrichment;

namespace TorMetrics.Domain.Onionoo.Updating;

/// <summary>
/// Builds a complete snapshot for a point in time from the archive and the history aggregates: live (the newest
/// statuses) or as of the end of a past day. Reads run in one repeatable-read transaction, so the snapshot is
/// consistent even while imports go on.
/// </summary>
public sealed class OnionooSnapshotBuilder(
    NpgsqlDataSource dataSource, TimeProvider clock, IAddressLocator? locator = null, IHostNameStore? hostNameStore = null)
{
    public async Task<OnionooSnapshot> BuildAsync(DateOnly? asOf, IProgress<string>? progress, CancellationToken ct)
    {
        var builtAt = clock.GetUtcNow().UtcDateTime;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        void Step(string step) => progress?.Report(FormattableString.Invariant($"{step} (at {watch.Elapsed.TotalSeconds:F1} s)"));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        // No JIT: compiling these reads took longer than the rows they save (see OnionooHistoryUpdater).
        await using (var utc = new NpgsqlCommand("SET LOCAL TIME ZONE 'UTC'; SET LOCAL jit = off", connection))
        {
            await utc.ExecuteNonQueryAsync(ct);
        }

        var times = await NodeFactsReader.ReadTimesAsync(connection, asOf, builtAt, ct);
        Step("reading relays and bridges");
        var relays = await NodeFactsReader.ReadRelaysAsync(connection, times, ct);
        var bridges = await NodeFactsReader.ReadBridgesAsync(connection, times, ct);
        var recommended = (await NodeFactsReader.ReadServerVersionsAsync(connection, times, ct))
            .Select(TorVersion.TryParse).OfType<TorVersion>().ToList();
        var pool = await NodeFactsReader.ReadBridgePoolAsync(connection, times, ct);

        Step("aggregating histories");
        var graphs = new HistoryGraphsReader(connection);
        await graphs.LoadServedNodesAsync(relays.Concat(bridges), ct);
        var newest = times.Newest ?? builtAt;
        var bandwidth = await graphs.ReadBandwidthAsync(newest, ct);
        Step("bandwidth graphs done");
        var weights = await graphs.ReadWeightsAsync(newest, ct);
        Step("weights graphs done");
        var clients = await graphs.ReadClientsAsync(newest, ct);
        var uptime = await graphs.ReadUptimeAsync(newest, ct);
        Step("uptime graphs done");
        await transaction.CommitAsync(ct);

        var hostNames = hostNameStore is null
            ? new Dictionary<IPAddress, HostNames>()
            : await hostNameStore.GetAsync(relays.Select(r => IPAddress.TryParse(r.Address, out var ip) ? ip : null).OfType<IPAddress>(), ct);

        Step("rendering documents");
        var context = new DocumentContext
        {
            Times = times,
            RecommendedVersions = recommended,
            Families = Families.Resolve(relays.ToDictionary(r => r.FingerprintHex, r => r.DeclaredFamily, StringComparer.Ordinal)),
            BridgePool = pool,
            Bandwidth = bandwidth,
            Weights = weights,
            Clients = clients,
            Uptime = uptime,
            Locator = locator,
            HostNames = hostNames,
        };
        var nodes = relays.Concat(bridges).AsParallel().Select(f => NodeDocumentBuilder.Build(f, context)).ToList();
        Step("documents rendered");
        return new OnionooSnapshot(0, builtAt, times.RelaysPublished, times.BridgesPublished, nodes);
    }
}
