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
        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await response.Body.WriteAsync(body, httpContext.RequestAborted);
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
