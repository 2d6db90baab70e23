using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// The operating system's resolver (<c>/etc/hosts</c>, then the configured DNS servers). The reverse lookup calls
/// libc's getnameinfo itself: <see cref="Dns.GetHostEntryAsync(IPAddress)"/> follows the PTR name with a forward
/// lookup and returns that lookup's name, or fails when the name has no A record, which is exactly the unverified
/// case. getnameinfo gives one name per address, where a DNS client would see every PTR record. It blocks, so it runs
/// on a thread of its own rather than holding a thread-pool thread for as long as the DNS server takes.
/// </summary>
public sealed class SystemHostNameResolver : IHostNameResolver
{
    private const int NameRequired = 8; // NI_NAMEREQD: fail instead of returning the address as text
    private const int NoName = -2; // EAI_NONAME
    private const int TryAgain = -3; // EAI_AGAIN
    private const int MaxHostLength = 1025; // NI_MAXHOST

    public Task<IReadOnlyList<string>> GetHostNamesAsync(IPAddress address, CancellationToken ct)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Reverse DNS uses Linux's getnameinfo.");
        }

        var lookup = Task.Factory.StartNew(
            () => ReverseLookup(address), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return lookup.WaitAsync(ct);
    }

    public async Task<IReadOnlyList<IPAddress>> GetAddressesAsync(string hostName, CancellationToken ct)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(hostName, AddressFamily.InterNetwork, ct);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
        {
            return [];
        }
    }

    private static IReadOnlyList<string> ReverseLookup(IPAddress address)
    {
        var socketAddress = ToSockaddr(address);
        var host = new byte[MaxHostLength];
        var result = GetNameInfo(socketAddress, (uint)socketAddress.Length, host, (uint)host.Length, null, 0, NameRequired);
        switch (result)
        {
            case 0:
                var name = Encoding.ASCII.GetString(host, 0, Math.Max(0, Array.IndexOf(host, (byte)0)));
                return name.Length == 0 ? [] : [name];
            case NoName:
                return [];
            case TryAgain:
                throw new SocketException((int)SocketError.TryAgain);
            default:
                throw new SocketException((int)SocketError.SocketError, $"getnameinfo failed with code {result}");
        }
    }

    /// <summary>Linux's sockaddr_in / sockaddr_in6: family in host order, port and address in network order.</summary>
    private static byte[] ToSockaddr(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var sockaddr = new byte[16];
            MemoryMarshal.Write(sockaddr, (ushort)2); // AF_INET
            address.TryWriteBytes(sockaddr.AsSpan(4, 4), out _);
            return sockaddr;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var sockaddr = new byte[28];
            MemoryMarshal.Write(sockaddr, (ushort)10); // AF_INET6
            address.TryWriteBytes(sockaddr.AsSpan(8, 16), out _);
            MemoryMarshal.Write(sockaddr.AsSpan(24), (uint)address.ScopeId);
            return sockaddr;
        }

        throw new ArgumentException($"{address} is neither IPv4 nor IPv6.", nameof(address));
    }

    [DllImport("libc", EntryPoint = "getnameinfo")]
    private static extern int GetNameInfo(byte[] sockaddr, uint sockaddrLength, byte[] host, uint hostLength, byte[]? service, uint serviceLength, int flags);
}
