using TorMetrics.Domain.CollecTor.Layout;

namespace TorMetrics.Domain.CollecTor.Serving;

/// <summary>
/// index.json from the listed files (collector.md §1.7): a tree of directories mirroring the paths, every field
/// CollecTor writes, empty ones left out. Directories and files are sorted by name.
/// </summary>
public static class CollecTorIndexBuilder
{
    public static CollecTorIndex Build(IEnumerable<PublishedFile> files, DateTime created, string? buildRevision, string instancePath)
    {
        var root = new Node();
        foreach (var file in files)
        {
            var segments = file.Path.Split('/');
            var node = root;
            foreach (var segment in segments[..^1])
            {
                node = node.Directories.TryGetValue(segment, out var child) ? child : node.Directories[segment] = new Node();
            }

            node.Files.Add((segments[^1], file));
        }

        return new CollecTorIndex
        {
            IndexCreated = CollecTorTime.Index(created),
            BuildRevision = string.IsNullOrEmpty(buildRevision) ? null : buildRevision,
            Path = instancePath.TrimEnd('/'),
            Files = Files(root),
            Directories = Directories(root),
        };
    }

    private static List<CollecTorFile>? Files(Node node) => node.Files.Count == 0 ? null : node.Files
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .Select(f => new CollecTorFile
        {
            Path = f.Name,
            Size = f.File.Size,
            LastModified = CollecTorTime.Index(f.File.LastModified),
            Types = f.File.Types.Count == 0 ? null : f.File.Types,
            FirstPublished = f.File.FirstPublished is { } first ? CollecTorTime.Index(first) : null,
            LastPublished = f.File.LastPublished is { } last ? CollecTorTime.Index(last) : null,
            Sha256 = Convert.ToBase64String(f.File.Sha256),
        })
        .ToList();

    private static List<CollecTorDirectory>? Directories(Node node) => node.Directories.Count == 0 ? null : node.Directories
        .OrderBy(d => d.Key, StringComparer.Ordinal)
        .Select(d => new CollecTorDirectory { Path = d.Key, Files = Files(d.Value), Directories = Directories(d.Value) })
        .ToList();

    private sealed class Node
    {
        public Dictionary<string, Node> Directories { get; } = new(StringComparer.Ordinal);

        public List<(string Name, PublishedFile File)> Files { get; } = [];
    }
}
