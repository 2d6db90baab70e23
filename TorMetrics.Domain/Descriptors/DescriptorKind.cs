namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Every document type the product ingests. Names follow the CollecTor <c>@type</c> names
/// (collector.md §1.1); <see cref="Unknown"/> is for input no detector rule recognises.
/// </summary>
public enum DescriptorKind
{
    Unknown = 0,
    ServerDescriptor,
    ExtraInfo,
    Microdescriptor,
    NetworkStatusConsensus,
    NetworkStatusMicrodescConsensus,
    NetworkStatusVote,
    DirKeyCertificate,
    DetachedSignature,
    BandwidthFile,
    BridgeNetworkStatus,
    BridgeServerDescriptor,
    BridgeExtraInfo,
    BridgePoolAssignment,
    TorDnsEl,
    Torperf,
    OnionPerfAnalysis,
    SnowflakeStats,
    BridgedbMetrics,
    WebStats,
    NetworkStatus2,
}
