using Npgsql;
using TorMetrics.Domain.Data;

namespace TorMetrics.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against: <c>TORMETRICS_TEST_ADMIN_CONNECTION</c> (a role that may create
/// databases), else the project's private cluster started by <c>scripts/postgres.sh start</c>.
/// </summary>
public static class TestPostgres
{
    public const string AdminConnectionVariable = "TORMETRICS_TEST_ADMIN_CONNECTION";

    public static string AdminConnectionString { get; } = ResolveAdminConnectionString();

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    private static string ResolveAdminConnectionString()
    {
        var configured = Environment.GetEnvironmentVariable(AdminConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var local = LocalCluster.FindConnectionString(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException(
                $"No test database server: set {AdminConnectionVariable} or run 'scripts/postgres.sh start' " +
                "(the README's test command does both).");
        return new NpgsqlConnectionStringBuilder(local) { Database = "postgres" }.ConnectionString;
    }
}
