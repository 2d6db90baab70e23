using System.Net;
using TorMetrics.Domain.Import;
using TorMetrics.Tests.Descriptors;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Api;

public sealed class AdminPagesTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task ImportsPage_AfterImport_ShowsTheRunAndArchiveCounts()
    {
        var report = await new DescriptorImporter(database.DataSource, TimeProvider.System)
            .ImportAsync([SampleFiles.PathOf("microdescriptor")], "test");
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        using var client = await factory.CreateSignedInClientAsync();

        var html = await client.GetStringAsync("/admin/imports");

        Assert.Contains("<td>microdescriptor</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{report.ImportRunId}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"{report.DocumentsNew} / {report.DocumentsDuplicate} / {report.DocumentsUnparseable}", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/jobs")]
    [InlineData("/admin/imports")]
    [InlineData("/admin/relays")]
    public async Task AdminPage_NotSignedIn_RedirectsToLogin(string path)
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
