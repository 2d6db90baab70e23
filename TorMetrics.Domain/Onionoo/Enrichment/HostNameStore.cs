using System.Net;
using Npgsql;
using NpgsqlTypes;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>Reads the names stored by <see cref="ReverseDnsUpdater"/>; one indexed query per call.</summary>
public sealed class HostNameStore(NpgsqlDataSource dataSource) : IHostNameStore
{
    public async Task<IReadOnlyDictionary<IPAddress, HostNames>> GetAsync(IEnumerable<IPAddress> addresses, CancellationToken ct)
    {
        var wanted = addresses.Select(AddressKeys.Normalize).Distinct().ToArray();
        var found = new Dictionary<IPAddress, HostNames>();
        if (wanted.Length == 0)
        {
            return found;
        }

        await using var command = dataSource.CreateCommand("""
            SELECT address, verified_host_names, unverified_host_names FROM onionoo_host_names
            WHERE address = ANY($1) AND cardinality(verified_host_names) + cardinality(unverified_host_names) > 0
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = wanted, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Inet });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found[reader.GetFieldValue<IPAddress>(0)] = new HostNames(
                reader.GetFieldValue<string[]>(1), reader.GetFieldValue<string[]>(2));
        }

        return found;
    }
}
