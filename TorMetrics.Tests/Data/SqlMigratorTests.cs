using Npgsql;
using TorMetrics.Domain.Data.Migrations;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Data;

public sealed class SqlMigratorTests
{
    [Fact]
    public async Task MigrateAsync_FreshDatabase_AppliesEveryScriptOnceInOrder()
    {
        await using var database = await StartEmptyAsync();
        var scripts = MigrationScripts.Embedded();

        var first = await new SqlMigrator(database.DataSource, TimeProvider.System).MigrateAsync(scripts);
        var second = await new SqlMigrator(database.DataSource, TimeProvider.System).MigrateAsync(scripts);

        Assert.Equal(scripts.Select(s => s.Version), first.NewlyApplied);
        Assert.Empty(second.NewlyApplied);
        Assert.Equal(scripts.Count, second.PreviouslyApplied);
        Assert.Equal(scripts.Count, await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task MigrateAsync_TwoInstancesAtOnce_ApplyEachScriptExactlyOnce()
    {
        await using var database = await StartEmptyAsync();
        var scripts = MigrationScripts.Embedded();

        // Two migrators with their own connection pools, as two app instances starting together would have.
        await using var otherSource = NpgsqlDataSource.Create(database.ConnectionString);
        var reports = await Task.WhenAll(
            new SqlMigrator(database.DataSource, TimeProvider.System).MigrateAsync(scripts),
            new SqlMigrator(otherSource, TimeProvider.System).MigrateAsync(scripts));

        Assert.Equal(scripts.Count, reports.Sum(r => r.NewlyApplied.Count));
        Assert.Contains(reports, r => r.NewlyApplied.Count == 0);
        Assert.Equal(scripts.Count, await database.ScalarAsync<long>("SELECT count(DISTINCT version) FROM schema_migrations"));
        Assert.Equal(scripts.Count, await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task MigrateAsync_AppliedScriptEditedAfterwards_ThrowsAndAppliesNothing()
    {
        await using var database = await StartEmptyAsync();
        var scripts = MigrationScripts.Embedded();
        await new SqlMigrator(database.DataSource, TimeProvider.System).MigrateAsync(scripts);

        var edited = scripts
            .Select(s => s.Version == scripts[0].Version ? s with { Sql = s.Sql + "\n-- an innocent-looking edit\n" } : s)
            .Append(new MigrationScript("9999", "never_applied", "CREATE TABLE never_applied (id int)"))
            .ToList();

        var error = await Assert.ThrowsAsync<MigrationChecksumException>(
            () => new SqlMigrator(database.DataSource, TimeProvider.System).MigrateAsync(edited));
        Assert.Contains(scripts[0].Version, error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'never_applied'"));
    }

    [Fact]
    public void Embedded_ScriptsAreNamedAndOrderedByVersion()
    {
        var scripts = MigrationScripts.Embedded();

        Assert.NotEmpty(scripts);
        Assert.Equal(scripts.Select(s => s.Version).Order(StringComparer.Ordinal), scripts.Select(s => s.Version));
        Assert.All(scripts, s => Assert.Matches("^[0-9]{4}$", s.Version));
    }

    [Fact]
    public void Checksum_IgnoresLineEndingsButNotContent()
    {
        var unix = new MigrationScript("0001", "x", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");
        var windows = new MigrationScript("0001", "x", "CREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n");
        var changed = new MigrationScript("0001", "x", "CREATE TABLE a (id bigint);\nCREATE TABLE b (id int);\n");

        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, changed.Checksum);
    }

    private static async Task<AsyncFixture> StartEmptyAsync()
    {
        var fixture = new EmptyDatabaseFixture();
        await fixture.InitializeAsync();
        return new AsyncFixture(fixture);
    }

    private sealed class AsyncFixture(EmptyDatabaseFixture fixture) : IAsyncDisposable
    {
        public NpgsqlDataSource DataSource => fixture.DataSource;

        public string ConnectionString => fixture.ConnectionString;

        public Task<T> ScalarAsync<T>(string sql) => fixture.ScalarAsync<T>(sql);

        public async ValueTask DisposeAsync() => await fixture.DisposeAsync();
    }
}
