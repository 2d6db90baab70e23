using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TorMetrics.Tests.Infrastructure;
using TorMetrics.Tests.Onionoo;
using TorMetrics.Web.Onionoo;
using static TorMetrics.Tests.Onionoo.OnionooSeedNetwork;

namespace TorMetrics.Tests.Browser;

/// <summary>An operator's path from the relay search to a relay's charts, in Debian's headless Chromium.</summary>
public sealed class RelaySearchBrowserTests(OnionooSeedFixture fixture) : IClassFixture<OnionooSeedFixture>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    // Generous: the test machine is shared with parallel builds, and a slow step is not what this test is about.
    private static readonly LocatorAssertionsToHaveCountOptions Count = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToContainTextOptions Text = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToHaveAttributeOptions Attribute = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToHaveValueOptions Value = new() { Timeout = 30_000 };

    [Fact]
    public async Task SignIn_SearchThenOpenRelay_ShowsItsChartsDrawn()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: the README's test command installs Debian's chromium.");
        await using var factory = new TorMetricsWebFactory(fixture.ConnectionString, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        factory.UseKestrel(0);
        factory.StartServer();
        await factory.Services.GetRequiredService<OnionooSnapshotRefresher>().RefreshAsync(CancellationToken.None);
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
        page.SetDefaultTimeout(60_000);

        await page.GotoAsync(baseUrl + "/admin/relays");
        await page.FillAsync("input[name=email]", TorMetricsWebFactory.OperatorEmail);
        await page.FillAsync("input[name=password]", TorMetricsWebFactory.OperatorPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/admin/relays");
        await Assertions.Expect(page.Locator("#relay-results tbody tr")).ToHaveCountAsync(6, Count);

        // A column header orders the results in place; the form then shows that order too.
        await page.GetByRole(AriaRole.Link, new() { Name = "Consensus weight" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/admin/relays?order=-consensus_weight&limit=50");
        await Assertions.Expect(page.Locator("#relay-results tbody tr").First).ToHaveAttributeAsync("data-fingerprint", Alpha, Attribute);
        await Assertions.Expect(page.Locator("select[name=order]")).ToHaveValueAsync("-consensus_weight", Value);

        await page.FillAsync("input[name=search]", "alph");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        // htmx swapped the results in and pushed the page's URL as the server normalised it (a plain form submission
        // would carry every empty field).
        await page.WaitForURLAsync(baseUrl + "/admin/relays?search=alph&order=-consensus_weight&limit=50");
        var rows = page.Locator("#relay-results tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1, Count);
        await Assertions.Expect(page.Locator("#relay-results .counts")).ToContainTextAsync("1 match", Text);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "tormetrics-relay-search.png") });

        await rows.GetByRole(AriaRole.Link, new() { Name = "Alpha1" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/admin/relays/" + Alpha);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Relay Alpha1", Text);

        // ECharts draws each chart into a canvas of its own.
        foreach (var chart in new[] { "bandwidth-chart", "weights-chart", "uptime-chart" })
        {
            await Assertions.Expect(page.Locator($"#{chart} canvas")).ToBeVisibleAsync(Visible);
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "tormetrics-relay-page.png"), FullPage = true });
    }
}
