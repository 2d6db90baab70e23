using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using TorMetrics.Domain.CollecTor.Layout;
using TorMetrics.Domain.CollecTor.Serving;

namespace TorMetrics.Web.Api.CollecTor;

/// <summary>
/// recent/: the documents first seen in the last 72 hours, in CollecTor's directories and file names, one file per
/// run for the kinds CollecTor writes per run. Streamed from the archive document by document.
/// </summary>
public static class RecentEndpoints
{
    public static IEndpointRouteBuilder MapRecentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/recent").WithTags("CollecTor recent")
            .MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], GetAsync)
            .WithName("GetRecentFile")
            .WithSummary("A recent/ file as index.json lists it, e.g. recent/relay-descriptors/consensuses/2024-01-01-10-00-00-consensus.")
            .WithDescription("Each document is preceded by its @type line; OnionPerf analyses and web logs are xz files.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, NotFound>> GetAsync(
        string path, PublishedFiles files, HttpContext context, CancellationToken cancellationToken)
    {
        var file = await files.FindAsync(CollecTorLayout.RecentRoot + path, cancellationToken);
        if (file is null || !file.IsRecent)
        {
            return TypedResults.NotFound();
        }

        context.Response.ContentLength = file.Size;
        // HEAD (a follower checking size and date) gets the headers without the file being assembled.
        bool head = HttpMethods.IsHead(context.Request.Method);
        return TypedResults.Stream(
            body => head ? Task.CompletedTask : files.WriteRecentAsync(file, body, context.RequestAborted),
            path.EndsWith(".xz", StringComparison.Ordinal) ? "application/x-xz" : "text/plain",
            lastModified: file.LastModified,
            entityTag: new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(file.Sha256) + "\""));
    }
}
