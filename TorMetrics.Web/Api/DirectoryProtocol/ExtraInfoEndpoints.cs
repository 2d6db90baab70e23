using Microsoft.AspNetCore.Http.HttpResults;
using TorMetrics.Domain.DirectoryProtocol;

namespace TorMetrics.Web.Api.DirectoryProtocol;

/// <summary>Relay extra-info descriptors by digest, as a directory cache serves them (dir-spec §4.3), from the archive.</summary>
public static class ExtraInfoEndpoints
{
    public static IEndpointRouteBuilder MapExtraInfoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/tor/extra").WithTags("Directory: extra-info descriptors")
            .MapGet("/d/{digests}", GetByDigestAsync)
            .WithName("GetExtraInfosByDigest")
            .WithSummary("Extra-info descriptors by SHA-1 digest: /tor/extra/d/<hex>+<hex>[.z].")
            .WithDescription("The exact archived bytes, concatenated in request order; digests we do not hold are left " +
                             "out, and 404 when none is held. A trailing .z compresses the body with zlib.")
            .DescribeDocuments();
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> GetByDigestAsync(
        string digests, DirectoryDocuments documents, HttpContext context, CancellationToken cancellationToken)
    {
        if (!DirectoryRequest.TryParseHex(digests, '+', 20, out var request, out var error))
        {
            return DirectoryResponse.Malformed(nameof(digests), error);
        }

        var found = await documents.FindExtraInfosAsync(request.Digests, cancellationToken);
        return found.Count == 0 ? TypedResults.NotFound() : DirectoryResponse.Stream(context, documents, found, request.Compressed);
    }
}
