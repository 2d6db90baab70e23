using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TorMetrics.Domain.RelayCollection;

namespace TorMetrics.Jobs.RelayCollection;

public static class RelayCollectionServiceCollectionExtensions
{
    /// <summary>The collector and its parts, and <c>RelayCollection</c> settings checked when the host starts.</summary>
    public static IServiceCollection AddTorMetricsRelayCollection(this IServiceCollection services)
    {
        services.AddOptions<RelayCollectionOptions>()
            .BindConfiguration(RelayCollectionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient<DirectoryClient>((sp, http) =>
        {
            http.Timeout = sp.GetRequiredService<IOptions<RelayCollectionOptions>>().Value.RequestTimeout;
            http.DefaultRequestHeaders.UserAgent.ParseAdd("TorMetrics");
        });
        services.AddSingleton<CollectionStateQueries>();
        services.AddSingleton<RelayFetchLog>();
        services.AddSingleton<ArchiveRateQueries>();
        services.AddSingleton<CollectionMemory>();
        services.AddTransient<RelayDescriptorCollector>();
        return services;
    }
}
