using Microsoft.Extensions.Options;
using Npgsql;
using TorMetrics.Domain.CollecTor.Publishing;

namespace TorMetrics.Domain.CollecTor.Serving;

/// <summary>Reads what the recent/ and archive/ trees hold, for index.json and for serving the files.</summary>
public sealed class PublishedFiles(NpgsqlDataSource dataSource, IOptions<CollecTorServingOptions> options)
{
    private const string Columns =
        "path, size, sha256, last_modified, types, first_published, last_published, documents, through_run_id";

    public async Task<IReadOnlyList<PublishedFile>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM collector_files ORDER BY path COLLATE \"C\"");
        var files = new List<PublishedFile>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            files.Add(Read(reader));
        }

        return files;
    }

    public async Task<PublishedFile?> FindAsync(string path, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM collector_files WHERE path = $1");
        command.Parameters.AddWithValue(path);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Streams a recent/ file's bytes as listed.</summary>
    public async Task WriteRecentAsync(PublishedFile file, Stream output, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await RecentFileContent.WriteAsync(connection, file.Path, file.ThroughRunId ?? 0, output, cancellationToken);
    }

    /// <summary>The built tarball on this instance's disk, or null when it is not there (built elsewhere, or deleted).</summary>
    public string? ArchiveFilePath(PublishedFile file)
    {
        var path = Path.Combine(Path.GetFullPath(options.Value.CacheDirectory), file.CacheFileName);
        return File.Exists(path) ? path : null;
    }

    private static PublishedFile Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetFieldValue<byte[]>(2),
        reader.GetDateTime(3),
        reader.GetFieldValue<string[]>(4),
        reader.IsDBNull(5) ? null : reader.GetDateTime(5),
        reader.IsDBNull(6) ? null : reader.GetDateTime(6),
        reader.GetInt32(7),
        reader.IsDBNull(8) ? null : reader.GetInt64(8));
}
