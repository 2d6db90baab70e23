using Microsoft.AspNetCore.Http.HttpResults;
using TorMetrics.Domain.DirectoryProtocol;

namespace TorMetrics.Web.Api.DirectoryProtocol;

/// <summary>Microdescriptors by digest, as a directory cache serves them (dir-spec §5.2), from the archive.</summary>
public static class MicrodescriptorEndpoints
{
    public static IEndpointRouteBuilder MapMicrodescriptorEndpoints(this IEndpointRouteBuilder app)
    {
        // Base64 digests contain '/', so the list is the rest of the path.
        app.MapGroup("/tor/micro").WithTags("Directory: microdescriptors")
            .MapGet("/d/{**digests}", GetByDigestAsync)
            .WithName("GetMicrodescriptorsByDigest")
            .WithSummary("Microdescriptors by SHA-256 digest: /tor/micro/d/<base64>-<base64>[.z].")
            .WithDescription("Digests are unpadded base64 (43 characters), joined by '-'. The exact archived bytes, " +
                             "concatenated in request order; 404 when none is held. A trailing .z compresses with zlib.")
            .DescribeDocuments();
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> GetByDigestAsync(
        string digests, DirectoryDocuments documents, HttpContext context, CancellationToken cancellationToken)
    {
        if (!DirectoryRequest.TryParseBase64(digests, out var request, out var error))
        {
            return DirectoryResponse.Malformed(nameof(digests), error);
        }

        var found = await documents.FindMicrodescriptorsAsync(request.Digests, cancellationToken);
        return found.Count == 0 ? TypedResults.NotFound() : DirectoryResponse.Stream(context, documents, found, request.Compressed);
    }
}
