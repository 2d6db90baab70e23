using System.Globalization;
using System.IO.Compression;
using Microsoft.Net.Http.Headers;
using TorMetrics.Domain.Onionoo;

namespace TorMetrics.Web.Onionoo;

/// <summary>
/// A 200 with Onionoo's headers: JSON, Last-Modified of the generation, Cache-Control shrinking as the data ages,
/// gzip when asked for and worth it (prepared bodies come gzipped already).
/// </summary>
public sealed class OnionooResponse(byte[] plain, byte[]? gzip, DateTime lastModified, DateTime now) : IResult
{
    private const int CompressionThreshold = 2048;
    private const int WriteSlice = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "public, max-age=" + MaxAgeSeconds(lastModified, now).ToString(CultureInfo.InvariantCulture);
        response.Headers.Vary = HeaderNames.AcceptEncoding;

        var body = plain;
        if (plain.Length >= CompressionThreshold && AcceptsGzip(httpContext.Request))
        {
            body = gzip ?? Compress(plain);
            response.Headers.ContentEncoding = "gzip";
        }

        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            return;
        }

        var cancellation = httpContext.RequestAborted;
        if (body.Length <= WriteSlice)
        {
            await response.Body.WriteAsync(body, cancellation);
            return;
        }

        // Prepared bodies (1 MB for /summary, 11 MB for /details) go out in slices written straight into Kestrel's
        // output pipe. Body.WriteAsync copies through 4 KB pool blocks, all at once: one 11 MB write held the whole
        // body per connection (50 connections of /details grew the process by about 1 GB), and renting, returning
        // and sending a block per 4 KB took about a quarter of the CPU per response (scripts/benchmark-onionoo.sh).
        // A span asked for at the slice's size is one pooled buffer sent in one piece, and each flush waits for the
        // socket to drain.
        await response.StartAsync(cancellation);
        var pipe = response.BodyWriter;
        for (int offset = 0; offset < body.Length; offset += WriteSlice)
        {
            int length = Math.Min(WriteSlice, body.Length - offset);
            body.AsSpan(offset, length).CopyTo(pipe.GetSpan(length));
            pipe.Advance(length);
            if ((await pipe.FlushAsync(cancellation)).IsCompleted)
            {
                return;
            }
        }
    }

    // A multiple of 5 minutes between 5 and 45, shorter the older the data (as upstream).
    internal static long MaxAgeSeconds(DateTime lastModified, DateTime now)
    {
        long ageMs = (long)(now - lastModified).TotalMilliseconds;
        return Math.Max(300_000, (2_700_000 - ageMs) / 300_000 * 300_000) / 1000;
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));

    private static byte[] Compress(byte[] plain)
    {
        using var buffer = new MemoryStream(plain.Length / 4 + 64);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return buffer.ToArray();
    }
}
