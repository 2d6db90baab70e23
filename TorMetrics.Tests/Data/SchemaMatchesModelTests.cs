using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using TorMetrics.Domain.Data;
using TorMetrics.Tests.Infrastructure;
using TorMetrics.Web.Identity;

namespace TorMetrics.Tests.Data;

/// <summary>The SQL migrations own the schema; EF maps onto it. This proves the two agree, table by table.</summary>
public sealed class SchemaMatchesModelTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    public static TheoryData<string> Contexts => new() { nameof(TorMetricsDbContext), nameof(AdminIdentityDbContext) };

    [Theory]
    [MemberData(nameof(Contexts))]
    public async Task MigratedSchema_MatchesEfModel_TablesColumnsTypesNullabilityAndKeys(string contextName)
    {
        await using var context = CreateContext(contextName);
        var model = context.GetService<IDesignTimeModel>().Model;
        var problems = new List<string>();

        foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            var schema = entity.GetSchema() ?? "public";
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var columns = await ReadColumnsAsync(schema, table);
            if (columns.Count == 0)
            {
                problems.Add($"{table}: table missing from the migrated schema");
                continue;
            }

            var mapped = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in entity.GetProperties())
            {
                var name = property.GetColumnName(store)!;
                mapped.Add(name);
                if (!columns.TryGetValue(name, out var column))
                {
                    problems.Add($"{table}.{name}: column missing");
                    continue;
                }

                var modelType = property.GetColumnType(store);
                if (!string.Equals(modelType, column.Type, StringComparison.Ordinal))
                {
                    problems.Add($"{table}.{name}: model type {modelType}, schema type {column.Type}");
                }

                if (property.IsColumnNullable(store) != column.Nullable)
                {
                    problems.Add($"{table}.{name}: model nullable {property.IsColumnNullable(store)}, schema nullable {column.Nullable}");
                }
            }

            problems.AddRange(columns.Keys.Except(mapped).Select(c => $"{table}.{c}: column not in the model"));

            var modelKey = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(store)!).ToList();
            var schemaKey = await ReadPrimaryKeyAsync(schema, table);
            if (!modelKey.SequenceEqual(schemaKey))
            {
                problems.Add($"{table}: model key ({string.Join(", ", modelKey)}), schema key ({string.Join(", ", schemaKey)})");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.NotEmpty(model.GetEntityTypes());
    }

    private DbContext CreateContext(string name) => name switch
    {
        nameof(TorMetricsDbContext) => new TorMetricsDbContext(
            new DbContextOptionsBuilder<TorMetricsDbContext>().UseNpgsql(database.ConnectionString).Options),
        nameof(AdminIdentityDbContext) => new AdminIdentityDbContext(
            new DbContextOptionsBuilder<AdminIdentityDbContext>().UseNpgsql(database.ConnectionString).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private async Task<Dictionary<string, (string Type, bool Nullable)>> ReadColumnsAsync(string schema, string table)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
            """);
        command.Parameters.AddWithValue(schema);
        command.Parameters.AddWithValue(table);
        var columns = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns[reader.GetString(0)] = (reader.GetString(1), reader.GetBoolean(2));
        }

        return columns;
    }

    private async Task<List<string>> ReadPrimaryKeyAsync(string schema, string table)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT a.attname
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE i.indisprimary AND n.nspname = $1 AND c.relname = $2
            ORDER BY k.position
            """);
        command.Parameters.AddWithValue(schema);
        command.Parameters.AddWithValue(table);
        var key = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            key.Add(reader.GetString(0));
        }

        return key;
    }
}
