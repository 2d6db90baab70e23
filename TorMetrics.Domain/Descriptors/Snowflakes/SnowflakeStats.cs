namespace TorMetrics.Domain.Descriptors.Snowflakes;

/// <summary>
/// One block of Snowflake broker statistics (CollecTor <c>@type snowflake-stats 1.0</c>), starting at its
/// <c>snowflake-stats-end</c> line. Counts are rounded by the broker. Newer brokers add lines, so every
/// single-number line is kept in <see cref="Counters"/> and every <c>CC=N,...</c> line in <see cref="CountryCounts"/>;
/// the typed properties read from those.
/// </summary>
public sealed record SnowflakeStats : Descriptor
{
    /// <summary>End of the statistics interval.</summary>
    public required DateTime StatsEnd { get; init; }

    /// <summary>Interval length in seconds (86400 in every sample).</summary>
    public required int IntervalSeconds { get; init; }

    /// <summary>Keyword → value for lines with one integer argument, e.g. <c>snowflake-ips-total</c>.</summary>
    public IReadOnlyDictionary<string, long> Counters { get; init; } = new Dictionary<string, long>();

    /// <summary>Keyword → (upper-case country code, <c>??</c> for unknown) → count, e.g. <c>snowflake-ips</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> CountryCounts { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, long>>();

    public IReadOnlyList<string> UnrecognizedLines { get; init; } = [];

    /// <summary>Unique snowflake proxy IPs per country.</summary>
    public IReadOnlyDictionary<string, long>? SnowflakeIps => CountryCounts.GetValueOrDefault("snowflake-ips");

    public long? SnowflakeIpsTotal => Counter("snowflake-ips-total");

    public long? SnowflakeIpsStandalone => Counter("snowflake-ips-standalone");

    public long? SnowflakeIpsBadge => Counter("snowflake-ips-badge");

    public long? SnowflakeIpsWebext => Counter("snowflake-ips-webext");

    public long? SnowflakeIpsNatRestricted => Counter("snowflake-ips-nat-restricted");

    public long? SnowflakeIpsNatUnrestricted => Counter("snowflake-ips-nat-unrestricted");

    public long? SnowflakeIpsNatUnknown => Counter("snowflake-ips-nat-unknown");

    /// <summary>Proxy polls that got no client.</summary>
    public long? SnowflakeIdleCount => Counter("snowflake-idle-count");

    /// <summary>Client requests that found no proxy.</summary>
    public long? ClientDeniedCount => Counter("client-denied-count");

    public long? ClientRestrictedDeniedCount => Counter("client-restricted-denied-count");

    public long? ClientUnrestrictedDeniedCount => Counter("client-unrestricted-denied-count");

    public long? ClientSnowflakeMatchCount => Counter("client-snowflake-match-count");

    public long? Counter(string keyword) => Counters.TryGetValue(keyword, out long v) ? v : null;
}
