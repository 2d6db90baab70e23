using System.Globalization;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Domain.CollecTor.Layout;

/// <summary>
/// CollecTor's file names and paths (collector.md §1.2-1.4): where a document goes in <c>recent/</c> and in the
/// monthly tarballs of <c>archive/</c>, and each tarball's name. Paths are relative to the instance root.
/// Detached signatures have no place in CollecTor; they get one of their own, named the same way as consensuses.
/// </summary>
public static class CollecTorLayout
{
    public const string RecentRoot = "recent/";
    public const string ArchiveRoot = "archive/";

    /// <summary>OnionPerf analyses and web logs are published as xz files, one document each, without annotation.</summary>
    public static bool IsCompressed(DescriptorKind kind) => kind is DescriptorKind.OnionPerfAnalysis or DescriptorKind.WebStats;

    /// <summary>The tarball and the path inside it. <paramref name="month"/> is any time in the tarball's month.</summary>
    public static ArchivePlacement Archive(PlacementFacts facts, DateTime month)
    {
        var m = CollecTorTime.Month(month);
        var day = CollecTorTime.Day(facts.Time);
        var ts = CollecTorTime.FileName(facts.Time);
        return facts.Kind switch
        {
            DescriptorKind.NetworkStatusConsensus => Monthly("relay-descriptors/consensuses/", "consensuses", m, $"{day}/{ts}-consensus"),
            DescriptorKind.NetworkStatusMicrodescConsensus =>
                Monthly("relay-descriptors/microdescs/", "microdescs", m, $"consensus-microdesc/{day}/{ts}-consensus-microdesc"),
            DescriptorKind.Microdescriptor => Monthly("relay-descriptors/microdescs/", "microdescs", m, "micro/" + Sharded(Convert.ToHexStringLower(facts.Sha256))),
            DescriptorKind.NetworkStatusVote => Monthly("relay-descriptors/votes/", "votes", m, $"{day}/{VoteName(facts)}"),
            DescriptorKind.ServerDescriptor => Monthly("relay-descriptors/server-descriptors/", "server-descriptors", m, Sharded(LowerDigest(facts))),
            DescriptorKind.ExtraInfo => Monthly("relay-descriptors/extra-infos/", "extra-infos", m, Sharded(LowerDigest(facts))),
            DescriptorKind.DirKeyCertificate => new ArchivePlacement(ArchiveRoot + "relay-descriptors/certs.tar.xz", "certs/" + CertificateName(facts)),
            DescriptorKind.BandwidthFile => Monthly("relay-descriptors/bandwidths/", "bandwidths", m, $"{day}/{BandwidthName(facts)}"),
            DescriptorKind.NetworkStatus2 => Monthly("relay-descriptors/statuses/", "statuses", m, $"{day}/{ts}-{Fingerprint(facts)}"),
            DescriptorKind.DetachedSignature => Monthly("relay-descriptors/detached-signatures/", "detached-signatures", m, $"{day}/{ts}-detached-signature"),
            DescriptorKind.BridgeNetworkStatus => Monthly("bridge-descriptors/statuses/", "bridge-statuses", m, $"{day}/{BridgeStatusName(facts)}"),
            DescriptorKind.BridgeServerDescriptor =>
                Monthly("bridge-descriptors/server-descriptors/", "bridge-server-descriptors", m, Sharded(LowerDigest(facts))),
            DescriptorKind.BridgeExtraInfo => Monthly("bridge-descriptors/extra-infos/", "bridge-extra-infos", m, Sharded(LowerDigest(facts))),
            DescriptorKind.BridgePoolAssignment => Monthly("bridge-pool-assignments/", "bridge-pool-assignments", m, $"{day}/{ts}"),
            DescriptorKind.BridgedbMetrics => Monthly("bridgedb-metrics/", "bridgedb-metrics", m, $"{day}/{ts}-bridgedb-metrics"),
            DescriptorKind.TorDnsEl => Monthly("exit-lists/", "exit-list", m, $"{day}/{ts}"),
            DescriptorKind.Torperf => Monthly("torperf/", "torperf", m, $"{day}/{TorperfName(facts)}"),
            DescriptorKind.OnionPerfAnalysis => Monthly("onionperf/", "onionperf", m, $"{day}/{OnionPerfName(facts)}"),
            DescriptorKind.SnowflakeStats => Monthly("snowflakes/", "snowflakes", m, $"{day}/{ts}-snowflake-stats"),
            // Web logs are already xz files, so their monthly archive is a plain tar (collector.md §1.4).
            DescriptorKind.WebStats => new ArchivePlacement(
                $"{ArchiveRoot}webstats/webstats-{m}.tar", $"webstats-{m}/{Safe(facts.VirtualHost)}/{day}/{WebLogName(facts)}"),
            _ => throw new ArgumentOutOfRangeException(nameof(facts), facts.Kind, "CollecTor has no place for this kind"),
        };
    }

    /// <summary>
    /// The recent/ file the document is served in, for a document stored by the run that started at
    /// <paramref name="run"/>; null for kinds CollecTor only archives (v2 statuses). <paramref name="month"/> is the
    /// month of the tarball a microdescriptor went into, which CollecTor appends to micro file names.
    /// </summary>
    public static string? Recent(PlacementFacts facts, DateTime run, DateTime month)
    {
        var ts = CollecTorTime.FileName(facts.Time);
        var runTime = CollecTorTime.FileName(new DateTime(run.Year, run.Month, run.Day, run.Hour, run.Minute, 0, DateTimeKind.Utc));
        var path = facts.Kind switch
        {
            DescriptorKind.NetworkStatusConsensus => $"relay-descriptors/consensuses/{ts}-consensus",
            DescriptorKind.NetworkStatusMicrodescConsensus => $"relay-descriptors/microdescs/consensus-microdesc/{ts}-consensus-microdesc",
            DescriptorKind.Microdescriptor => $"relay-descriptors/microdescs/micro/{runTime}-micro-{CollecTorTime.Month(month)}",
            DescriptorKind.NetworkStatusVote => $"relay-descriptors/votes/{VoteName(facts)}",
            DescriptorKind.ServerDescriptor => $"relay-descriptors/server-descriptors/{runTime}-server-descriptors",
            DescriptorKind.ExtraInfo => $"relay-descriptors/extra-infos/{runTime}-extra-infos",
            DescriptorKind.DirKeyCertificate => $"relay-descriptors/certs/{CertificateName(facts)}",
            DescriptorKind.BandwidthFile => $"relay-descriptors/bandwidths/{BandwidthName(facts)}",
            DescriptorKind.DetachedSignature => $"relay-descriptors/detached-signatures/{ts}-detached-signature",
            DescriptorKind.BridgeNetworkStatus => $"bridge-descriptors/statuses/{BridgeStatusName(facts)}",
            DescriptorKind.BridgeServerDescriptor => $"bridge-descriptors/server-descriptors/{runTime}-server-descriptors",
            DescriptorKind.BridgeExtraInfo => $"bridge-descriptors/extra-infos/{runTime}-extra-infos",
            DescriptorKind.BridgePoolAssignment => $"bridge-pool-assignments/{ts}",
            DescriptorKind.BridgedbMetrics => $"bridgedb-metrics/{ts}-bridgedb-metrics",
            DescriptorKind.TorDnsEl => $"exit-lists/{ts}",
            DescriptorKind.Torperf => $"torperf/{TorperfName(facts)}",
            DescriptorKind.OnionPerfAnalysis => $"onionperf/{OnionPerfName(facts)}",
            DescriptorKind.SnowflakeStats => $"snowflakes/{ts}-snowflake-stats",
            DescriptorKind.WebStats => $"webstats/{WebLogName(facts)}",
            _ => null,
        };
        return path is null ? null : RecentRoot + path;
    }

    /// <summary>The month a document's tarball covers, for every kind but microdescriptors (those follow their consensuses).</summary>
    public static DateTime Month(PlacementFacts facts) => CollecTorTime.MonthStart(facts.Time);

    private static ArchivePlacement Monthly(string directory, string prefix, string month, string inner) =>
        new($"{ArchiveRoot}{directory}{prefix}-{month}.tar.xz", $"{prefix}-{month}/{inner}");

    private static string Sharded(string hex) => $"{hex[0]}/{hex[1]}/{hex}";

    // Unparseable documents have no digest of their own; their storage key keeps names unique.
    private static string LowerDigest(PlacementFacts facts) =>
        facts.Digest?.ToLowerInvariant() ?? Convert.ToHexStringLower(facts.Sha256);

    private static string UpperDigest(PlacementFacts facts) => facts.Digest?.ToUpperInvariant() ?? Convert.ToHexString(facts.Sha256);

    private static string Fingerprint(PlacementFacts facts) => facts.Fingerprint?.ToUpperInvariant() ?? "unknown";

    private static string VoteName(PlacementFacts facts) =>
        $"{CollecTorTime.FileName(facts.Time)}-vote-{Fingerprint(facts)}-{UpperDigest(facts)}";

    private static string CertificateName(PlacementFacts facts) => $"{Fingerprint(facts)}-{CollecTorTime.FileName(facts.Time)}";

    private static string BandwidthName(PlacementFacts facts) => $"{CollecTorTime.FileName(facts.Time)}-bandwidth-{UpperDigest(facts)}";

    private static string BridgeStatusName(PlacementFacts facts) => $"{CollecTorTime.Compact(facts.Time)}-{Fingerprint(facts)}";

    private static string TorperfName(PlacementFacts facts) => string.Create(CultureInfo.InvariantCulture,
        $"{Safe(facts.Source)}-{facts.FileSize ?? 0}-{CollecTorTime.Date(facts.Time)}.tpf");

    private static string OnionPerfName(PlacementFacts facts) =>
        $"{CollecTorTime.Date(facts.Time)}.{Safe(facts.Source)}.onionperf.analysis.json.xz";

    private static string WebLogName(PlacementFacts facts) => string.Create(CultureInfo.InvariantCulture,
        $"{Safe(facts.VirtualHost)}_{Safe(facts.PhysicalHost)}_access.log_{facts.Time:yyyyMMdd}.xz");

    // Names taken from document content must not escape their directory or break the name's pattern.
    private static string Safe(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "unknown";
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] is '.' or '-'))
            {
                chars[i] = '_';
            }
        }

        var safe = new string(chars);
        return safe.Trim('.') is { Length: > 0 } trimmed ? trimmed : "unknown";
    }
}

/// <summary>A tarball path (<c>archive/relay-descriptors/consensuses/consensuses-2016-09.tar.xz</c>) and the path inside it.</summary>
public readonly record struct ArchivePlacement(string Tarball, string EntryName);
