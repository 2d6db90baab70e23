using TorMetrics.Domain.Descriptors.BandwidthFiles;
using TorMetrics.Domain.Descriptors.BridgeDb;
using TorMetrics.Domain.Descriptors.BridgeNetworkStatuses;
using TorMetrics.Domain.Descriptors.BridgePoolAssignments;
using TorMetrics.Domain.Descriptors.DetachedSignatures;
using TorMetrics.Domain.Descriptors.ExitLists;
using TorMetrics.Domain.Descriptors.ExtraInfos;
using TorMetrics.Domain.Descriptors.KeyCertificates;
using TorMetrics.Domain.Descriptors.Microdescriptors;
using TorMetrics.Domain.Descriptors.NetworkStatuses;
using TorMetrics.Domain.Descriptors.NetworkStatuses2;
using TorMetrics.Domain.Descriptors.OnionPerf;
using TorMetrics.Domain.Descriptors.ServerDescriptors;
using TorMetrics.Domain.Descriptors.Snowflakes;
using TorMetrics.Domain.Descriptors.Torperf;
using TorMetrics.Domain.Descriptors.WebStats;

namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// The one place that says, per kind, how a file is cut into documents and which parser
/// reads them. Adding a parser for a new kind means adding its entry here.
/// </summary>
public static class DescriptorFormats
{
    private static readonly Dictionary<DescriptorKind, DescriptorFormat> Formats = new DescriptorFormat[]
    {
        new(DescriptorKind.ServerDescriptor, "router", ServerDescriptorParser.Parse),
        new(DescriptorKind.BridgeServerDescriptor, "router", ServerDescriptorParser.Parse),
        new(DescriptorKind.ExtraInfo, "extra-info", ExtraInfoParser.Parse),
        new(DescriptorKind.BridgeExtraInfo, "extra-info", ExtraInfoParser.Parse),
        new(DescriptorKind.Microdescriptor, "onion-key", MicrodescriptorParser.Parse),
        new(DescriptorKind.NetworkStatusConsensus, null, NetworkStatusParser.Parse),
        new(DescriptorKind.NetworkStatusMicrodescConsensus, null, NetworkStatusParser.Parse),
        new(DescriptorKind.NetworkStatusVote, null, NetworkStatusParser.Parse),
        new(DescriptorKind.BridgeNetworkStatus, null, BridgeNetworkStatusParser.Parse),
        new(DescriptorKind.DirKeyCertificate, "dir-key-certificate-version", DirKeyCertificateParser.Parse),
        new(DescriptorKind.DetachedSignature, null, DetachedSignatureParser.Parse),
        new(DescriptorKind.NetworkStatus2, null, NetworkStatus2Parser.Parse),

        // Measurement, bridge-distribution and web-log formats (not dir-spec documents).
        new(DescriptorKind.BandwidthFile, null, BandwidthFileParser.Parse),
        new(DescriptorKind.BridgePoolAssignment, "bridge-pool-assignment", BridgePoolAssignmentParser.Parse),
        new(DescriptorKind.TorDnsEl, null, ExitListParser.Parse),
        new(DescriptorKind.Torperf, null, TorperfParser.Parse, LinePerDocument: true),
        new(DescriptorKind.OnionPerfAnalysis, null, OnionPerfAnalysisParser.Parse),
        new(DescriptorKind.SnowflakeStats, "snowflake-stats-end", SnowflakeStatsParser.Parse),
        new(DescriptorKind.BridgedbMetrics, "bridgedb-metrics-end", BridgedbMetricsParser.Parse),
        new(DescriptorKind.WebStats, null, WebServerAccessLogParser.Parse),
    }.ToDictionary(f => f.Kind);

    private static readonly DescriptorFormat UnknownFormat = new(DescriptorKind.Unknown, null, null);

    public static DescriptorFormat Get(DescriptorKind kind) => Formats.GetValueOrDefault(kind, UnknownFormat);
}
