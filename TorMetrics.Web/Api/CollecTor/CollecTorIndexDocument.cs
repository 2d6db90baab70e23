using System.IO.Compression;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TorMetrics.Domain.CollecTor;
using TorMetrics.Domain.CollecTor.Publishing;
using TorMetrics.Domain.CollecTor.Serving;

namespace TorMetrics.Web.Api.CollecTor;

/// <summary>
/// index.json and its compressed copies, made from the listed files. A copy is reused while the listing and the
/// minute (index_created's precision) are unchanged, so frequent polling does not rerun xz or bzip2.
/// </summary>
public sealed class CollecTorIndexDocument(PublishedFiles files, IOptions<CollecTorServingOptions> options, TimeProvider clock)
{
    // CollecTor's writer leaves '+' and '/' of base64 digests as they are; the default encoder would escape '+'.
    private static readonly JsonSerializerOptions Json = new(CollecTorIndex.Json) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SemaphoreSlim _building = new(1, 1);
    private Cached? _cached;

    public enum Variant
    {
        Json,
        Gzip,
        Bzip2,
        Xz,
    }

    /// <param name="requestBase">The address the request came to, used for <c>path</c> unless InstanceBaseUrl is set.</param>
    /// <param name="variant">Plain, gzip, bzip2 or xz.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    public async Task<byte[]> GetAsync(string requestBase, Variant variant, CancellationToken cancellationToken)
    {
        var listed = await files.ListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var instancePath = (options.Value.InstanceBaseUrl ?? requestBase).TrimEnd('/');
        var key = Key(listed, now, instancePath);
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_cached is null || !string.Equals(_cached.Key, key, StringComparison.Ordinal))
            {
                var index = CollecTorIndexBuilder.Build(listed, now, BuildRevision(), instancePath);
                _cached = new Cached(key, JsonSerializer.SerializeToUtf8Bytes(index, Json));
            }

            return variant switch
            {
                Variant.Json => _cached.Json,
                Variant.Gzip => _cached.Gzip ??= Gzip(_cached.Json),
                Variant.Bzip2 => _cached.Bzip2 ??= await Bzip2Compression.CompressAsync(_cached.Json, cancellationToken),
                _ => _cached.Xz ??= await XzAsync(_cached.Json, cancellationToken),
            };
        }
        finally
        {
            _building.Release();
        }
    }

    private string? BuildRevision()
    {
        if (!string.IsNullOrEmpty(options.Value.BuildRevision))
        {
            return options.Value.BuildRevision;
        }

        // The SDK appends "+<git commit>" to the informational version; CollecTor writes a short revision.
        var version = typeof(CollecTorIndexDocument).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = version?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        return plus < 0 ? null : version![(plus + 1)..] is { Length: >= 7 } commit ? commit[..7] : null;
    }

    private static string Key(IReadOnlyList<PublishedFile> listed, DateTime now, string instancePath)
    {
        var latest = listed.Count == 0 ? 0 : listed.Max(f => f.LastModified.Ticks);
        var bytes = listed.Sum(f => f.Size);
        return FormattableString.Invariant($"{Domain.CollecTor.Layout.CollecTorTime.Index(now)}|{instancePath}|{listed.Count}|{latest}|{bytes}");
    }

    private static byte[] Gzip(byte[] json)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return output.ToArray();
    }

    private static Task<byte[]> XzAsync(byte[] json, CancellationToken cancellationToken) => XzCompression.CompressAsync(json, cancellationToken);

    private sealed class Cached(string key, byte[] json)
    {
        public string Key { get; } = key;

        public byte[] Json { get; } = json;

        public byte[]? Gzip { get; set; }

        public byte[]? Bzip2 { get; set; }

        public byte[]? Xz { get; set; }
    }
}
