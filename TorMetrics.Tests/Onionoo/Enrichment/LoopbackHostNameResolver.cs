using System.Net;
using System.Net.Sockets;
using TorMetrics.Domain.Onionoo.Enrichment;

namespace TorMetrics.Tests.Onionoo.Enrichment;

/// <summary>
/// A resolver answering from tables about loopback addresses and made-up names, so reverse DNS tests send no query
/// anywhere. Addresses listed as hanging never answer (until cancelled); failing ones answer SERVFAIL-like errors.
/// </summary>
public sealed class LoopbackHostNameResolver : IHostNameResolver
{
    public Dictionary<IPAddress, string[]> Pointers { get; } = [];

    public Dictionary<string, IPAddress[]> Addresses { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<IPAddress> Hanging { get; } = [];

    public HashSet<IPAddress> Failing { get; } = [];

    public int Questions => _questions;

    private int _questions;

    public async Task<IReadOnlyList<string>> GetHostNamesAsync(IPAddress address, CancellationToken ct)
    {
        Interlocked.Increment(ref _questions);
        if (Hanging.Contains(address))
        {
            await Task.Delay(Timeout.Infinite, ct);
        }

        if (Failing.Contains(address))
        {
            throw new SocketException((int)SocketError.TryAgain);
        }

        await Task.Yield();
        return Pointers.GetValueOrDefault(address) ?? [];
    }

    public async Task<IReadOnlyList<IPAddress>> GetAddressesAsync(string hostName, CancellationToken ct)
    {
        Interlocked.Increment(ref _questions);
        await Task.Yield();
        return Addresses.GetValueOrDefault(hostName) ?? [];
    }
}
