using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TorMetrics.Domain.Data;
using TorMetrics.Jobs;
using TorMetrics.Jobs.Scheduling;

namespace TorMetrics.Web.Api.Jobs;

/// <summary>Operators' view of the scheduler. Requires a signed-in operator.</summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization();

        group.MapGet("/", ListAsync)
            .WithName("ListJobs")
            .WithSummary("Every job with its schedule, next fire time and recent runs.");
        group.MapGet("/{name}/runs", ListRunsAsync)
            .WithName("ListJobRuns")
            .WithSummary("Recorded runs of one job, newest first.");
        group.MapPost("/{name}/trigger", TriggerAsync)
            .WithName("TriggerJob")
            .WithSummary("Runs the job now on whichever instance picks it up; the run is recorded like any other.");
        group.MapPost("/{name}/pause", PauseAsync)
            .WithName("PauseJob")
            .WithSummary("Stops the job's schedule from firing until resumed.");
        group.MapPost("/{name}/resume", ResumeAsync)
            .WithName("ResumeJob")
            .WithSummary("Resumes a paused job's schedule.");
        return app;
    }

    private static async Task<Ok<List<JobResponse>>> ListAsync(JobControl jobs, CancellationToken cancellationToken)
    {
        var statuses = await jobs.ListAsync(runsPerJob: 5, cancellationToken);
        return TypedResults.Ok(statuses.Select(JobResponse.From).ToList());
    }

    private static async Task<Results<Ok<List<JobRunResponse>>, ProblemHttpResult, ValidationProblem>> ListRunsAsync(
        string name,
        IDbContextFactory<TorMetricsDbContext> contexts,
        CancellationToken cancellationToken,
        int limit = 50)
    {
        if (JobCatalog.Find(name) is null)
        {
            return UnknownJob(name);
        }

        if (limit is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["limit"] = ["limit must be between 1 and 1000."],
            });
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.JobRuns.AsNoTracking()
            .Where(r => r.JobName == name)
            .OrderByDescending(r => r.StartedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(runs.Select(JobRunResponse.From).ToList());
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> TriggerAsync(
        string name, JobControl jobs, CancellationToken cancellationToken) =>
        await jobs.TriggerAsync(name, cancellationToken) ? TypedResults.Accepted($"/api/jobs/{name}/runs") : UnknownJob(name);

    private static async Task<Results<NoContent, ProblemHttpResult>> PauseAsync(
        string name, JobControl jobs, CancellationToken cancellationToken) =>
        await jobs.PauseAsync(name, cancellationToken) ? TypedResults.NoContent() : UnknownJob(name);

    private static async Task<Results<NoContent, ProblemHttpResult>> ResumeAsync(
        string name, JobControl jobs, CancellationToken cancellationToken) =>
        await jobs.ResumeAsync(name, cancellationToken) ? TypedResults.NoContent() : UnknownJob(name);

    private static ProblemHttpResult UnknownJob(string name) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown job",
        detail: $"There is no job named '{name}'.");
}
