using Microsoft.Extensions.Options;
using TorMetrics.Domain.Onionoo.Enrichment;

namespace TorMetrics.Web.Onionoo;

public static partial class OnionooEnrichmentServiceCollectionExtensions
{
    /// <summary>
    /// GeoIP/AS lookups (<see cref="IAddressLocator"/>), stored host names (<see cref="IHostNameStore"/>) and the
    /// reverse DNS updater, with <c>Onionoo:GeoIp</c> and <c>Onionoo:ReverseDns</c> checked when the host starts.
    /// The address tables are read on first use and then kept for the life of the process.
    /// </summary>
    public static IServiceCollection AddOnionooEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GeoIpOptions>()
            .Bind(configuration.GetSection(GeoIpOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GeoIpOptions>, GeoIpOptionsValidator>();
        services.AddOptions<ReverseDnsOptions>()
            .Bind(configuration.GetSection(ReverseDnsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<IAddressLocator>(sp =>
        {
            var locator = AddressLocator.Load(sp.GetRequiredService<IOptions<GeoIpOptions>>().Value);
            var figures = locator.Figures;
            LogLoaded(
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AddressLocator)),
                figures.CountryRangesV4, figures.CountryRangesV6, figures.AsRangesV4 + figures.AsRangesV6,
                figures.LoadTime.TotalMilliseconds);
            return locator;
        });
        services.AddSingleton<IHostNameStore, HostNameStore>();
        services.AddSingleton<IHostNameResolver, SystemHostNameResolver>();
        services.AddSingleton<ReverseDnsUpdater>();
        return services;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Address databases loaded: {CountryRangesV4} IPv4 and {CountryRangesV6} IPv6 country ranges, {AsRanges} AS ranges, in {Milliseconds:0} ms")]
    private static partial void LogLoaded(ILogger logger, int countryRangesV4, int countryRangesV6, int asRanges, double milliseconds);
}
