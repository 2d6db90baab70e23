using Microsoft.AspNetCore.Http.HttpResults;
using TorMetrics.Domain.Onionoo;
using TorMetrics.Domain.Onionoo.Query;

namespace TorMetrics.Web.Onionoo;

/// <summary>
/// The six Onionoo protocol 8.0 resources, also under an /onionoo prefix. Requests are answered from the snapshot in
/// memory: parameters are parsed from the raw query string exactly as upstream does, so they are not bound here.
/// </summary>
public static class OnionooEndpoints
{
    public const string Tag = "Onionoo";

    public static IEndpointRouteBuilder MapOnionooEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var resource in Enum.GetValues<OnionooResource>())
        {
            var name = resource.ToString().ToLowerInvariant();
            app.MapMethods("/" + name, [HttpMethods.Get, HttpMethods.Head],
                    (HttpContext http, OnionooSnapshotProvider snapshots, TimeProvider clock) => AnswerAsync(http, resource, snapshots, clock))
                .WithName("Onionoo" + resource)
                .WithTags(Tag)
                .WithSummary(Summaries[resource])
                .WithDescription(Description)
                .Produces(StatusCodes.Status200OK, contentType: "application/json")
                .Produces(StatusCodes.Status304NotModified)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
            app.MapMethods("/onionoo/" + name, [HttpMethods.Get, HttpMethods.Head],
                    (HttpContext http, OnionooSnapshotProvider snapshots, TimeProvider clock) => AnswerAsync(http, resource, snapshots, clock))
                .ExcludeFromDescription();
        }

        return app;
    }

    private static readonly Dictionary<OnionooResource, string> Summaries = new()
    {
        [OnionooResource.Summary] = "Short entries (nickname, fingerprint, addresses, running) of relays and bridges.",
        [OnionooResource.Details] = "Everything known about relays and bridges from their newest statuses and descriptors.",
        [OnionooResource.Bandwidth] = "Read and write history graphs per relay and bridge, in bytes per second.",
        [OnionooResource.Weights] = "Consensus weight and guard/middle/exit probability graphs per relay (never bridges).",
        [OnionooResource.Clients] = "Estimated daily clients per bridge (never relays).",
        [OnionooResource.Uptime] = "Uptime graphs per relay and bridge, and per flag for relays.",
    };

    private const string Description =
        "Onionoo protocol 8.0 (https://metrics.torproject.org/onionoo.html). All parameters are optional and ANDed; " +
        "unknown parameters and malformed values are a 400 with a ProblemDetails body naming the parameter. " +
        "Values are percent-decoded, but '+' stays a literal '+': encode spaces as %20. Beyond Onionoo, " +
        "as_of=YYYY-MM-DD answers the same query as of the end of that UTC day, from the archive.";

    private static async Task<Results<OnionooResponse, StatusCodeHttpResult, ProblemHttpResult>> AnswerAsync(
        HttpContext http, OnionooResource resource, OnionooSnapshotProvider snapshots, TimeProvider clock)
    {
        http.Response.Headers.AccessControlAllowOrigin = "*";
        var rawQuery = http.Request.QueryString.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var live = snapshots.Current;

        // As upstream, a fresh client copy is answered before the parameters are looked at.
        bool pastDay = rawQuery?.Contains(OnionooQueryParser.AsOfParameter + "=", StringComparison.Ordinal) == true;
        if (!pastDay && live is not null && NotModified(http.Request, live.BuiltAt))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        OnionooQuery query;
        try
        {
            query = OnionooQueryParser.Parse(rawQuery, now);
        }
        catch (OnionooQueryException e)
        {
            return TypedResults.Problem(
                title: "Invalid Onionoo query",
                detail: e.Message,
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["parameter"] = e.Parameter });
        }

        var snapshot = query.AsOf is { } day ? await snapshots.GetPastDayAsync(day) : live;
        if (snapshot is null)
        {
            http.Response.Headers.RetryAfter = "60";
            return TypedResults.Problem(
                title: "No documents yet",
                detail: "The Onionoo updater has not published documents yet; it runs after statuses are imported and hourly.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (query.SelectsEverything)
        {
            var prepared = snapshot.Everything(resource);
            return new OnionooResponse(prepared.Plain, prepared.Gzip, snapshot.BuiltAt, now);
        }

        var selection = OnionooQueryEngine.Select(snapshot, resource, query, query.DaysCountedFrom(now));
        var fields = resource == OnionooResource.Details ? query.Fields : null;
        return new OnionooResponse(OnionooResponseWriter.Write(snapshot, resource, selection, fields), null, snapshot.BuiltAt, now);
    }

    private static bool NotModified(HttpRequest request, DateTime lastModified) =>
        request.GetTypedHeaders().IfModifiedSince is { } since
        && since.UtcDateTime >= lastModified.AddTicks(-(lastModified.Ticks % TimeSpan.TicksPerSecond));
}
