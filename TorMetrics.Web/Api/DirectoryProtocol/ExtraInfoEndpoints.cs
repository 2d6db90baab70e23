using Microsoft.AspNetCore.Http.HttpResults;
using TorMetrics.Domain.DirectoryProtocol;

namespace TorMetrics.Web.Api.DirectoryProtocol;

/// <summary>Relay extra-info descriptors by digest or newest by fingerprint, as a directory cache serves them (dir-spec §4.3), from the archive.</summary>
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
        app.MapGroup("/tor/extra").WithTags("Directory: extra-info descriptors")
            .MapGet("/fp/{fingerprints}", GetNewestByFingerprintAsync)
            .WithName("GetNewestExtraInfosByFingerprint")
            .WithSummary("The most recently published extra-info descriptor of each relay: /tor/extra/fp/<hex>+<hex>[.z].")
            .WithDescription("By relay fingerprint (40 hex characters), in request order; fingerprints without an extra-info descriptor are " +
                             "left out, and 404 when none has one. A trailing .z compresses the body with zlib.")
            .DescribeDocuments();
        return app;
    }

    private static Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> GetByDigestAsync(
        string digests, DirectoryDocuments documents, HttpContext context, CancellationToken cancellationToken) =>
        DirectoryResponse.ForHexKeysAsync(digests, nameof(digests), documents.FindExtraInfosAsync, documents, context, cancellationToken);

    private static Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> GetNewestByFingerprintAsync(
        string fingerprints, DirectoryDocuments documents, HttpContext context, CancellationToken cancellationToken) =>
        DirectoryResponse.ForHexKeysAsync(fingerprints, nameof(fingerprints), documents.FindNewestExtraInfosAsync, documents, context, cancellationToken);
}
