using System.Net;
using System.Text.Json;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Api;

/// <summary>Every malformed request gets a 4xx with a ProblemDetails body and nothing from the server's internals.</summary>
public sealed class ProblemDetailsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    public static TheoryData<string, string, HttpStatusCode> MalformedRequests => new()
    {
        { "GET", "/api/jobs/prune-job-runs/runs?limit=abc", HttpStatusCode.BadRequest },
        { "GET", "/api/jobs/prune-job-runs/runs?limit=0", HttpStatusCode.BadRequest },
        { "GET", "/api/jobs/prune-job-runs/runs?limit=99999999999999", HttpStatusCode.BadRequest },
        { "GET", "/api/jobs/no-such-job/runs", HttpStatusCode.NotFound },
        { "POST", "/api/jobs/no-such-job/trigger", HttpStatusCode.NotFound },
        { "POST", "/api/jobs/no-such-job/pause", HttpStatusCode.NotFound },
        { "DELETE", "/api/jobs", HttpStatusCode.MethodNotAllowed },
        { "GET", "/api/no-such-resource", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task MalformedRequest_SignedIn_Returns4xxProblemDetails(string method, string path, HttpStatusCode expected)
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        using var client = await factory.CreateSignedInClientAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertProblemAsync(response, expected);
    }

    [Fact]
    public async Task MalformedParameter_ProblemDetailNamesTheParameter()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        using var client = await factory.CreateSignedInClientAsync();

        var response = await client.GetAsync("/api/jobs/prune-job-runs/runs?limit=abc");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiRequest_NotSignedIn_Returns401ProblemDetails()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/jobs");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminAction_WithoutAntiforgeryToken_IsRejected()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        using var client = await factory.CreateSignedInClientAsync();
        client.DefaultRequestHeaders.Remove("RequestVerificationToken");

        var response = await client.PostAsync("/admin/jobs/prune-job-runs/run", null);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("title", out _));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }
}
