using System.Net;
using TorMetrics.Domain.Descriptors.BridgePoolAssignments;
using TorMetrics.Domain.Onionoo.Enrichment;
using TorMetrics.Domain.Onionoo.Updating;

namespace TorMetrics.Domain.Onionoo.Documents;

/// <summary>Everything about the snapshot as a whole that a node's documents depend on.</summary>
public sealed class DocumentContext
{
    public required SnapshotTimes Times { get; init; }

    /// <summary>The newest consensus's recommended server versions.</summary>
    public IReadOnlyList<TorVersion> RecommendedVersions { get; init; } = [];

    public IReadOnlyDictionary<string, Family> Families { get; init; } = new Dictionary<string, Family>();

    public IReadOnlyDictionary<string, BridgePoolAssignmentEntry> BridgePool { get; init; } = new Dictionary<string, BridgePoolAssignmentEntry>();

    public IReadOnlyDictionary<NodeKey, NodeGraphs> Bandwidth { get; init; } = new Dictionary<NodeKey, NodeGraphs>();

    public IReadOnlyDictionary<NodeKey, NodeGraphs> Weights { get; init; } = new Dictionary<NodeKey, NodeGraphs>();

    public IReadOnlyDictionary<NodeKey, NodeGraphs> Clients { get; init; } = new Dictionary<NodeKey, NodeGraphs>();

    public IReadOnlyDictionary<NodeKey, NodeGraphs> Uptime { get; init; } = new Dictionary<NodeKey, NodeGraphs>();

    public IAddressLocator? Locator { get; init; }

    public IReadOnlyDictionary<IPAddress, HostNames> HostNames { get; init; } = new Dictionary<IPAddress, HostNames>();
}
