namespace TorMetrics.Web.Onionoo;

public static class OnionooWebServiceCollectionExtensions
{
    /// <summary>The in-memory snapshot the endpoints answer from, and its refresh from the published generations.</summary>
    public static IServiceCollection AddTorMetricsOnionooService(this IServiceCollection services)
    {
        services.AddOptions<OnionooOptions>()
            .BindConfiguration(OnionooOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<OnionooSnapshotProvider>();
        services.AddSingleton<OnionooSnapshotRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<OnionooSnapshotRefresher>());
        services.AddHealthChecks().AddCheck<OnionooHealthCheck>("onionoo");
        return services;
    }
}
