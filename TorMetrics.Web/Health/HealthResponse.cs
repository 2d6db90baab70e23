namespace TorMetrics.Web.Health;

/// <summary>Overall status (Healthy, Degraded, Unhealthy) and each check's own.</summary>
public sealed record HealthResponse(string Status, double DurationMs, IReadOnlyDictionary<string, HealthCheckResponse> Checks);

public sealed record HealthCheckResponse(string Status, string? Description, IReadOnlyDictionary<string, object> Data);
