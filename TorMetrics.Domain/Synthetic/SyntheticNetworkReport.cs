namespace TorMetrics.Domain.Synthetic;

/// <summary>What a generation wrote.</summary>
public sealed record SyntheticNetworkReport(
    string RecentDirectory,
    int Consensuses,
    int ServerDescriptors,
    int ExtraInfos,
    int BridgeStatuses,
    int BridgeServerDescriptors,
    int BridgeExtraInfos,
    int PoolAssignments,
    int ExitLists,
    int DistinctRelays,
    int DistinctBridges,
    int Files,
    long Bytes,
    TimeSpan Duration);
