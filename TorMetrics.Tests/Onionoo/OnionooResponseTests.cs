using Microsoft.AspNetCore.Http;
using TorMetrics.Web.Onionoo;

namespace TorMetrics.Tests.Onionoo;

/// <summary>
/// Prepared bodies larger than one write slice go out in several pipe writes; the seed network's responses are all
/// smaller than a slice, so the slicing is checked here on bodies of a few slices that do not end on a slice.
/// </summary>
public sealed class OnionooResponseTests
{
    private static readonly DateTime Built = new(2026, 11, 21, 12, 5, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(64 * 1024 + 1, false)]
    [InlineData(3 * 64 * 1024 + 12_345, false)]
    [InlineData(3 * 64 * 1024 + 12_345, true)]
    public async Task Large_bodies_arrive_whole_and_in_order(int length, bool gzip)
    {
        var plain = Pattern(length, seed: 1);
        var compressed = Pattern(length - 1000, seed: 2);
        var context = NewContext(HttpMethods.Get, gzip);

        await new OnionooResponse(plain, compressed, Built, Built.AddMinutes(1)).ExecuteAsync(context);

        var expected = gzip ? compressed : plain;
        Assert.Equal(expected.Length, context.Response.ContentLength);
        Assert.Equal(expected, ((MemoryStream)context.Response.Body).ToArray());
        Assert.Equal(gzip ? "gzip" : "", context.Response.Headers.ContentEncoding.ToString());
    }

    [Fact]
    public async Task Head_gets_the_length_of_a_large_body_but_no_bytes()
    {
        var plain = Pattern(200_000, seed: 3);
        var context = NewContext(HttpMethods.Head, gzip: false);

        await new OnionooResponse(plain, null, Built, Built).ExecuteAsync(context);

        Assert.Equal(200_000, context.Response.ContentLength);
        Assert.Equal(0, context.Response.Body.Length);
    }

    private static DefaultHttpContext NewContext(string method, bool gzip)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        if (gzip)
        {
            context.Request.Headers.AcceptEncoding = "gzip, deflate";
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    // Bytes that differ between positions, so a slice written twice, skipped or out of order changes the result.
    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
