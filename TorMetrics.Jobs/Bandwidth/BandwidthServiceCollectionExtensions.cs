using Microsoft.Extensions.DependencyInjection;
using TorMetrics.Domain.Bandwidth.Generation;
using TorMetrics.Domain.Bandwidth.Queries;
using TorMetrics.Domain.Bandwidth.Results;

namespace TorMetrics.Jobs.Bandwidth;

public static class BandwidthServiceCollectionExtensions
{
    /// <summary>The generator and importer, and <c>BandwidthAuthority</c> settings checked when the host starts.</summary>
    public static IServiceCollection AddTorMetricsBandwidth(this IServiceCollection services)
    {
        services.AddOptions<BandwidthGeneratorOptions>()
            .BindConfiguration(BandwidthGeneratorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<BandwidthFileGenerator>();
        services.AddSingleton<MeasurementImporter>();
        services.AddSingleton<BandwidthQueries>();
        return services;
    }
}
