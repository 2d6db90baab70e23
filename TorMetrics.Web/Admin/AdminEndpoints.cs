using Microsoft.AspNetCore.Http.HttpResults;
using TorMetrics.Jobs.Scheduling;
using TorMetrics.Web.Admin.Relays;
using TorMetrics.Web.Components.Pages.Jobs;

namespace TorMetrics.Web.Admin;

/// <summary>HTML fragments for htmx: the admin pages swap these in without a full reload.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/admin/jobs")
            .RequireAuthorization()
            .ExcludeFromDescription();
        jobs.MapGet("/table", RenderTableAsync);

        // htmx posts carry the antiforgery token in a header (see App.razor); validation is enforced here.
        var actions = jobs.MapGroup("/{name}").AddEndpointFilter<AntiforgeryValidationFilter>();
        actions.MapPost("/run", (string name, JobControl control, CancellationToken ct) =>
            ActAsync(control, ct, control.TriggerAsync(name, ct)));
        actions.MapPost("/pause", (string name, JobControl control, CancellationToken ct) =>
            ActAsync(control, ct, control.PauseAsync(name, ct)));
        actions.MapPost("/resume", (string name, JobControl control, CancellationToken ct) =>
            ActAsync(control, ct, control.ResumeAsync(name, ct)));
        app.MapRelayAdminEndpoints();
        app.MapCollectionAdminEndpoints();
        return app;
    }

    private static async Task<RazorComponentResult<JobsTable>> RenderTableAsync(JobControl control, CancellationToken cancellationToken) =>
        await RenderAsync(control, cancellationToken);

    private static async Task<Results<RazorComponentResult<JobsTable>, NotFound>> ActAsync(
        JobControl control, CancellationToken cancellationToken, Task<bool> action)
    {
        if (!await action)
        {
            return TypedResults.NotFound();
        }

        return await RenderAsync(control, cancellationToken);
    }

    private static async Task<RazorComponentResult<JobsTable>> RenderAsync(JobControl control, CancellationToken cancellationToken)
    {
        var statuses = await control.ListAsync(JobsTable.RunsPerJob, cancellationToken);
        return new RazorComponentResult<JobsTable>(new Dictionary<string, object?> { [nameof(JobsTable.Jobs)] = statuses });
    }
}
