using System.Net;
using TorMetrics.Domain.Onionoo.Enrichment;

namespace TorMetrics.Tests.Onionoo.Enrichment;

/// <summary>The system resolver on 127.0.0.1 only, which /etc/hosts answers: no query leaves the machine.</summary>
public sealed class SystemHostNameResolverTests
{
    [Fact]
    public async Task GetHostNamesAsync_Loopback_IsLocalhostFromEtcHosts()
    {
        Assert.Equal(["localhost"], await new SystemHostNameResolver().GetHostNamesAsync(IPAddress.Loopback, default));
    }

    [Fact]
    public async Task GetAddressesAsync_Localhost_IncludesLoopback()
    {
        Assert.Contains(IPAddress.Loopback, await new SystemHostNameResolver().GetAddressesAsync("localhost", default));
    }
}
