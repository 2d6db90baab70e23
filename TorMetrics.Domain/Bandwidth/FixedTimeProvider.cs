namespace TorMetrics.Domain.Bandwidth;

/// <summary>A clock stopped at one instant, for <c>--now</c>: the same inputs then give the same file, byte for byte.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
