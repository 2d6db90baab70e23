namespace TorMetrics.Domain.Bandwidth.Queries;

/// <summary>
/// One measurement attempt of a relay: its type, the mean of its downloads' speeds (B/s; null for errors), and the
/// descriptor and consensus bandwidths the scanner saw at the time.
/// </summary>
public sealed record RelayMeasurement(
    DateTime MeasuredAt,
    string ScannerId,
    string ResultType,
    double? MeanBytesPerSecond,
    long? ObservedBandwidth,
    long? ConsensusBandwidth,
    string? Message);
