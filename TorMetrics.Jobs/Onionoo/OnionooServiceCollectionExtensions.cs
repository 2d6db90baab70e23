using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TorMetrics.Domain.Onionoo.Enrichment;
using TorMetrics.Domain.Onionoo.Updating;

namespace TorMetrics.Jobs.Onionoo;

public static class OnionooServiceCollectionExtensions
{
    /// <summary>
    /// The updater and its parts, and the listener that runs it after imports. GeoIP and reverse DNS are used
    /// when registered (<see cref="IAddressLocator"/>, <see cref="IHostNameStore"/>).
    /// </summary>
    public static IServiceCollection AddTorMetricsOnionooUpdater(this IServiceCollection services)
    {
        services.AddSingleton<OnionooHistoryUpdater>();
        services.AddSingleton(sp => new OnionooSnapshotBuilder(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IAddressLocator>(),
            sp.GetService<IHostNameStore>()));
        services.AddSingleton<OnionooGenerationStore>();
        services.AddSingleton<OnionooUpdater>();
        services.AddHostedService<NetworkStatusListener>();
        return services;
    }
}
