using System.Text;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.BridgePoolAssignments;

namespace TorMetrics.Tests.Descriptors;

/// <summary>stem cannot read bridge pool assignments; expectations come from the sample text.</summary>
public class BridgePoolAssignmentParserTests
{
    [Fact]
    public void Parse_BridgeDbEraSample_DistributorsAndAttributes()
    {
        var a = ParseSingle(SampleFiles.Read("bridge-pool-assignment/2011-03-13-14-38-03-EXCERPT"), "2011-03-13-14-38-03-EXCERPT");
        Assert.Equal(DescriptorKind.BridgePoolAssignment, a.Kind);
        Assert.Equal(new DateTime(2011, 3, 13, 14, 38, 3, DateTimeKind.Utc), a.Published);
        Assert.Equal(["unallocated", "email", "https"], a.Entries.Select(e => e.Distributor));
        Assert.Equal("00B834117566035736FC6BD4ECE950EACE8E057A", a.Entries[0].HashedFingerprint);
        Assert.Empty(a.Entries[0].Attributes);
        Assert.Equal("email port=443 flag=stable", a.Entries[1].Details);
        var https = a.Entries[2];
        Assert.Equal("2", https.Attributes["ring"]);
        Assert.Equal("443", https.Attributes["port"]);
        Assert.Equal("stable", https.Attributes["flag"]);
        Assert.Equal(5, https.LineNumber);
        Assert.Empty(a.UnrecognizedLines);
    }

    [Fact]
    public void Parse_RdsysEraSample_UpperCaseFingerprintKept()
    {
        var a = ParseSingle(SampleFiles.Read("bridge-pool-assignment/2022-03-18-23-33-42"), "2022-03-18-23-33-42");
        var e = Assert.Single(a.Entries);
        Assert.Equal("6306C870BE7415EB7167ED2E9C1224F28B7E6C61", e.HashedFingerprint);
        Assert.Equal("moat", e.Distributor);
        Assert.Equal(new Dictionary<string, string> { ["transport"] = "obfs4", ["ip"] = "4", ["blocklist"] = "ru" }, e.Attributes);
    }

    [Fact]
    public void Parse_BridgeDbLogWithTwoBlocks_TwoAssignments()
    {
        // BridgeDB's assignments.log holds many blocks; CollecTor cuts it at each bridge-pool-assignment line.
        var results = DescriptorFileParser.Parse(Encoding.ASCII.GetBytes(
            "bridge-pool-assignment 2011-03-13 14:38:03\n00b834117566035736fc6bd4ece950eace8e057a unallocated\n"
            + "bridge-pool-assignment 2011-03-13 15:08:03\n00b834117566035736fc6bd4ece950eace8e057a https ring=1 odd\nnot-a-bridge line\n")).ToList();
        Assert.Equal(2, results.Count);
        var second = Assert.IsType<BridgePoolAssignment>(results[1]);
        Assert.Equal(new DateTime(2011, 3, 13, 15, 8, 3, DateTimeKind.Utc), second.Published);
        Assert.Equal(["odd"], Assert.Single(second.Entries).OtherWords);
        Assert.Equal(["not-a-bridge line"], second.UnrecognizedLines);
    }

    [Theory]
    [InlineData("bridge-pool-assignment 2011-03-13\n", "timestamp")]
    [InlineData("@type bridge-pool-assignment 1.0\n00b834117566035736fc6bd4ece950eace8e057a unallocated\n", "first keyword must be 'bridge-pool-assignment'")]
    public void Parse_BadFirstLine_Unparseable(string text, string reason)
    {
        var bad = Assert.IsType<UnparseableDescriptor>(Assert.Single(DescriptorFileParser.Parse(Encoding.ASCII.GetBytes(text), DescriptorKind.BridgePoolAssignment)));
        Assert.Contains(reason, bad.Reason, StringComparison.Ordinal);
    }

    private static BridgePoolAssignment ParseSingle(byte[] bytes, string fileName)
    {
        var result = Assert.Single(DescriptorFileParser.Parse(bytes, fileName));
        Assert.False(result is UnparseableDescriptor, (result as UnparseableDescriptor)?.Reason);
        return Assert.IsType<BridgePoolAssignment>(result);
    }
}
