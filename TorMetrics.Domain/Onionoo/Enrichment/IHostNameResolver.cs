using System.Net;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// The two DNS questions reverse DNS needs. A name or address with no records gives an empty list; any other
/// failure (server failure, network error) throws, so that the address is tried again on the next run.
/// </summary>
public interface IHostNameResolver
{
    /// <summary>PTR names of an address.</summary>
    Task<IReadOnlyList<string>> GetHostNamesAsync(IPAddress address, CancellationToken ct);

    /// <summary>IPv4 addresses (A records) of a name.</summary>
    Task<IReadOnlyList<IPAddress>> GetAddressesAsync(string hostName, CancellationToken ct);
}
