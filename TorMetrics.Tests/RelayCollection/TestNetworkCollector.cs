using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TorMetrics.Web.TestNetwork;

namespace TorMetrics.Tests.RelayCollection;

/// <summary>The collector's services as the CLI builds them, on a test database, pointed at the test network.</summary>
internal static class TestNetworkCollector
{
    public static Task<ServiceProvider> CreateAsync(string connectionString, TestNetworkDescription network, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:TorMetrics"] = connectionString,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return TestNetworkCollectionServices.CreateAsync(configuration, network, CancellationToken.None);
    }
}
