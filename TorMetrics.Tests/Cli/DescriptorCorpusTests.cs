using System.Formats.Tar;
using System.Security.Cryptography;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Web.Cli;

namespace TorMetrics.Tests.Cli;

public sealed class DescriptorCorpusTests
{
    [Fact]
    public void Create_TwoMegabytes_DistinctParseableDescriptorsInBothLayouts()
    {
        using var corpus = DescriptorCorpus.Create(new DirectoryInfo(SampleFiles.Root), 2_000_000);

        var recent = Directory.GetFiles(corpus.RecentLayout)
            .SelectMany(f => DescriptorFileParser.Parse(File.ReadAllBytes(f), Path.GetFileName(f)))
            .ToList();
        var members = new List<Descriptor>();
        using (var tar = new TarReader(File.OpenRead(corpus.ArchiveLayout)))
        {
            while (tar.GetNextEntry() is { DataStream: { } data } entry)
            {
                using var content = new MemoryStream();
                data.CopyTo(content);
                members.Add(Assert.Single(DescriptorFileParser.Parse(content.ToArray(), entry.Name)));
            }
        }

        Assert.DoesNotContain(recent, d => d is UnparseableDescriptor);
        Assert.Equal([DescriptorKind.ExtraInfo, DescriptorKind.ServerDescriptor], recent.Select(d => d.Kind).Distinct().OrderBy(k => k.ToString(), StringComparer.Ordinal));
        Assert.InRange(recent.Sum(d => (long)d.Raw.Length), 2_000_000, 2_200_000);
        Assert.Equal(recent.Count, recent.Select(d => Convert.ToHexString(SHA256.HashData(d.Raw.Bytes.Span))).Distinct().Count());
        Assert.Equal(
            recent.Select(d => Convert.ToHexString(SHA256.HashData(d.Raw.Bytes.Span))).Order(),
            members.Select(d => Convert.ToHexString(SHA256.HashData(d.Raw.Bytes.Span))).Order());
    }

    [Fact]
    public void Dispose_DeletesTheCorpus()
    {
        var corpus = DescriptorCorpus.Create(new DirectoryInfo(SampleFiles.Root), 100_000);

        corpus.Dispose();

        Assert.False(Directory.Exists(corpus.Root));
    }
}
