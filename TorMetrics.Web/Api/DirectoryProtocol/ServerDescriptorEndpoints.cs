using Microsoft.AspNetCore.Http.HttpResults;
using TorMetrics.Domain.DirectoryProtocol;

namespace TorMetrics.Web.Api.DirectoryProtocol;

/// <summary>Relay server descriptors by digest or newest by fingerprint, as a directory cache serves them (dir-spec §4.3), from the archive.</summary>
public static class ServerDescriptorEndpoints
{
    public static IEndpointRouteBuilder MapServerDescriptorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/tor/server").WithTags("Directory: server descriptors")
            .MapGet("/d/{digests}", GetByDigestAsync)
            .WithName("GetServerDescriptorsByDigest")
            .WithSummary("Server descriptors by SHA-1 descriptor digest: /tor/server/d/<hex>+<hex>[.z].")
            .WithDescription("The exact archived bytes, concatenated in request order; digests we do not hold are left " +
                             "out, and 404 when none is held. A trailing .z compresses the body with zlib.")
            .DescribeDocuments();
        app.MapGroup("/tor/server").WithTags("Directory: server descriptors")
            .MapGet("/fp/{fingerprints}", GetNewestByFingerprintAsync)
            .WithName("GetNewestServerDescriptorsByFingerprint")
            .WithSummary("The most recently published server descriptor of each relay: /tor/server/fp/<hex>+<hex>[.z].")
            .WithDescription("By relay fingerprint (40 hex characters), in request order; fingerprints without a server descriptor are " +
                             "left out, and 404 when none has one. A trailing .z compresses the body with zlib.")
            .DescribeDocuments();
        return app;
    }

    private static Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> GetByDigestAsync(
        string digests, DirectoryDocuments documents, HttpContext context, CancellationToken cancellationToken) =>
        DirectoryResponse.ForHexKeysAsync(digests, nameof(digests), documents.FindServerDescriptorsAsync, documents, context, cancellationToken);

    private static Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> GetNewestByFingerprintAsync(
        string fingerprints, DirectoryDocuments documents, HttpContext context, CancellationToken cancellationToken) =>
        DirectoryResponse.ForHexKeysAsync(fingerprints, nameof(fingerprints), documents.FindNewestServerDescriptorsAsync, documents, context, cancellationToken);
}
