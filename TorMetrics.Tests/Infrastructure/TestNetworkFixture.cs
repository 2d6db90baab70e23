using TorMetrics.Web.TestNetwork;

namespace TorMetrics.Tests.Infrastructure;

/// <summary>
/// One private Tor network for every test of the <see cref="TestNetworkCollection"/>, started through the launcher
/// on the first free block of ports and stopped by its recorded pids afterwards. Does nothing without tor (the tests
/// are then skipped by <see cref="TorFactAttribute"/>).
/// </summary>
public sealed class TestNetworkFixture : IAsyncLifetime
{
    private readonly string _runDirectory = Path.Combine(Path.GetTempPath(), "tm-testnet-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public TestNetworkDescription Network { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!TorBinaries.Available)
        {
            return;
        }

        // Above the default 20000, clear of a network started by hand; the next block if another test run holds it.
        var settings = Enumerable.Range(0, 20)
            .Select(i => new TestNetworkSettings { RunDirectory = _runDirectory, BasePort = 23000 + 500 * i })
            .First(TestNetworkLauncher.PortsFree);
        Network = await new TestNetworkLauncher(_http, TimeProvider.System).StartAsync(settings, null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (TestNetworkDescription.TryRead(_runDirectory) is { } network)
        {
            await TestNetworkLauncher.StopAsync(network, CancellationToken.None);
            Directory.Delete(_runDirectory, recursive: true);
        }

        _http.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TestNetworkCollection : ICollectionFixture<TestNetworkFixture>
{
    public const string Name = "Tor test network";
}
