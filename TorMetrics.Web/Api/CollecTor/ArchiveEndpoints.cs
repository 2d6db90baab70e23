using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using TorMetrics.Domain.CollecTor.Layout;
using TorMetrics.Domain.CollecTor.Serving;

namespace TorMetrics.Web.Api.CollecTor;

/// <summary>archive/: monthly tarballs in CollecTor's names and inner layout, built from the archive into the cache directory.</summary>
public static class ArchiveEndpoints
{
    public static IEndpointRouteBuilder MapArchiveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/archive").WithTags("CollecTor archive")
            .MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], Get)
            .WithName("GetArchiveTarball")
            .WithSummary("A tarball as index.json lists it, e.g. archive/relay-descriptors/consensuses/consensuses-2024-01.tar.xz.")
            .WithDescription("Byte ranges are supported. 503 when the tarball is listed but this instance has no built copy " +
                             "(instances serving archive/ should share CollecTorServing:CacheDirectory).")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-xz")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<PhysicalFileHttpResult, NotFound, ProblemHttpResult>> Get(
        string path, PublishedFiles files, CancellationToken cancellationToken)
    {
        var file = await files.FindAsync(CollecTorLayout.ArchiveRoot + path, cancellationToken);
        if (file is null || file.IsRecent)
        {
            return TypedResults.NotFound();
        }

        if (files.ArchiveFilePath(file) is not { } local)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Tarball not built here",
                detail: "This tarball is listed but its built file is not in this instance's cache directory; " +
                        "the build-collector-archive job builds it again.");
        }

        return TypedResults.PhysicalFile(
            local,
            path.EndsWith(".tar", StringComparison.Ordinal) ? "application/x-tar" : "application/x-xz",
            lastModified: file.LastModified,
            entityTag: new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(file.Sha256) + "\""),
            enableRangeProcessing: true);
    }
}
