using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using TorMetrics.Domain.Onionoo;

namespace TorMetrics.Web.Onionoo;

/// <summary>
/// Whether this instance serves Onionoo documents and how fresh they are: degraded when statuses were imported but
/// nothing is served, or when the served generation is older than the hourly fallback update allows.
/// </summary>
internal sealed class OnionooHealthCheck(OnionooSnapshotProvider snapshots, NpgsqlDataSource dataSource, TimeProvider clock) : IHealthCheck
{
    private static readonly TimeSpan MaximumAge = TimeSpan.FromHours(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = snapshots.Current;
        if (snapshot is null)
        {
            await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM network_statuses WHERE NOT is_vote)");
            return (bool)(await command.ExecuteScalarAsync(cancellationToken))!
                ? HealthCheckResult.Degraded("Statuses are imported but no Onionoo documents are published yet (job update-onionoo).")
                : HealthCheckResult.Healthy("No statuses imported yet, so no Onionoo documents to serve.");
        }

        var age = clock.GetUtcNow().UtcDateTime - snapshot.BuiltAt;
        var data = new Dictionary<string, object>
        {
            ["generation"] = snapshot.Generation,
            ["builtAt"] = snapshot.BuiltAt,
            ["relaysPublished"] = OnionooResponseWriter.FormatTime(snapshot.RelaysPublished),
            ["bridgesPublished"] = OnionooResponseWriter.FormatTime(snapshot.BridgesPublished),
            ["relays"] = snapshot.Relays.Count,
            ["bridges"] = snapshot.Bridges.Count,
        };
        return age <= MaximumAge
            ? HealthCheckResult.Healthy($"Serving generation {snapshot.Generation}.", data)
            : HealthCheckResult.Degraded($"The served generation was built {age.TotalHours:F1} hours ago; is update-onionoo running?", data: data);
    }
}
