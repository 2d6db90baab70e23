using Microsoft.Playwright;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Browser;

/// <summary>A person's path through the admin UI, in Debian's headless Chromium driven by Playwright.</summary>
public sealed class AdminLoginBrowserTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task SignIn_ThenJobsPage_ShowsJobsAndRunNowRecordsARun()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: the README's test command installs Debian's chromium.");
        await using var factory = new TorMetricsWebFactory(database.ConnectionString);
        factory.UseKestrel(0);
        factory.StartServer();
        await factory.CreateOperatorAsync();
        var baseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no network beyond loopback: keep Chromium from reaching out at all.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();

        await page.GotoAsync(baseUrl + "/admin/jobs");
        Assert.EndsWith("/login?ReturnUrl=%2Fadmin%2Fjobs", page.Url, StringComparison.Ordinal);

        await page.FillAsync("input[name=email]", TorMetricsWebFactory.OperatorEmail);
        await page.FillAsync("input[name=password]", TorMetricsWebFactory.OperatorPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/admin/jobs");

        var row = page.Locator("tr[data-job='prune-job-runs']");
        await Assertions.Expect(row).ToContainTextAsync("0 17 3 * * ?");
        await Assertions.Expect(row).ToContainTextAsync("never run");

        await row.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();

        // htmx swaps the table in place; the periodic refresh shows the finished run.
        await Assertions.Expect(row.Locator(".badge.succeeded")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM job_runs WHERE job_name = 'prune-job-runs' AND manual"));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "tormetrics-jobs-page.png") });
    }
}
