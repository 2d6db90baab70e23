namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>What one generation did. With no results in the window nothing is written (the spec forbids an empty file).</summary>
public sealed record GenerationResult(
    bool Written,
    long? GenerationId,
    string? OutputPath,
    byte[]? Sha256,
    BandwidthFileDocument? Document,
    GenerationTimings Timings);

/// <summary>Where the time went: the SQL statistics, building the text, and writing plus archiving.</summary>
public sealed record GenerationTimings(TimeSpan Query, TimeSpan Build, TimeSpan Store, TimeSpan Total);
