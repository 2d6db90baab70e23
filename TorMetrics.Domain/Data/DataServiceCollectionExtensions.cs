using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TorMetrics.Domain.Data.Migrations;
using TorMetrics.Domain.Import;

namespace TorMetrics.Domain.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddTorMetricsData(this IServiceCollection services, string connectionString)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        services.AddSingleton(dataSource);
        services.AddDbContextFactory<TorMetricsDbContext>(o => o.UseNpgsql(dataSource));
        services.AddSingleton<SqlMigrator>();
        services.AddSingleton<DescriptorImporter>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
