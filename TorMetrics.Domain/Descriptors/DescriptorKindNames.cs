namespace TorMetrics.Domain.Descriptors;

/// <summary>Maps between <see cref="DescriptorKind"/> and CollecTor's <c>@type</c> names.</summary>
public static class DescriptorKindNames
{
    // OnionPerf analysis JSON and web logs carry no @type line; the names below are ours and
    // only used for display and logging.
    private static readonly (string Name, DescriptorKind Kind)[] Names =
    [
        ("server-descriptor", DescriptorKind.ServerDescriptor),
        ("extra-info", DescriptorKind.ExtraInfo),
        ("microdescriptor", DescriptorKind.Microdescriptor),
        ("network-status-consensus-3", DescriptorKind.NetworkStatusConsensus),
        ("network-status-microdesc-consensus-3", DescriptorKind.NetworkStatusMicrodescConsensus),
        ("network-status-vote-3", DescriptorKind.NetworkStatusVote),
        ("dir-key-certificate-3", DescriptorKind.DirKeyCertificate),
        ("detached-signature-3", DescriptorKind.DetachedSignature),
        ("bandwidth-file", DescriptorKind.BandwidthFile),
        ("bridge-network-status", DescriptorKind.BridgeNetworkStatus),
        ("bridge-server-descriptor", DescriptorKind.BridgeServerDescriptor),
        ("bridge-extra-info", DescriptorKind.BridgeExtraInfo),
        ("bridge-pool-assignment", DescriptorKind.BridgePoolAssignment),
        ("tordnsel", DescriptorKind.TorDnsEl),
        ("torperf", DescriptorKind.Torperf),
        ("onionperf-analysis", DescriptorKind.OnionPerfAnalysis),
        ("snowflake-stats", DescriptorKind.SnowflakeStats),
        ("bridgedb-metrics", DescriptorKind.BridgedbMetrics),
        ("webstats", DescriptorKind.WebStats),
        ("network-status-2", DescriptorKind.NetworkStatus2),
    ];

    /// <summary>The kind for an <c>@type</c> name, or <see cref="DescriptorKind.Unknown"/>.</summary>
    public static DescriptorKind FromTypeName(string name)
    {
        foreach (var (n, kind) in Names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return DescriptorKind.Unknown;
    }

    /// <summary>The <c>@type</c> name of a kind, or <c>unknown</c>.</summary>
    public static string ToTypeName(DescriptorKind kind)
    {
        foreach (var (n, k) in Names)
        {
            if (k == kind)
            {
                return n;
            }
        }

        return "unknown";
    }
}
