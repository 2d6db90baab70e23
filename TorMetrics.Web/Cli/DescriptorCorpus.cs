using System.Formats.Tar;
using System.Globalization;
using System.Text;
using TorMetrics.Domain.Descriptors;
using TorMetrics.Domain.Import;

namespace TorMetrics.Web.Cli;

/// <summary>
/// A descriptor-heavy corpus for the import benchmark, generated at benchmark time in a temporary folder (never
/// committed): the samples' relay server descriptors and extra-info descriptors, repeated until each kind fills its
/// share, every copy with its <c>published</c> time moved by whole hours so that all documents have distinct bytes.
/// It is written twice, in CollecTor's two layouts: "recent" files of many descriptors each, and an archive tarball
/// with one descriptor per member.
/// </summary>
internal sealed class DescriptorCorpus : IDisposable
{
    private const int RecentFileBytes = 2_000_000;
    private static readonly byte[] PublishedKeyword = "published "u8.ToArray();

    private DescriptorCorpus(string root) => Root = root;

    public string Root { get; }

    public string RecentLayout => Path.Combine(Root, "recent");

    public string ArchiveLayout => Path.Combine(Root, "archive", "relay-descriptors.tar");

    public static DescriptorCorpus Create(DirectoryInfo samples, long totalBytes)
    {
        var corpus = new DescriptorCorpus(Path.Combine(Path.GetTempPath(), "tormetrics-benchmark-" + Guid.NewGuid().ToString("N")[..8]));
        Directory.CreateDirectory(corpus.RecentLayout);
        Directory.CreateDirectory(Path.GetDirectoryName(corpus.ArchiveLayout)!);
        using var tarStream = File.Create(corpus.ArchiveLayout);
        using var tar = new TarWriter(tarStream, TarEntryFormat.Ustar);
        foreach (var (kind, folder) in new[] { (DescriptorKind.ServerDescriptor, "server-descriptor"), (DescriptorKind.ExtraInfo, "extra-info") })
        {
            var templates = Templates(Path.Combine(samples.FullName, folder), kind);
            var annotation = Encoding.ASCII.GetBytes($"@type {DescriptorKindNames.ToTypeName(kind)} 1.0\n");
            var recent = new MemoryStream();
            long written = 0;
            for (var copy = 1; written < totalBytes / 2; copy++)
            {
                foreach (var template in templates.TakeWhile(_ => written < totalBytes / 2))
                {
                    var document = WithPublishedLater(template, copy);
                    recent.Write(annotation);
                    recent.Write(document);
                    written += document.Length;
                    AddMember(tar, $"{folder}s/{written:D12}", [.. annotation, .. document]);
                    if (recent.Length >= RecentFileBytes)
                    {
                        Flush(recent, Path.Combine(corpus.RecentLayout, $"{folder}s-{written:D12}"));
                    }
                }
            }

            Flush(recent, Path.Combine(corpus.RecentLayout, $"{folder}s-{written:D12}"));
        }

        return corpus;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static List<byte[]> Templates(string folder, DescriptorKind kind) =>
        SourcePlanner.Plan([folder])
            .SelectMany(file => SourceReader.Read(file))
            .SelectMany(source => DescriptorFileParser.Parse(source.Content, source.FileName))
            .Where(d => d.Kind == kind && d is not UnparseableDescriptor)
            .Select(d => d.Raw.Bytes.ToArray())
            .ToList();

    /// <summary>The same document with its <c>published</c> line moved <paramref name="hours"/> later.</summary>
    private static byte[] WithPublishedLater(byte[] document, int hours)
    {
        var copy = (byte[])document.Clone();
        var line = 0;
        while (line < copy.Length && !copy.AsSpan(line).StartsWith(PublishedKeyword))
        {
            var next = copy.AsSpan(line).IndexOf((byte)'\n');
            line = next < 0 ? copy.Length : line + next + 1;
        }

        const int TimeLength = 19;
        var start = line + PublishedKeyword.Length;
        if (start + TimeLength > copy.Length)
        {
            throw new InvalidDataException("A sample descriptor has no published line.");
        }

        var published = DateTime.ParseExact(Encoding.ASCII.GetString(copy, start, TimeLength), "yyyy-MM-dd HH:mm:ss",
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Encoding.ASCII.GetBytes(published.AddHours(hours).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), copy.AsSpan(start));
        return copy;
    }

    private static void AddMember(TarWriter tar, string name, byte[] content)
    {
        var entry = new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
        tar.WriteEntry(entry);
    }

    private static void Flush(MemoryStream recent, string path)
    {
        if (recent.Length > 0)
        {
            File.WriteAllBytes(path, recent.ToArray());
            recent.SetLength(0);
        }
    }
}
