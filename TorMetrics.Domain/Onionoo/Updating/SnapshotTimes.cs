namespace TorMetrics.Domain.Onionoo.Updating;

/// <summary>
/// The instants a snapshot is built for. Live: the newest relay consensus and bridge status, descriptors up to now.
/// As of a day: the newest of each up to that day's end, and descriptors published by then.
/// </summary>
public sealed record SnapshotTimes(DateTime? RelaysPublished, DateTime? BridgesPublished, DateTime DescriptorsUntil)
{
    /// <summary>A finite "no limit" for timestamptz parameters.</summary>
    public static readonly DateTime Forever = new(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Nodes last seen before this are not served: seven days before the newest status of either kind.</summary>
    public DateTime ServedSince => (Newest ?? DateTime.UnixEpoch).AddDays(-7);

    public DateTime? Newest =>
        RelaysPublished is null ? BridgesPublished
        : BridgesPublished is null ? RelaysPublished
        : RelaysPublished > BridgesPublished ? RelaysPublished : BridgesPublished;
}
