using Microsoft.Extensions.DependencyInjection;
using TorMetrics.Domain.CollecTor.Publishing;
using TorMetrics.Domain.CollecTor.Serving;
using TorMetrics.Domain.DirectoryProtocol;

namespace TorMetrics.Jobs.CollecTor;

public static class CollecTorServingServiceCollectionExtensions
{
    /// <summary>Serving what we hold as CollecTor and a directory cache do, with <c>CollecTorServing</c> settings checked at start.</summary>
    public static IServiceCollection AddTorMetricsCollecTorServing(this IServiceCollection services)
    {
        services.AddOptions<CollecTorServingOptions>()
            .BindConfiguration(CollecTorServingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CollecTorPublisher>();
        services.AddSingleton<ArchiveBuilder>();
        services.AddSingleton<PublishedFiles>();
        services.AddSingleton<DirectoryDocuments>();
        return services;
    }
}
