namespace TorMetrics.Domain.Synthetic.Writing;

/// <summary>The <c>recent/</c> tree being written, with counts of files and bytes.</summary>
public sealed class SyntheticOutput(string recentDirectory)
{
    public string RecentDirectory { get; } = recentDirectory;

    public int Files { get; private set; }

    public long Bytes { get; private set; }

    public FileStream Create(string folder, string name)
    {
        var directory = Path.Combine(RecentDirectory, folder);
        Directory.CreateDirectory(directory);
        Files++;
        return new FileStream(Path.Combine(directory, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public void Write(string folder, string name, byte[] content)
    {
        using var file = Create(folder, name);
        file.Write(content);
        Count(content.Length);
    }

    public void Count(long bytes) => Bytes += bytes;
}
