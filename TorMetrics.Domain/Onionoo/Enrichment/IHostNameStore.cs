using System.Net;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>The host names the <c>resolve-host-names</c> job found.</summary>
public interface IHostNameStore
{
    /// <summary>Names per address, for those of <paramref name="addresses"/> that have at least one name.</summary>
    Task<IReadOnlyDictionary<IPAddress, HostNames>> GetAsync(IEnumerable<IPAddress> addresses, CancellationToken ct);
}
