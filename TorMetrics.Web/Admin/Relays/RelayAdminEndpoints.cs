using Microsoft.AspNetCore.Http.HttpResults;
using TorMetrics.Web.Components.Pages.Relays;
using TorMetrics.Web.Onionoo;

namespace TorMetrics.Web.Admin.Relays;

/// <summary>htmx fragments of the relay pages: the search form with its results table, and a relay's charts for another period.</summary>
public static class RelayAdminEndpoints
{
    public static IEndpointRouteBuilder MapRelayAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var relays = app.MapGroup("/admin/relays")
            .RequireAuthorization()
            .ExcludeFromDescription();
        relays.MapGet("/table", SearchAsync);
        relays.MapGet("/{fingerprint}/charts", ChartsAsync);
        return app;
    }

    // A rejected query is part of the answer (the parser's message in place of the table), so it is a 200: htmx swaps
    // only successful responses into the page.
    private static async Task<RazorComponentResult<RelaySearchPanel>> SearchAsync(
        HttpContext http, OnionooSnapshotProvider snapshots, TimeProvider clock)
    {
        var form = RelaySearchForm.FromQuery(http.Request.Query);
        var result = await RelaySearch.RunAsync(form, snapshots, clock.GetUtcNow().UtcDateTime);

        // The address bar shows the page with this search, never the fragment's URL.
        http.Response.Headers["HX-Push-Url"] = form.PageUrl();
        return new RazorComponentResult<RelaySearchPanel>(new Dictionary<string, object?> { [nameof(RelaySearchPanel.Result)] = result });
    }

    private static async Task<Results<RazorComponentResult<RelayCharts>, ProblemHttpResult>> ChartsAsync(
        string fingerprint, string? period, HttpContext http, OnionooSnapshotProvider snapshots, TimeProvider clock)
    {
        var asOf = http.Request.Query[Domain.Onionoo.Query.OnionooQueryParser.AsOfParameter].FirstOrDefault();
        var lookup = await RelayLookup.FindAsync(snapshots, fingerprint, asOf, clock.GetUtcNow().UtcDateTime);
        if (lookup.Node is not { } node)
        {
            return TypedResults.Problem(statusCode: lookup.StatusCode, title: "Cannot show this relay", detail: lookup.Message);
        }

        return new RazorComponentResult<RelayCharts>(new Dictionary<string, object?>
        {
            [nameof(RelayCharts.Node)] = node,
            [nameof(RelayCharts.AsOf)] = asOf,
            [nameof(RelayCharts.Period)] = period,
        });
    }
}
