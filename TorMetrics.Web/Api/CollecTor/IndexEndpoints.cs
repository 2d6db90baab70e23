using Microsoft.AspNetCore.Http.HttpResults;

namespace TorMetrics.Web.Api.CollecTor;

/// <summary>
/// CollecTor's index of what recent/ and archive/ hold (collector.md §1.7), at the path CollecTor clients
/// (metrics-lib, stem, our own follow-collector job) read it from.
/// </summary>
public static class IndexEndpoints
{
    public static IEndpointRouteBuilder MapIndexEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/index").WithTags("CollecTor index");
        group.MapMethods("/index.json", [HttpMethods.Get, HttpMethods.Head], (CollecTorIndexDocument index, HttpContext context, CancellationToken cancellationToken) =>
                GetAsync(index, context, CollecTorIndexDocument.Variant.Json, "application/json", cancellationToken))
            .WithName("GetCollecTorIndex")
            .WithSummary("index.json: every file under recent/ and archive/ with size, last_modified, types, first/last_published and sha256.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        group.MapMethods("/index.json.gz", [HttpMethods.Get, HttpMethods.Head], (CollecTorIndexDocument index, HttpContext context, CancellationToken cancellationToken) =>
                GetAsync(index, context, CollecTorIndexDocument.Variant.Gzip, "application/gzip", cancellationToken))
            .WithName("GetCollecTorIndexGzip")
            .WithSummary("index.json, gzip-compressed.")
            .Produces(StatusCodes.Status200OK, contentType: "application/gzip");
        group.MapMethods("/index.json.bz2", [HttpMethods.Get, HttpMethods.Head], (CollecTorIndexDocument index, HttpContext context, CancellationToken cancellationToken) =>
                GetAsync(index, context, CollecTorIndexDocument.Variant.Bzip2, "application/x-bzip2", cancellationToken))
            .WithName("GetCollecTorIndexBzip2")
            .WithSummary("index.json, bzip2-compressed.")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-bzip2");
        group.MapMethods("/index.json.xz", [HttpMethods.Get, HttpMethods.Head], (CollecTorIndexDocument index, HttpContext context, CancellationToken cancellationToken) =>
                GetAsync(index, context, CollecTorIndexDocument.Variant.Xz, "application/x-xz", cancellationToken))
            .WithName("GetCollecTorIndexXz")
            .WithSummary("index.json, xz-compressed.")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-xz");
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
