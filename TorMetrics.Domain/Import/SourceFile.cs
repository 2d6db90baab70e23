namespace TorMetrics.Domain.Import;

/// <summary>
/// One unit of input, decompressed: a file, a tarball member (<c>archive.tar.xz!member</c>) or a download.
/// <see cref="Problem"/> is set when the bytes could not be decompressed; they are then archived as they are.
/// </summary>
public sealed record SourceFile(string Location, byte[] Content, long CompressedSize, string? Problem = null)
{
    public string FileName => System.IO.Path.GetFileName(Location.Split('!')[^1]);
}
