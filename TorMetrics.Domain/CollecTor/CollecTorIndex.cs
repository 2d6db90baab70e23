using System.Text.Json;
using System.Text.Json.Serialization;

namespace TorMetrics.Domain.CollecTor;

/// <summary>
/// CollecTor's <c>index/index.json</c> (collector.md §1.7): a tree of directories and files. Timestamps are
/// minute-precision UTC strings; empty members are omitted when written.
/// </summary>
public sealed record CollecTorIndex
{
    [JsonPropertyName("index_created")]
    public required string IndexCreated { get; init; }

    [JsonPropertyName("build_revision")]
    public string? BuildRevision { get; init; }

    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("files")]
    public IReadOnlyList<CollecTorFile>? Files { get; init; }

    [JsonPropertyName("directories")]
    public IReadOnlyList<CollecTorDirectory>? Directories { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static CollecTorIndex Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<CollecTorIndex>(json, Json) ?? throw new JsonException("index.json is empty");

    /// <summary>Every file with its path relative to the instance root, e.g. <c>recent/exit-lists/2024-01-01-10-02-00</c>.</summary>
    public IEnumerable<(string RelativePath, CollecTorFile File)> AllFiles()
    {
        foreach (var file in Files ?? [])
        {
            yield return (file.Path, file);
        }

        foreach (var directory in Directories ?? [])
        {
            foreach (var entry in directory.AllFiles(directory.Path))
            {
                yield return entry;
            }
        }
    }
}

public sealed record CollecTorDirectory
{
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("files")]
    public IReadOnlyList<CollecTorFile>? Files { get; init; }

    [JsonPropertyName("directories")]
    public IReadOnlyList<CollecTorDirectory>? Directories { get; init; }

    internal IEnumerable<(string RelativePath, CollecTorFile File)> AllFiles(string prefix)
    {
        foreach (var file in Files ?? [])
        {
            yield return (prefix + "/" + file.Path, file);
        }

        foreach (var directory in Directories ?? [])
        {
            foreach (var entry in directory.AllFiles(prefix + "/" + directory.Path))
            {
                yield return entry;
            }
        }
    }
}

public sealed record CollecTorFile
{
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("size")]
    public long Size { get; init; }

    [JsonPropertyName("last_modified")]
    public required string LastModified { get; init; }

    [JsonPropertyName("types")]
    public IReadOnlyList<string>? Types { get; init; }

    [JsonPropertyName("first_published")]
    public string? FirstPublished { get; init; }

    [JsonPropertyName("last_published")]
    public string? LastPublished { get; init; }

    /// <summary>SHA-256 of the file, standard base64 with padding; absent in indexes older than CollecTor 1.13.</summary>
    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }
}
