using System.Net;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>Country and autonomous system of an address; null parts are unknown.</summary>
public sealed record AddressLocation(string? CountryCode, string? CountryName, string? AutonomousSystem, string? AutonomousSystemName);

/// <summary>Looks addresses up in local GeoIP and AS databases: in memory, thread-safe, no I/O per call.</summary>
public interface IAddressLocator
{
    AddressLocation Locate(IPAddress address);
}

/// <summary>Reverse DNS names of an address: verified ones resolve forward to the same address.</summary>
public sealed record HostNames(IReadOnlyList<string> Verified, IReadOnlyList<string> Unverified);

/// <summary>The reverse DNS results the background lookups stored.</summary>
public interface IHostNameStore
{
    Task<IReadOnlyDictionary<IPAddress, HostNames>> GetAsync(IEnumerable<IPAddress> addresses, CancellationToken ct);
}
