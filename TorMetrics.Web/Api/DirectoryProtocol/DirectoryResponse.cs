using System.IO.Compression;
using Microsoft.AspNetCore.Http.HttpResults;
using TorMetrics.Domain.DirectoryProtocol;

namespace TorMetrics.Web.Api.DirectoryProtocol;

/// <summary>
/// Documents' exact bytes, concatenated and streamed from the archive, as a directory cache answers. A <c>.z</c>
/// URL gets the same body zlib-compressed (RFC 1950, what tor and CollecTor's downloader inflate).
/// </summary>
internal static class DirectoryResponse
{
    public const string PlainType = "text/plain";
    public const string CompressedType = "application/octet-stream";

    public static PushStreamHttpResult Stream(
        HttpContext context, DirectoryDocuments documents, IReadOnlyList<byte[]> keys, bool compressed)
    {
        // tor names the encoding of every directory answer; "deflate" is its name for zlib.
        context.Response.Headers.ContentEncoding = compressed ? "deflate" : "identity";
        return TypedResults.Stream(
            async body =>
            {
                if (compressed)
                {
                    await using var zlib = new ZLibStream(body, CompressionLevel.Optimal, leaveOpen: true);
                    await documents.WriteAsync(keys, zlib, context.RequestAborted);
                }
                else
                {
                    await documents.WriteAsync(keys, body, context.RequestAborted);
                }
            },
            compressed ? CompressedType : PlainType);
    }

    /// <summary>
    /// Answers a <c>+</c>-joined list of 40-hex keys (descriptor digests or relay fingerprints): 400 when malformed,
    /// 404 when nothing is held, else the held documents in request order.
    /// </summary>
    public static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> ForHexKeysAsync(
        string argument,
        string parameter,
        Func<IReadOnlyList<byte[]>, CancellationToken, Task<IReadOnlyList<byte[]>>> find,
        DirectoryDocuments documents,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        if (!DirectoryRequest.TryParseHex(argument, '+', 20, out var request, out var error))
        {
            return Malformed(parameter, error);
        }

        var found = await find(request.Digests, cancellationToken);
        return found.Count == 0 ? TypedResults.NotFound() : Stream(context, documents, found, request.Compressed);
    }

    public static ValidationProblem Malformed(string parameter, string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [error] }, title: "Malformed directory request");

    /// <summary>Documents every directory route alike in Swagger: the body's two forms and the failures.</summary>
    public static RouteHandlerBuilder DescribeDocuments(this RouteHandlerBuilder route) => route
        .Produces(StatusCodes.Status200OK, contentType: PlainType)
        .Produces(StatusCodes.Status200OK, contentType: CompressedType)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesValidationProblem();
}
