using System.Text;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Descriptors.ExtraInfos;
using TorMetrics.Domain.Descriptors.NetworkStatuses;
using TorMetrics.Domain.Descriptors.ServerDescriptors;

namespace TorMetrics.Tests.Descriptors;

public class DescriptorFileParserTests
{
    // The sample folders whose formats this parser layer implements; every file in them must parse.
    private static readonly string[] ImplementedFolders =
    [
        "server-descriptor", "bridge-server-descriptor", "extra-info", "bridge-extra-info", "microdescriptor",
        "network-status-consensus-3", "network-status-microdesc-consensus-3", "network-status-vote-3",
        "bridge-network-status", "dir-key-certificate-3", "detached-signature-3",
    ];

    public static TheoryData<string> MalformedFiles() => [.. SampleFiles.FilesUnder("malformed")];

    public static TheoryData<string> ImplementedFiles() => [.. ImplementedFolders.SelectMany(SampleFiles.FilesUnder)];

    public static TheoryData<string> AllSampleFiles() =>
        [.. SampleFiles.FilesUnder(".").Where(f => !f.StartsWith("stem-expected/", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Parse_MalformedFile_ParsesOrReportsReason(string sample)
    {
        var results = DescriptorFileParser.Parse(SampleFiles.Read(sample), Path.GetFileName(sample)).ToList();
        Assert.NotEmpty(results);
        AssertWellFormed(results);

        var outcome = string.Join(",", results.Select(r => r is UnparseableDescriptor u ? "unparseable:" + u.Reason : r.GetType().Name));
        switch (Path.GetFileName(sample))
        {
            case "new_metrics_type":
                Assert.Contains("unsupported type 'non-existant-type'", outcome, StringComparison.Ordinal);
                break;
            case "riddle" or "tiny.png":
                Assert.StartsWith("unparseable:", outcome, StringComparison.Ordinal);
                Assert.Equal(DescriptorKind.Unknown, Assert.Single(results).Kind);
                break;
            case "vote-2012-no-annotation":
                Assert.Equal(DescriptorKind.NetworkStatusVote, Assert.IsType<NetworkStatus>(Assert.Single(results)).Kind);
                break;
            case "cached-microdesc-consensus_with_carriage_returns":
                Assert.True(Assert.IsType<NetworkStatus>(Assert.Single(results)).Raw.HasCrLfLineEndings);
                break;
            case "extrainfo_nonascii_v3_reqs":
                Assert.NotEmpty(Assert.IsType<ExtraInfoDescriptor>(Assert.Single(results)).MalformedLines);
                break;
            default:
                Assert.Fail($"new malformed sample {sample}: add its expected outcome ({outcome})");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(ImplementedFiles))]
    public void Parse_SampleOfImplementedType_EveryDocumentParses(string sample)
    {
        var results = DescriptorFileParser.Parse(SampleFiles.Read(sample), Path.GetFileName(sample)).ToList();
        Assert.NotEmpty(results);
        AssertWellFormed(results);
        var bad = results.OfType<UnparseableDescriptor>().Select(u => $"line {u.LineNumber}: {u.Reason}").ToList();
        Assert.True(bad.Count == 0, string.Join("; ", bad));
    }

    [Theory]
    [MemberData(nameof(AllSampleFiles))]
    public void Parse_AnySampleFile_NeverThrowsAndAccountsForEveryByte(string sample)
    {
        byte[] bytes = SampleFiles.Read(sample);
        var results = DescriptorFileParser.Parse(bytes, Path.GetFileName(sample)).ToList();
        AssertWellFormed(results);

        // Documents never overlap and appear in file order.
        int end = 0;
        foreach (var r in results)
        {
            Assert.True(r.Raw.Offset >= end, $"{sample}: document at {r.Raw.Offset} overlaps the previous one ending at {end}");
            Assert.True(bytes.AsSpan(r.Raw.Offset, r.Raw.Length).SequenceEqual(r.Raw.Bytes.Span));
            end = r.Raw.Offset + r.Raw.Length;
        }
    }

    [Fact]
    public void Parse_TruncatedServerDescriptors_NeverThrows()
    {
        byte[] bytes = SampleFiles.Read("server-descriptor/stem-server_descriptor_with_ed25519");
        int unparseable = 0;
        for (int length = 0; length < bytes.Length; length += 7)
        {
            var results = DescriptorFileParser.Parse(bytes.AsMemory(0, length)).ToList();
            AssertWellFormed(results);
            unparseable += results.Count(r => r is UnparseableDescriptor);
        }

        Assert.True(unparseable > 300, "cutting a descriptor short must make it unparseable");
    }

    [Fact]
    public void Parse_UnknownMajorVersion_UnparseableWithReason()
    {
        string text = Encoding.Latin1.GetString(SampleFiles.Read("server-descriptor/stem-example_descriptor"))
            .Replace("@type server-descriptor 1.0", "@type server-descriptor 2.0", StringComparison.Ordinal);
        var bad = Assert.IsType<UnparseableDescriptor>(Assert.Single(DescriptorFileParser.Parse(Encoding.Latin1.GetBytes(text))));
        Assert.Equal(DescriptorKind.ServerDescriptor, bad.Kind);
        Assert.Contains("major version 2", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnusualMinorVersion_Parses()
    {
        var status = Assert.IsType<NetworkStatus>(Assert.Single(DescriptorFileParser.Parse(
            SampleFiles.Read("network-status-consensus-3/2016-09-20-13-00-00-consensus"))));
        Assert.Equal(17, status.Raw.TypeAnnotation!.Minor);
    }

    [Fact]
    public void Parse_CachedDescriptorsWithTorAnnotations_SplitsAndKeepsAnnotations()
    {
        string one = Encoding.Latin1.GetString(SampleFiles.Read("server-descriptor/stem-example_descriptor"));
        one = one[one.IndexOf("router ", StringComparison.Ordinal)..];
        string file = $"@downloaded-at 2012-03-01 17:15:27\n@source \"145.53.65.130\"\n{one}\n@downloaded-at 2012-03-02 17:15:27\n{one}";
        var results = DescriptorFileParser.Parse(Encoding.Latin1.GetBytes(file), "cached-descriptors.new").ToList();
        Assert.Equal(2, results.Count);
        var first = Assert.IsType<ServerDescriptor>(results[0]);
        var second = Assert.IsType<ServerDescriptor>(results[1]);
        Assert.Equal(["@downloaded-at 2012-03-01 17:15:27", "@source \"145.53.65.130\""], first.Raw.Annotations);
        Assert.Equal(["@downloaded-at 2012-03-02 17:15:27"], second.Raw.Annotations);
        Assert.Equal(first.DigestSha1Hex, second.DigestSha1Hex);
        Assert.Equal(Convert.ToHexString(first.Raw.ComputeSha256()), Convert.ToHexString(second.Raw.ComputeSha256()));
        Assert.Equal(3, first.Raw.LineNumber);
    }

    private static void AssertWellFormed(List<Descriptor> results)
    {
        foreach (var r in results)
        {
            Assert.NotNull(r.Raw);
            Assert.True(r.Raw.LineNumber >= 1);
            if (r is UnparseableDescriptor u)
            {
                Assert.False(string.IsNullOrWhiteSpace(u.Reason));
                Assert.True(u.LineNumber >= 1, $"line number {u.LineNumber} for '{u.Reason}'");
            }
        }
    }
}
