namespace TorMetrics.Domain.RelayCollection;

/// <summary>
/// One HTTP GET the planner wants now: a path on one directory server, for the documents named by
/// <see cref="Keys"/> (retry-book keys), all of one purpose.
/// </summary>
public sealed record FetchRequest(FetchPurpose Purpose, DirectoryServer Source, string Path, DateTime? ValidAfter, IReadOnlyList<string> Keys)
{
    public string Url => Source.BaseUrl + Path;

    /// <summary>Every server the keys may be asked from (for the retry book's rotation).</summary>
    public int SourceCount { get; init; } = 1;
}

/// <summary>Something the planner will do later, for the admin UI: what, when, and from where first.</summary>
public sealed record PlannedFetch(FetchPurpose Purpose, DateTime At, DateTime? ValidAfter, int Documents);

/// <summary>What to fetch now, and when the next thing falls due.</summary>
public sealed record CollectionPlan(IReadOnlyList<FetchRequest> Due, DateTime NextDue, IReadOnlyList<PlannedFetch> Upcoming);
