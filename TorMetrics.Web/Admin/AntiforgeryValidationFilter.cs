using Microsoft.AspNetCore.Antiforgery;

namespace TorMetrics.Web.Admin;

/// <summary>
/// ASP.NET Core only enforces antiforgery when it binds a form; htmx actions post no form, so they are checked here
/// (token in the <c>RequestVerificationToken</c> header, set on every page by App.razor).
/// </summary>
internal sealed class AntiforgeryValidationFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context.HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Missing or invalid antiforgery token",
                detail: "Reload the page and try again.");
        }

        return await next(context);
    }
}
