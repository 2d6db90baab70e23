using TorMetrics.Web.Api.DirectoryProtocol;

namespace TorMetrics.Web.Api.CollecTor;

/// <summary>Everything served as CollecTor and as a directory cache serve it: public, no sign-in.</summary>
public static class CollecTorEndpoints
{
    public static IServiceCollection AddCollecTorEndpoints(this IServiceCollection services) =>
        services.AddSingleton<CollecTorIndexDocument>();

    public static IEndpointRouteBuilder MapCollecTorEndpoints(this IEndpointRouteBuilder app) => app
        .MapIndexEndpoints()
        .MapRecentEndpoints()
        .MapArchiveEndpoints()
        .MapServerDescriptorEndpoints()
        .MapExtraInfoEndpoints()
        .MapMicrodescriptorEndpoints()
        .MapStatusVoteEndpoints()
        .MapKeyCertificateEndpoints();
}
