using System.Net;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>Country and autonomous system of an address, from tables held in memory: thread-safe, no I/O per call.</summary>
public interface IAddressLocator
{
    AddressLocation Locate(IPAddress address);
}
