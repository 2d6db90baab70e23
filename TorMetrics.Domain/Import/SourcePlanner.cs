using System.IO.Enumeration;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Turns the paths given to an import into the list of files to read, in a stable order. Directories are walked;
/// inside a tor data directory only tor's document caches are read, never its keys or state.
/// </summary>
public static class SourcePlanner
{
    /// <summary>Files that sit beside documents but are not documents (notes, test expectations).</summary>
    public static readonly IReadOnlyList<string> DefaultExcludes = ["*.md", "*.jsonl", "*.jsonl.xz", "*.txt.sha256"];

    public static IReadOnlyList<FileInfo> Plan(IEnumerable<string> paths, IReadOnlyList<string>? excludes = null)
    {
        excludes ??= DefaultExcludes;
        var files = new List<FileInfo>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(new FileInfo(path));
            }
            else if (Directory.Exists(path))
            {
                Walk(new DirectoryInfo(path), excludes, files);
            }
            else
            {
                throw new FileNotFoundException($"No such file or directory: {path}", path);
            }
        }

        return files;
    }

    public static bool IsTorDataDirectory(DirectoryInfo directory) =>
        (File.Exists(Path.Combine(directory.FullName, "state")) || Directory.Exists(Path.Combine(directory.FullName, "keys")))
        && directory.EnumerateFiles("cached-*").Any();

    private static void Walk(DirectoryInfo directory, IReadOnlyList<string> excludes, List<FileInfo> files)
    {
        var dataDirectory = IsTorDataDirectory(directory);
        foreach (var file in directory.EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (dataDirectory && !file.Name.StartsWith("cached-", StringComparison.Ordinal))
            {
                continue;
            }

            if (!excludes.Any(pattern => FileSystemName.MatchesSimpleExpression(pattern, file.Name)))
            {
                files.Add(file);
            }
        }

        foreach (var child in directory.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            // A tor data directory's keys/ holds the relay's private keys: never read, let alone archive, them.
            if (child.Name == "keys" && (dataDirectory || File.Exists(Path.Combine(child.FullName, "secret_id_key"))))
            {
                continue;
            }

            Walk(child, excludes, files);
        }
    }
}
