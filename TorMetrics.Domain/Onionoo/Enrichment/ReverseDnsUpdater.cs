using System.Net;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// Looks up the host names of the primary IPv4 addresses in the newest relay consensus (Onionoo's reverse DNS):
/// addresses never looked up, looked up longer ago than <see cref="ReverseDnsOptions.RefreshAfter"/>, or whose last
/// lookup failed. Lookups run on parallel workers within a time budget; each outcome is stored as it comes, so a run
/// cut short keeps what it finished.
/// </summary>
public sealed class ReverseDnsUpdater(NpgsqlDataSource dataSource, IHostNameResolver resolver, TimeProvider clock)
{
    private const int BatchSize = 100;

    public async Task<ReverseDnsReport> RunAsync(ReverseDnsOptions options, IProgress<ReverseDnsProgress>? progress, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pruned = await PruneAsync(now - options.ForgetAfter, ct);
        var due = await SelectDueAsync(now - options.RefreshAfter, ct);
        progress?.Report(new ReverseDnsProgress(0, due.Count));

        var results = Channel.CreateUnbounded<HostNameLookupResult>(new UnboundedChannelOptions { SingleReader = true });
        var saving = SaveAllAsync(results.Reader, due.Count, progress, ct);
        var lookup = new HostNameLookup(resolver, options.LookupTimeout, clock);
        using var budget = new CancellationTokenSource(options.Budget, clock);
        using var lookups = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        Tally tally;
        try
        {
            await Parallel.ForEachAsync(
                due,
                new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = lookups.Token },
                async (address, token) => results.Writer.TryWrite(await lookup.LookUpAsync(address, token)));
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // The budget is spent: lookups in flight are dropped, and their addresses stay due.
        }
        finally
        {
            // Whatever ends the lookups, the outcomes already in hand are stored.
            results.Writer.Complete();
            tally = await saving;
        }

        return tally.ToReport(due.Count, pruned);
    }

    private async Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM onionoo_host_names WHERE looked_up_at < $1");
        command.Parameters.Add(new NpgsqlParameter { Value = olderThan.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<List<IPAddress>> SelectDueAsync(DateTimeOffset lookedUpBefore, CancellationToken ct)
    {
        // Relays' primary addresses are IPv4 by the consensus format; the pattern keeps a malformed one from failing the cast.
        const string sql = """
            WITH newest AS (
                SELECT id FROM network_statuses
                WHERE flavor = 'ns' AND NOT is_vote
                ORDER BY valid_after DESC
                LIMIT 1)
            SELECT addresses.address
            FROM (SELECT DISTINCT e.address::inet AS address
                  FROM status_entries e JOIN newest n ON e.status_id = n.id
                  WHERE e.address ~ '^[0-9]{1,3}(\.[0-9]{1,3}){3}$') addresses
            LEFT JOIN onionoo_host_names h ON h.address = addresses.address
            WHERE h.address IS NULL OR h.error IS NOT NULL OR h.looked_up_at < $1
            ORDER BY h.looked_up_at NULLS FIRST, addresses.address
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = lookedUpBefore.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var addresses = new List<IPAddress>();
        while (await reader.ReadAsync(ct))
        {
            addresses.Add(reader.GetFieldValue<IPAddress>(0));
        }

        return addresses;
    }

    private async Task<Tally> SaveAllAsync(
        ChannelReader<HostNameLookupResult> results, int total, IProgress<ReverseDnsProgress>? progress, CancellationToken ct)
    {
        var tally = new Tally();
        var batch = new List<HostNameLookupResult>(BatchSize);
        var lastPercent = 0;
        while (await results.WaitToReadAsync(ct))
        {
            while (batch.Count < BatchSize && results.TryRead(out var result))
            {
                batch.Add(result);
            }

            await SaveAsync(batch, ct);
            foreach (var result in batch)
            {
                tally.Add(result);
            }

            batch.Clear();
            var percent = tally.LookedUp * 100 / Math.Max(total, 1);
            if (percent != lastPercent)
            {
                lastPercent = percent;
                progress?.Report(new ReverseDnsProgress(tally.LookedUp, total));
            }
        }

        return tally;
    }

    private async Task SaveAsync(List<HostNameLookupResult> batch, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO onionoo_host_names (address, verified_host_names, unverified_host_names, looked_up_at, error)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (address) DO UPDATE SET
                verified_host_names = excluded.verified_host_names,
                unverified_host_names = excluded.unverified_host_names,
                looked_up_at = excluded.looked_up_at,
                error = excluded.error
            """;
        var lookedUpAt = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlBatch(connection);
        foreach (var result in batch)
        {
            var row = new NpgsqlBatchCommand(sql);
            row.Parameters.Add(new NpgsqlParameter { Value = result.Address, NpgsqlDbType = NpgsqlDbType.Inet });
            row.Parameters.Add(new NpgsqlParameter { Value = result.Verified.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            row.Parameters.Add(new NpgsqlParameter { Value = result.Unverified.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            row.Parameters.Add(new NpgsqlParameter { Value = lookedUpAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            row.Parameters.Add(new NpgsqlParameter { Value = (object?)result.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.BatchCommands.Add(row);
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed class Tally
    {
        public int LookedUp { get; private set; }

        private int _withNames;
        private int _verified;
        private int _unverified;
        private int _failed;

        public void Add(HostNameLookupResult result)
        {
            LookedUp++;
            _failed += result.Error is null ? 0 : 1;
            _withNames += result.Verified.Count + result.Unverified.Count > 0 ? 1 : 0;
            _verified += result.Verified.Count;
            _unverified += result.Unverified.Count;
        }

        public ReverseDnsReport ToReport(int due, int pruned) =>
            new(due, LookedUp, _withNames, _verified, _unverified, _failed, due - LookedUp, pruned);
    }
}
