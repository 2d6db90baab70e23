using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Npgsql;
using TorMetrics.Domain.Import;

namespace TorMetrics.Domain.Bandwidth.Results;

/// <summary>
/// Imports an sbws data directory (or single result files, gzipped or not, and <c>state.dat</c>) into the
/// measurement tables under one scanner id. Every row is keyed by the SHA-256 of its source line, so importing the
/// same files again, or files that overlap, adds nothing; each file is one transaction.
/// </summary>
public sealed class MeasurementImporter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<MeasurementImportReport> ImportAsync(
        string scannerId,
        IReadOnlyList<string> paths,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var files = Plan(paths);
        long bytesTotal = files.Sum(f => f.Length);
        long bytesRead = 0, resultsNew = 0, duplicates = 0, unparseable = 0;
        int statesNew = 0, statesDuplicate = 0, done = 0;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var writer = new MeasurementWriter(connection);
        foreach (var file in files)
        {
            var content = await ReadAsync(file, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            if (IsStateFile(file.Name))
            {
                var state = ScannerStateParser.Parse(content);
                if (await writer.WriteStateAsync(scannerId, SHA256.HashData(content), state, now, cancellationToken))
                {
                    statesNew++;
                }
                else
                {
                    statesDuplicate++;
                }
            }
            else
            {
                var lines = new List<(byte[] Sha256, SbwsResult Result)>();
                foreach (var line in Lines(content))
                {
                    try
                    {
                        lines.Add((SHA256.HashData(line.Span), SbwsResultParser.Parse(line.Span)));
                    }
                    catch (FormatException)
                    {
                        // A half-written last line (scanner killed mid-write) or a foreign line costs that line only.
                        unparseable++;
                    }
                }

                var added = await writer.WriteResultsAsync(scannerId, lines, now, cancellationToken);
                resultsNew += added;
                duplicates += lines.Count - added;
            }

            bytesRead += file.Length;
            done++;
            progress?.Report(new ImportProgress(done, files.Count, bytesRead, bytesTotal, resultsNew + statesNew,
                duplicates + statesDuplicate, unparseable, stopwatch.Elapsed, file.FullName));
        }

        return new MeasurementImportReport(files.Count, resultsNew, duplicates, unparseable, statesNew, statesDuplicate,
            stopwatch.Elapsed);
    }

    /// <summary>Directories contribute their result files (<c>YYYY-MM-DD.txt</c>, gzipped after a month) and state.</summary>
    internal static IReadOnlyList<FileInfo> Plan(IReadOnlyList<string> paths)
    {
        var files = new List<FileInfo>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories)
                    .Where(f => f.Name.EndsWith(".txt", StringComparison.Ordinal)
                                || f.Name.EndsWith(".txt.gz", StringComparison.Ordinal) || IsStateFile(f.Name))
                    .OrderBy(f => f.FullName, StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(new FileInfo(path));
            }
            else
            {
                throw new FileNotFoundException("No such file or directory", path);
            }
        }

        return files;
    }

    private static bool IsStateFile(string name) => name.EndsWith(".dat", StringComparison.Ordinal);

    private static async Task<byte[]> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Name.EndsWith(".gz", StringComparison.Ordinal))
        {
            return await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        }

        await using var input = file.OpenRead();
        await using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        await gzip.CopyToAsync(output, cancellationToken);
        return output.ToArray();
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Lines(byte[] content)
    {
        int start = 0;
        while (start < content.Length)
        {
            int end = Array.IndexOf(content, (byte)'\n', start);
            if (end < 0)
            {
                end = content.Length;
            }

            var line = content.AsMemory(start, end - start);
            if (line.Length > 0 && line.Span[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (!line.Span.Trim((byte)' ').IsEmpty)
            {
                yield return line;
            }

            start = end + 1;
        }
    }
}
