namespace TorMetrics.Domain.Onionoo.Query;

/// <summary>A validated Onionoo request: every filter already normalised the way matching needs it.</summary>
public sealed record OnionooQuery
{
    public static OnionooQuery Everything { get; } = new();

    /// <summary>Null: both kinds.</summary>
    public bool? Bridges { get; init; }

    public bool? Running { get; init; }

    public IReadOnlyList<string> Search { get; init; } = [];

    /// <summary>Upper-case fingerprints or hashed fingerprints.</summary>
    public IReadOnlySet<string>? Lookup { get; init; }

    /// <summary>Lower-case; "xz" means relays without a country.</summary>
    public string? Country { get; init; }

    /// <summary>"AS&lt;n&gt;"; "AS0" means relays without an AS.</summary>
    public IReadOnlySet<string>? AutonomousSystems { get; init; }

    /// <summary>Lower-case words every one of which the AS name must contain.</summary>
    public IReadOnlyList<string>? AutonomousSystemName { get; init; }

    public string? Flag { get; init; }

    public DayRange? FirstSeenDays { get; init; }

    public DayRange? LastSeenDays { get; init; }

    /// <summary>Lower-case words every one of which the contact must contain.</summary>
    public IReadOnlyList<string>? Contact { get; init; }

    /// <summary>Upper-case fingerprint whose effective family (and itself) is wanted.</summary>
    public string? Family { get; init; }

    public IReadOnlyList<VersionRange>? Versions { get; init; }

    public string? OperatingSystem { get; init; }

    public string? HostName { get; init; }

    public bool? RecommendedVersion { get; init; }

    public bool? Overloaded { get; init; }

    public string? Transport { get; init; }

    public IReadOnlyList<OrderKey> Order { get; init; } = [];

    public int? Offset { get; init; }

    public int? Limit { get; init; }

    /// <summary>Details members to keep (lower-case names); null keeps all.</summary>
    public IReadOnlySet<string>? Fields { get; init; }

    /// <summary>Our extension: answer from the archive as of the end of this UTC day.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>The time day-based filters count from: the request time, or the end of the <see cref="AsOf"/> day.</summary>
    public DateTime DaysCountedFrom(DateTime requestTime) =>
        AsOf is { } day ? day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(1) : requestTime;

    /// <summary>True when the answer is the whole generation in fingerprint order (so a prepared body serves it).</summary>
    public bool SelectsEverything =>
        Bridges is null && Running is null && Search.Count == 0 && Lookup is null && Country is null
        && AutonomousSystems is null && AutonomousSystemName is null && Flag is null && FirstSeenDays is null
        && LastSeenDays is null && Contact is null && Family is null && Versions is null && OperatingSystem is null
        && HostName is null && RecommendedVersion is null && Overloaded is null && Transport is null && Order.Count == 0
        && Offset is null && Limit is null && Fields is null;
}

/// <summary>An inclusive range of whole days; <see cref="Max"/> null is open.</summary>
public sealed record DayRange(int Min, int? Max)
{
    public bool Contains(int days) => days >= Min && (Max is null || days <= Max);
}

public sealed record OrderKey(OrderField Field, bool Descending);

public enum OrderField
{
    ConsensusWeight,
    FirstSeen,
}

/// <summary>A <c>version</c> parameter item: one version, or a range whose open sides are null.</summary>
public sealed record VersionRange(TorVersion? From, TorVersion? To)
{
    public bool Matches(TorVersion version) =>
        (From is null || version.CompareTo(From) >= 0)
        && (To is null || version.CompareTo(To) <= 0 || To.IsPrefixOf(version));
}
