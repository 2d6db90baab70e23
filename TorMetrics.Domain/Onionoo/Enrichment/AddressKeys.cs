using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>Addresses as unsigned integers in network order, so that ranges compare the way the files list them.</summary>
internal static class AddressKeys
{
    /// <summary>An IPv4-mapped IPv6 address is the IPv4 address it carries.</summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public static uint ToUInt32(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (address.AddressFamily != AddressFamily.InterNetwork || !address.TryWriteBytes(bytes, out _))
        {
            throw new ArgumentException($"{address} is not an IPv4 address.", nameof(address));
        }

        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    public static UInt128 ToUInt128(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || !address.TryWriteBytes(bytes, out _))
        {
            throw new ArgumentException($"{address} is not an IPv6 address.", nameof(address));
        }

        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
