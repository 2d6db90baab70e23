using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Api;

public sealed class SwaggerDocumentTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task SwaggerJson_IsValidOpenApi3_WithEveryOperationDescribed()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString);
        using var client = factory.CreateClient();

        await using var stream = await client.GetStreamAsync("/swagger/v1/swagger.json");
        var settings = new OpenApiReaderSettings();
        settings.AddJsonReader();
        var result = await OpenApiDocument.LoadAsync(stream, "json", settings);

        Assert.NotNull(result.Document);
        Assert.Empty(result.Diagnostic!.Errors);
        Assert.StartsWith("3.", result.Diagnostic.SpecificationVersion.ToString().Replace("OpenApi", "", StringComparison.Ordinal)
            .Replace('_', '.'), StringComparison.Ordinal);
        Assert.Contains("/api/jobs", result.Document!.Paths.Keys);
        Assert.Contains("/health", result.Document.Paths.Keys);
        var undocumented = result.Document.Paths
            .SelectMany(p => p.Value.Operations!.Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value)))
            .Where(o => string.IsNullOrWhiteSpace(o.Operation.Summary))
            .Select(o => $"{o.Method} {o.Path}")
            .ToList();
        Assert.True(undocumented.Count == 0, "Operations without a summary: " + string.Join(", ", undocumented));
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        await using var factory = new TorMetricsWebFactory(database.ConnectionString);
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/swagger/index.html");

        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
    }
}
