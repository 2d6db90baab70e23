using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TorMetrics.Web.Identity;

namespace TorMetrics.Tests.Infrastructure;

/// <summary>The real web host on a test database. Settings are passed the way an operator would pass them.</summary>
public sealed class TorMetricsWebFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string OperatorEmail = "operator@example.org";
    public const string OperatorPassword = "a long test passphrase";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:TorMetrics", connectionString);
        builder.UseSetting("Jobs:ClusterCheckinInterval", "00:00:02");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public Task CreateOperatorAsync() => CreateOperatorAsync(this);

    /// <summary>A client signed in through the real login form (antiforgery token and all).</summary>
    public Task<HttpClient> CreateSignedInClientAsync() => CreateSignedInClientAsync(this);

    /// <summary>The operator account, on any host built from this factory (e.g. one with test services swapped in).</summary>
    public static async Task CreateOperatorAsync(WebApplicationFactory<Program> host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AdminAccounts>().CreateAsync(OperatorEmail, OperatorPassword);
        if (!result.Succeeded && result.Errors.Any(e => e.Code != "DuplicateEmail"))
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    public static async Task<HttpClient> CreateSignedInClientAsync(WebApplicationFactory<Program> host)
    {
        await CreateOperatorAsync(host);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/login");
        var token = AntiforgeryToken.From(form);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = OperatorEmail,
            ["password"] = OperatorPassword,
            ["returnUrl"] = "/admin/jobs",
        }));
        if (response.Headers.Location?.OriginalString != "/admin/jobs")
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} to {response.Headers.Location}.");
        }

        // Antiforgery tokens are bound to the signed-in user: take a fresh one from a page rendered after sign-in.
        var page = await client.GetStringAsync("/admin/jobs");
        client.DefaultRequestHeaders.Add("RequestVerificationToken", AntiforgeryToken.From(page));
        return client;
    }
}
