using Microsoft.AspNetCore.Http.HttpResults;

namespace TorMetrics.Web.Api.CollecTor;

/// <summary>
/// CollecTor's index of what recent/ and archive/ hold (collector.md §1.7), at the path CollecTor clients
/// (metrics-lib, stem, our own follow-collector job) read it from.
/// </summary>
public static class IndexEndpoints
{
    private static readonly (string Suffix, CollecTorIndexDocument.Variant Variant, string ContentType, string Name, string Summary)[] Variants =
    [
        ("", CollecTorIndexDocument.Variant.Json, "application/json", "GetCollecTorIndex",
            "index.json: every file under recent/ and archive/ with size, last_modified, types, first/last_published and sha256."),
        (".gz", CollecTorIndexDocument.Variant.Gzip, "application/gzip", "GetCollecTorIndexGzip", "index.json, gzip-compressed."),
        (".bz2", CollecTorIndexDocument.Variant.Bzip2, "application/x-bzip2", "GetCollecTorIndexBzip2", "index.json, bzip2-compressed."),
        (".xz", CollecTorIndexDocument.Variant.Xz, "application/x-xz", "GetCollecTorIndexXz", "index.json, xz-compressed."),
    ];

    public static IEndpointRouteBuilder MapIndexEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/index").WithTags("CollecTor index");
        foreach (var (suffix, variant, contentType, name, summary) in Variants)
        {
            group.MapMethods("/index.json" + suffix, [HttpMethods.Get, HttpMethods.Head],
                    (CollecTorIndexDocument index, HttpContext context, CancellationToken cancellationToken) =>
                        GetAsync(index, context, variant, contentType, cancellationToken))
                .WithName(name)
                .WithSummary(summary)
                .Produces(StatusCodes.Status200OK, contentType: contentType);
        }

        return app;
    }

    private static async Task<FileContentHttpResult> GetAsync(
        CollecTorIndexDocument index, HttpContext context, CollecTorIndexDocument.Variant variant, string contentType,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        var bytes = await index.GetAsync($"{request.Scheme}://{request.Host}{request.PathBase}", variant, cancellationToken);
        return TypedResults.File(bytes, contentType);
    }
}
