namespace TorMetrics.Domain.Descriptors.BridgeDb;

/// <summary>
/// BridgeDB's request statistics for one interval (CollecTor <c>@type bridgedb-metrics 1.0</c>): how many
/// bridge requests each distributor answered, per transport and country or email provider. Counts are binned.
/// </summary>
public sealed record BridgedbMetrics : Descriptor
{
    /// <summary>End of the measurement interval (<c>bridgedb-metrics-end</c>).</summary>
    public required DateTime MetricsEnd { get; init; }

    public required int IntervalSeconds { get; init; }

    /// <summary><c>bridgedb-metrics-version</c> as written ("1" in every known file).</summary>
    public string? MetricsVersion { get; init; }

    public IReadOnlyList<BridgedbMetricCount> MetricCounts { get; init; } = [];

    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];
}

/// <summary>
/// <c>bridgedb-metric-count &lt;distributor&gt;.&lt;transport&gt;.&lt;cc or email provider&gt;.&lt;success|fail&gt;.&lt;anomaly&gt; N</c>.
/// The parts are null when the key does not have five dot-separated parts.
/// </summary>
public sealed record BridgedbMetricCount(
    string Key,
    long Count,
    string? Distributor,
    string? Transport,
    string? CountryOrProvider,
    string? Result,
    string? Anomaly);
