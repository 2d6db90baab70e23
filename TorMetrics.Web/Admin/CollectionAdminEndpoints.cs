using Microsoft.AspNetCore.Http.HttpResults;
using TorMetrics.Web.Components.Pages.Collection;

namespace TorMetrics.Web.Admin;

/// <summary>The relay collection page's status panel, as an htmx fragment.</summary>
public static class CollectionAdminEndpoints
{
    public static IEndpointRouteBuilder MapCollectionAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/collection/status", () => new RazorComponentResult<CollectionStatus>())
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }
}
