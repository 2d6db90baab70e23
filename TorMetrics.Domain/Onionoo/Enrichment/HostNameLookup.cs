using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// One address: its PTR names, then each name's A records. A name whose A records include the address is verified,
/// any other is unverified (also when its A lookup fails or times out: the PTR answer stands, the check does not).
/// A failed or timed-out PTR lookup is an error and gives no names.
/// </summary>
public sealed class HostNameLookup(IHostNameResolver resolver, TimeSpan timeout, TimeProvider clock)
{
    public async Task<HostNameLookupResult> LookUpAsync(IPAddress address, CancellationToken ct)
    {
        IReadOnlyList<string> names;
        try
        {
            names = await resolver.GetHostNamesAsync(address, ct).WaitAsync(timeout, clock, ct);
        }
        catch (TimeoutException)
        {
            return new HostNameLookupResult(address, [], [], string.Create(CultureInfo.InvariantCulture, $"PTR lookup timed out after {timeout.TotalSeconds:0.###} s"));
        }
        catch (SocketException e)
        {
            return new HostNameLookupResult(address, [], [], $"PTR lookup failed: {e.SocketErrorCode}");
        }

        var verified = new SortedSet<string>(StringComparer.Ordinal);
        var unverified = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in names.Select(n => n.TrimEnd('.')).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            (await PointsBackAsync(name, address, ct) ? verified : unverified).Add(name);
        }

        return new HostNameLookupResult(address, [.. verified], [.. unverified], null);
    }

    private async Task<bool> PointsBackAsync(string name, IPAddress address, CancellationToken ct)
    {
        try
        {
            var addresses = await resolver.GetAddressesAsync(name, ct).WaitAsync(timeout, clock, ct);
            return addresses.Any(a => AddressKeys.Normalize(a).Equals(address));
        }
        catch (Exception e) when (e is TimeoutException or SocketException)
        {
            return false;
        }
    }
}
