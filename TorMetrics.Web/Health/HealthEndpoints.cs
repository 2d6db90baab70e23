using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TorMetrics.Web.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddTorMetricsHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<JobsHealthCheck>("jobs")
            .AddCheck<RelayCollectionHealthCheck>("relay-collection");
        return services;
    }

    public static WebApplication MapTorMetricsHealth(this WebApplication app)
    {
        app.MapGet("/health", CheckAsync)
            .WithName("GetHealth")
            .WithTags("Health")
            .WithSummary("Database reachability, the last run of each job, and relay collection (archive rate, consensus age).")
            .WithDescription("200 when Healthy or Degraded (a job's last run failed, documents missing, a late consensus), 503 when Unhealthy.");
        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> CheckAsync(
        HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var response = new HealthResponse(
            report.Status.ToString(),
            Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthCheckResponse(e.Value.Status.ToString(), e.Value.Description, e.Value.Data)));
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(response, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(response);
    }
}
