using System.Net;
using System.Net.Sockets;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// The operating system's resolver (<c>/etc/hosts</c>, then the configured DNS servers). Its reverse lookup
/// (getnameinfo) gives one name per address, where a DNS client would see every PTR record.
/// </summary>
public sealed class SystemHostNameResolver : IHostNameResolver
{
    public async Task<IReadOnlyList<string>> GetHostNamesAsync(IPAddress address, CancellationToken ct)
    {
        try
        {
            var entry = await Dns.GetHostEntryAsync(address).WaitAsync(ct);
            return string.IsNullOrEmpty(entry.HostName) || IPAddress.TryParse(entry.HostName, out _) ? [] : [entry.HostName];
        }
        catch (SocketException e) when (IsNoRecords(e))
        {
            return [];
        }
    }

    public async Task<IReadOnlyList<IPAddress>> GetAddressesAsync(string hostName, CancellationToken ct)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(hostName, AddressFamily.InterNetwork, ct);
        }
        catch (SocketException e) when (IsNoRecords(e))
        {
            return [];
        }
    }

    private static bool IsNoRecords(SocketException e) =>
        e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData;
}
