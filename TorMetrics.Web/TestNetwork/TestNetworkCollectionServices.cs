using TorMetrics.Domain.Data;
using TorMetrics.Domain.Data.Migrations;
using TorMetrics.Jobs.RelayCollection;
using TorMetrics.Web.Hosting;

namespace TorMetrics.Web.TestNetwork;

/// <summary>
/// The collector's services outside the web host, pointed at a test network: the same registrations as the host,
/// with the network's v3 authorities as bootstrap authorities and the database migrated first.
/// </summary>
public static class TestNetworkCollectionServices
{
    public static async Task<ServiceProvider> CreateAsync(IConfiguration configuration, TestNetworkDescription network, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
        }).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(configuration);
        services.AddTorMetricsData(ConnectionStrings.Resolve(configuration, Directory.GetCurrentDirectory()));
        services.AddTorMetricsRelayCollection();
        services.PostConfigure<RelayCollectionOptions>(o =>
            o.Authorities = network.Authorities.Select(a => FormattableString.Invariant($"127.0.0.1:{a.DirPort}")).ToList());
        services.AddTransient<CollectionSession>();
        services.AddTransient<TestNetworkAcceptance>();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<SqlMigrator>().MigrateAsync(MigrationScripts.Embedded(), null, cancellationToken);
        return provider;
    }
}
