using System.Formats.Tar;

namespace TorMetrics.Domain.Import;

/// <summary>
/// Reads one planned file into <see cref="SourceFile"/>s: itself, decompressed, or every regular member of a tarball.
/// Nothing is lost: bytes that cannot be decompressed come back as they are, with the problem stated.
/// </summary>
public static class SourceReader
{
    /// <param name="file">The file on disk.</param>
    /// <param name="location">Where it came from, if not this path (a URL it was downloaded from).</param>
    public static IEnumerable<SourceFile> Read(FileInfo file, string? location = null)
    {
        location ??= file.FullName;
        if (file.Name.EndsWith(".tar.xz", StringComparison.Ordinal) || location.EndsWith(".tar.xz", StringComparison.Ordinal))
        {
            // Archives can be large: stream them through xz instead of holding the tarball in memory.
            return ReadStreamingTarXz(file, location);
        }

        return ReadInMemory(location, File.ReadAllBytes(file.FullName));
    }

    public static IEnumerable<SourceFile> ReadInMemory(string location, byte[] content)
    {
        var compression = Decompressor.Detect(content);
        byte[] plain;
        try
        {
            plain = Decompressor.Decompress(content, compression);
        }
        catch (InvalidDataException e)
        {
            return [new SourceFile(location, content, content.Length, $"{compression} data could not be decompressed: {e.Message}")];
        }

        if (Decompressor.IsTar(plain))
        {
            return ReadTar(location, new MemoryStream(plain), content.Length);
        }

        return [new SourceFile(location, plain, content.Length)];
    }

    private static IEnumerable<SourceFile> ReadStreamingTarXz(FileInfo file, string location)
    {
        using var xz = Decompressor.StartStreaming("xz", file.FullName);
        foreach (var member in ReadTar(location, xz.StandardOutput.BaseStream, file.Length))
        {
            yield return member;
        }

        xz.WaitForExit();
        if (xz.ExitCode != 0)
        {
            throw new InvalidDataException($"xz failed on {file.FullName}: {xz.StandardError.ReadToEnd().Trim()}");
        }
    }

    private static IEnumerable<SourceFile> ReadTar(string location, Stream stream, long compressedSize)
    {
        using var reader = new TarReader(stream);
        var first = true;
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                continue;
            }

            var content = new byte[entry.Length];
            entry.DataStream.ReadExactly(content);

            // The tarball's compressed size is counted once, against its first member, for MB/s figures.
            var member = ReadInMemory($"{location}!{entry.Name}", content).ToList();
            foreach (var source in member)
            {
                yield return source with { CompressedSize = first ? compressedSize : 0 };
                first = false;
            }
        }
    }
}
