using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TorMetrics.Domain.Bandwidth;
using TorMetrics.Domain.Import;
using TorMetrics.Domain.Onionoo.Updating;
using TorMetrics.Tests.Infrastructure;
using TorMetrics.Web.Onionoo;

namespace TorMetrics.Tests.Onionoo;

/// <summary>The seed network imported by the real importer, one real update, and the web host serving it.</summary>
public sealed class OnionooSeedFixture : PostgresDatabaseFixture
{
    private string _directory = null!;

    public ImportReport Import { get; private set; } = null!;

    public OnionooUpdateReport Update { get; private set; } = null!;

    public WebApplicationFactoryClient Web { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _directory = OnionooSeedNetwork.WriteTo(Path.Combine(Path.GetTempPath(), "tormetrics-onionoo-seed-" + DatabaseName));
        var clock = new FixedTimeProvider(OnionooSeedNetwork.Now);
        Import = await new DescriptorImporter(DataSource, clock).ImportAsync([_directory], "test");
        Update = await new OnionooUpdater(
            new OnionooHistoryUpdater(DataSource, clock),
            new OnionooSnapshotBuilder(DataSource, clock),
            new OnionooGenerationStore(DataSource)).UpdateAsync(null, CancellationToken.None);
        Web = await WebApplicationFactoryClient.StartAsync(ConnectionString, clock);
    }

    public override async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
        await base.DisposeAsync();
    }
}

/// <summary>A web host on the fixture's database with a fixed clock, whose snapshot is loaded before tests run.</summary>
public sealed class WebApplicationFactoryClient : IAsyncDisposable
{
    private readonly TorMetricsWebFactory _factory;
    private readonly WebApplicationFactory<Program> _configured;

    private WebApplicationFactoryClient(TorMetricsWebFactory factory, WebApplicationFactory<Program> configured)
    {
        _factory = factory;
        _configured = configured;
        Client = configured.CreateClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _configured.Services;

    /// <summary>A client of this same host (fixed clock, loaded snapshot) signed in as an operator, for the admin pages.</summary>
    public Task<HttpClient> CreateSignedInClientAsync() => TorMetricsWebFactory.CreateSignedInClientAsync(_configured);

    public static async Task<WebApplicationFactoryClient> StartAsync(string connectionString, TimeProvider clock)
    {
        var factory = new TorMetricsWebFactory(connectionString, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var client = new WebApplicationFactoryClient(factory, factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(clock))));
        await client.Services.GetRequiredService<OnionooSnapshotRefresher>().RefreshAsync(CancellationToken.None);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _configured.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
