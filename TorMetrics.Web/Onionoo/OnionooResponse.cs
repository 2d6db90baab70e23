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

        // Kestrel copies what it is given into its own pooled blocks before sending. Given a whole prepared body
        // (11 MB for /details) in one write, it holds all of it per connection: 50 connections of full-network
        // dumps grew the process by about 1 GB and served fewer requests per second than writes of one pipe buffer
        // (its default MaxResponseBufferSize) at a time, which reuse a few cache-warm blocks.
        var cancellation = httpContext.RequestAborted;
        for (int offset = 0; offset < body.Length; offset += WriteSlice)
        {
            await response.Body.WriteAsync(body.AsMemory(offset, Math.Min(WriteSlice, body.Length - offset)), cancellation);
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
