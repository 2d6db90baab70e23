using Npgsql;
using TorMetrics.Domain.Data.Migrations;

namespace TorMetrics.Tests.Infrastructure;

/// <summary>
/// A database of its own for one test class, built by the real migrations and dropped afterwards, so tests never
/// depend on each other's rows and every run exercises the migrations.
/// </summary>
public class PostgresDatabaseFixture : IAsyncLifetime
{
    public string DatabaseName { get; } = "tm_test_" + Guid.NewGuid().ToString("N")[..16];

    public string ConnectionString => TestPostgres.ConnectionStringFor(DatabaseName);

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>Whether the fixture applies the migrations itself; tests of the migrator start from an empty database.</summary>
    protected virtual bool Migrate => true;

    public virtual async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        DataSource = NpgsqlDataSource.Create(ConnectionString);
        if (Migrate)
        {
            await new SqlMigrator(DataSource, TimeProvider.System).MigrateAsync(MigrationScripts.Embedded());
        }
    }

    public virtual async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>An empty database (no migrations applied), for tests of the migrator itself.</summary>
public sealed class EmptyDatabaseFixture : PostgresDatabaseFixture
{
    protected override bool Migrate => false;
}
