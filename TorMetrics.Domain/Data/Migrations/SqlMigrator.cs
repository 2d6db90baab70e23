using System.Diagnostics;
using Npgsql;

namespace TorMetrics.Domain.Data.Migrations;

/// <summary>
/// Applies the ordered SQL migrations. A session-level advisory lock serialises concurrent migrators
/// (two app instances starting together), so each migration is applied exactly once.
/// </summary>
public sealed class SqlMigrator(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // Any constant shared by every TorMetrics instance; "TorMetrc" in ASCII.
    private const long AdvisoryLockKey = 0x546F724D65747263;

    public async Task<MigrationReport> MigrateAsync(
        IReadOnlyList<MigrationScript> scripts,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     text PRIMARY KEY,
                    name        text NOT NULL,
                    checksum    text NOT NULL,
                    applied_at  timestamptz NOT NULL,
                    duration_ms integer NOT NULL
                )
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var newlyApplied = new List<string>();
            foreach (var script in scripts)
            {
                if (applied.TryGetValue(script.Version, out var checksum))
                {
                    if (checksum != script.Checksum)
                    {
                        throw new MigrationChecksumException(script.Version, checksum, script.Checksum);
                    }

                    continue;
                }

                progress?.Report($"Applying {script.Version}_{script.Name}");
                await ApplyAsync(connection, script, cancellationToken);
                newlyApplied.Add(script.Version);
            }

            return new MigrationReport(applied.Count, newlyApplied);
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(script.Sql, connection, transaction))
        {
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at, duration_ms) VALUES ($1, $2, $3, $4, $5)",
            connection,
            transaction))
        {
            record.Parameters.AddWithValue(script.Version);
            record.Parameters.AddWithValue(script.Name);
            record.Parameters.AddWithValue(script.Checksum);
            record.Parameters.AddWithValue(clock.GetUtcNow());
            record.Parameters.AddWithValue((int)stopwatch.ElapsedMilliseconds);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<string, string>> ReadAppliedAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
