using System.Net;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>The host names the <c>resolve-host-names</c> job found.</summary>
public interface IHostNameStore
{
    /// <summary>Names per address, for those of <paramref name="addresses"/> that have at least one name; an IPv4-mapped
    /// IPv6 address is looked up, and keyed, as its IPv4 address.</summary>
    Task<IReadOnlyDictionary<IPAddress, HostNames>> GetAsync(IEnumerable<IPAddress> addresses, CancellationToken ct);
}
