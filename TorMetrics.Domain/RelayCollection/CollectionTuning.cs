namespace TorMetrics.Domain.RelayCollection;

/// <summary>The planner's timings and batch sizes (from <c>RelayCollection</c> settings).</summary>
public sealed record CollectionTuning
{
    /// <summary>Wait after a window opens (votes, signatures, a new valid-after) before the first request.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>When the planner has nothing due, it looks again at least this often.</summary>
    public TimeSpan IdleRecheck { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>dir-spec limits: 96 hex SHA-1 digests and 92 base64 SHA-256 digests per request, as CollecTor uses.</summary>
    public int MaxDigestsPerRequest { get; init; } = 96;

    public int MaxMicrodescriptorsPerRequest { get; init; } = 92;
}
