using System.Globalization;

namespace TorMetrics.Domain.Synthetic.Writing;

/// <summary>File names and folders of CollecTor's <c>recent/</c> tree (collector.md §1.2).</summary>
public static class CollecTorRecentLayout
{
    public const string Consensuses = "relay-descriptors/consensuses";
    public const string ServerDescriptors = "relay-descriptors/server-descriptors";
    public const string ExtraInfos = "relay-descriptors/extra-infos";
    public const string BridgeStatuses = "bridge-descriptors/statuses";
    public const string BridgeServerDescriptors = "bridge-descriptors/server-descriptors";
    public const string BridgeExtraInfos = "bridge-descriptors/extra-infos";
    public const string PoolAssignments = "bridge-pool-assignments";
    public const string ExitLists = "exit-lists";

    public static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd-HH-mm-ss", CultureInfo.InvariantCulture);

    public static string BridgeStatusName(DateTime published, string authority) =>
        published.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + authority;

    /// <summary>The run that collects a document published at <paramref name="time"/>: the next HH:<paramref name="minute"/>.</summary>
    public static DateTime RunAfter(DateTime time, int minute)
    {
        var run = new DateTime(time.Year, time.Month, time.Day, time.Hour, minute, 0, DateTimeKind.Utc);
        return run >= time ? run : run.AddHours(1);
    }
}
