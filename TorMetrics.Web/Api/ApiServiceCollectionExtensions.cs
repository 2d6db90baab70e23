using Microsoft.OpenApi;
using TorMetrics.Web.Api.CollecTor;
using TorMetrics.Web.Api.Errors;

namespace TorMetrics.Web.Api;

public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddTorMetricsApi(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddCollecTorEndpoints();

        // Binding failures (limit=abc) become BadHttpRequestExceptions, which the handler answers with a 400 that
        // names the parameter, instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "TorMetrics API",
                Version = "v1",
                Description = "Tor network metrics: collected documents, relay and bridge status, bandwidth files, " +
                              "bridge usage reports, and the operations behind them.",
            });
            o.OperationFilter<Onionoo.OnionooParametersOperationFilter>();
            var xml = Path.Combine(AppContext.BaseDirectory, "tormetrics.xml");
            if (File.Exists(xml))
            {
                o.IncludeXmlComments(xml);
            }
        });
        return services;
    }
}
