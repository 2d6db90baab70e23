using System.Text;
using TorMetrics.Domain.Descriptors;

namespace TorMetrics.Tests.Descriptors;

public class DescriptorTypeDetectorTests
{
    [Theory]
    [InlineData("@type server-descriptor 1.0\nrouter a 1.2.3.4 1 0 0\n", DescriptorKind.ServerDescriptor)]
    [InlineData("@type bridge-server-descriptor 1.2\nrouter a 10.0.0.1 1 0 0\n", DescriptorKind.BridgeServerDescriptor)]
    [InlineData("@type network-status-microdesc-consensus-3 1.0\nnetwork-status-version 3 microdesc\n", DescriptorKind.NetworkStatusMicrodescConsensus)]
    [InlineData("@type bandwidth-file 1.0\n1557834219\n", DescriptorKind.BandwidthFile)]
    [InlineData("@type snowflake-stats 1.0\nsnowflake-stats-end 2020-12-16 19:24:38 (86400 s)\n", DescriptorKind.SnowflakeStats)]
    [InlineData("@type bridgedb-metrics 1.0\n", DescriptorKind.BridgedbMetrics)]
    [InlineData("@type bridge-pool-assignment 1.0\n", DescriptorKind.BridgePoolAssignment)]
    [InlineData("@type network-status-2 1.0\n", DescriptorKind.NetworkStatus2)]
    public void Detect_TypeAnnotation_MapsToKind(string content, DescriptorKind expected)
    {
        var detection = DescriptorTypeDetector.Detect(Encoding.ASCII.GetBytes(content));
        Assert.Equal(expected, detection.Kind);
        Assert.NotNull(detection.TypeAnnotation);
    }

    [Theory]
    [InlineData("router a 1.2.3.4 1 0 0\n", DescriptorKind.ServerDescriptor)]
    [InlineData("@purpose bridge\nrouter a 1.2.3.4 1 0 0\n", DescriptorKind.BridgeServerDescriptor)]
    [InlineData("extra-info a 0000000000000000000000000000000000000000\n", DescriptorKind.ExtraInfo)]
    [InlineData("@last-listed 2017-03-09 02:00:12\nonion-key\n", DescriptorKind.Microdescriptor)]
    [InlineData("network-status-version 3\nvote-status consensus\n", DescriptorKind.NetworkStatusConsensus)]
    [InlineData("network-status-version 3\nvote-status vote\n", DescriptorKind.NetworkStatusVote)]
    [InlineData("network-status-version 3 microdesc\nvote-status consensus\n", DescriptorKind.NetworkStatusMicrodescConsensus)]
    [InlineData("dir-key-certificate-version 3\n", DescriptorKind.DirKeyCertificate)]
    [InlineData("consensus-digest 244E0760BB0B1E5418A4A014822F804AFE0CC3D6\n", DescriptorKind.DetachedSignature)]
    [InlineData("published 2012-06-01 04:07:04\nr a b c\n", DescriptorKind.BridgeNetworkStatus)]
    [InlineData("Downloaded 2016-09-20 13:02:00\n", DescriptorKind.TorDnsEl)]
    [InlineData("1553519123\nversion=1.2.0\n", DescriptorKind.BandwidthFile)]
    public void Detect_NoAnnotation_SniffsFirstKeyword(string content, DescriptorKind expected)
    {
        Assert.Equal(expected, DescriptorTypeDetector.Detect(Encoding.ASCII.GetBytes(content)).Kind);
    }

    [Theory]
    [InlineData("cached-consensus", DescriptorKind.NetworkStatusConsensus)]
    [InlineData("cached-microdesc-consensus", DescriptorKind.NetworkStatusMicrodescConsensus)]
    [InlineData("cached-descriptors", DescriptorKind.ServerDescriptor)]
    [InlineData("cached-descriptors.new", DescriptorKind.ServerDescriptor)]
    [InlineData("cached-extrainfo", DescriptorKind.ExtraInfo)]
    [InlineData("cached-extrainfo.new", DescriptorKind.ExtraInfo)]
    [InlineData("cached-microdescs", DescriptorKind.Microdescriptor)]
    [InlineData("cached-microdescs.new", DescriptorKind.Microdescriptor)]
    [InlineData("/var/lib/tor/cached-certs", DescriptorKind.DirKeyCertificate)]
    [InlineData("2020-07-13.op-nl-test1.onionperf.analysis.json.xz", DescriptorKind.OnionPerfAnalysis)]
    [InlineData("metrics.torproject.org_meronense.torproject.org_access.log_20170531.gz", DescriptorKind.WebStats)]
    [InlineData("moria-1048576-2016-10-05.tpf", DescriptorKind.Torperf)]
    [InlineData("notes.txt", DescriptorKind.Unknown)]
    public void Detect_EmptyContent_FallsBackToFileName(string fileName, DescriptorKind expected)
    {
        Assert.Equal(expected, DescriptorTypeDetector.Detect([], fileName).Kind);
    }

    [Fact]
    public void Detect_AnnotationContradictsContent_ContentWins()
    {
        // CollecTor once published exit lists with a wrong "@type torperf 1.0" line.
        var detection = DescriptorTypeDetector.Detect("@type torperf 1.0\nDownloaded 2016-10-20 13:02:00\n"u8);
        Assert.Equal(DescriptorKind.TorDnsEl, detection.Kind);
        Assert.Equal("torperf", detection.TypeAnnotation!.Name);
    }

    [Fact]
    public void Detect_UnknownTypeName_UnknownWithReason()
    {
        var detection = DescriptorTypeDetector.Detect("@type non-existant-type 1.0\n"u8);
        Assert.Equal(DescriptorKind.Unknown, detection.Kind);
        Assert.Contains("non-existant-type", detection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_BinaryContent_Unknown()
    {
        Assert.Equal(DescriptorKind.Unknown, DescriptorTypeDetector.Detect(SampleFiles.Read("malformed/tiny.png"), "tiny.png").Kind);
    }

    [Fact]
    public void KindNames_EveryKindExceptUnknown_HasATypeNameThatMapsBack()
    {
        foreach (var kind in Enum.GetValues<DescriptorKind>().Where(k => k != DescriptorKind.Unknown))
        {
            Assert.Equal(kind, DescriptorKindNames.FromTypeName(DescriptorKindNames.ToTypeName(kind)));
        }
    }
}
