using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace TorMetrics.Web.Health;

internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy(
                "Database reachable.",
                new Dictionary<string, object> { ["latencyMs"] = Math.Round(stopwatch.Elapsed.TotalMilliseconds, 1) });
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // The message names the failure class only; connection details stay in the logs.
            return HealthCheckResult.Unhealthy("Database unreachable: " + exception.GetType().Name);
        }
    }
}
