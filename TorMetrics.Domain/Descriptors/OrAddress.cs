namespace TorMetrics.Domain.Descriptors;

/// <summary>An extra OR address (<c>or-address</c>, <c>a</c>): IPv6 addresses come without brackets.</summary>
public sealed record OrAddress(string Address, int Port, bool IsIPv6)
{
    /// <summary>Parses <c>1.2.3.4:9001</c> or <c>[2001:db8::1]:9001</c>.</summary>
    public static OrAddress Parse(ReadOnlySpan<byte> value, int lineNumber)
    {
        int colon = value.LastIndexOf((byte)':');
        if (colon <= 0)
        {
            throw new DescriptorParseException($"address '{DescriptorText.Ascii(value)}' has no port", lineNumber);
        }

        var host = value[..colon];
        bool ipv6 = false;
        if (host[0] == (byte)'[')
        {
            if (host[^1] != (byte)']')
            {
                throw new DescriptorParseException($"unbalanced brackets in '{DescriptorText.Ascii(value)}'", lineNumber);
            }

            host = host[1..^1];
            ipv6 = true;
        }

        int port = DescriptorText.ParsePort(value[(colon + 1)..], "port", lineNumber);
        return new OrAddress(DescriptorText.Ascii(host), port, ipv6);
    }
}
