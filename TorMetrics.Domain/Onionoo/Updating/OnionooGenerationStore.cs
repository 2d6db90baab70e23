using Npgsql;
using NpgsqlTypes;

namespace TorMetrics.Domain.Onionoo.Updating;

/// <summary>
/// Publishes snapshots to PostgreSQL (so every web instance serves the same generation) and loads the newest one.
/// A generation becomes visible only when it is complete: its documents are written first, then it is marked
/// published in the same transaction, and older generations are deleted.
/// </summary>
public sealed class OnionooGenerationStore(NpgsqlDataSource dataSource)
{
    public async Task<long> PublishAsync(OnionooSnapshot snapshot, TimeSpan buildDuration, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        long generation;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO onionoo_generations (built_at, relays_published, bridges_published, relays, bridges, duration_ms, published)
            VALUES ($1, $2, $3, $4, $5, $6, false) RETURNING id
            """, connection))
        {
            insert.Parameters.AddWithValue(snapshot.BuiltAt);
            insert.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)snapshot.RelaysPublished ?? DBNull.Value);
            insert.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)snapshot.BridgesPublished ?? DBNull.Value);
            insert.Parameters.AddWithValue(snapshot.Relays.Count);
            insert.Parameters.AddWithValue(snapshot.Bridges.Count);
            insert.Parameters.AddWithValue((int)buildDuration.TotalMilliseconds);
            generation = (long)(await insert.ExecuteScalarAsync(ct))!;
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY onionoo_documents (generation_id, is_bridge, fingerprint, node) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var node in snapshot.Relays.Concat(snapshot.Bridges))
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(generation, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(node.IsBridge, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(node.Fingerprint, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(OnionooNodeSerializer.Serialize(node), NpgsqlDbType.Bytea, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using (var publish = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("UPDATE onionoo_generations SET published = true WHERE id = $1") { Parameters = { new() { Value = generation } } },
                new NpgsqlBatchCommand("DELETE FROM onionoo_generations WHERE id < $1") { Parameters = { new() { Value = generation } } },
            },
        })
        {
            await publish.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return generation;
    }

    /// <summary>The id of the newest published generation, or null before the first update.</summary>
    public async Task<long?> LatestGenerationAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT max(id) FROM onionoo_generations WHERE published");
        return await command.ExecuteScalarAsync(ct) is long id ? id : null;
    }

    public async Task<OnionooSnapshot?> LoadAsync(long generation, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        DateTime builtAt;
        DateTime? relaysPublished, bridgesPublished;
        await using (var header = new NpgsqlCommand(
            "SELECT built_at, relays_published, bridges_published FROM onionoo_generations WHERE id = $1 AND published", connection))
        {
            header.Parameters.AddWithValue(generation);
            await using var reader = await header.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            builtAt = reader.GetDateTime(0);
            relaysPublished = reader.IsDBNull(1) ? null : reader.GetDateTime(1);
            bridgesPublished = reader.IsDBNull(2) ? null : reader.GetDateTime(2);
        }

        var nodes = new List<OnionooNode>();
        await using (var documents = new NpgsqlCommand("SELECT node FROM onionoo_documents WHERE generation_id = $1", connection))
        {
            documents.Parameters.AddWithValue(generation);
            await using var reader = await documents.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                nodes.Add(OnionooNodeSerializer.Deserialize((byte[])reader[0]));
            }
        }

        return new OnionooSnapshot(generation, builtAt, relaysPublished, bridgesPublished, nodes);
    }
}
