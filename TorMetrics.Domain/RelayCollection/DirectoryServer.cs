using System.Globalization;

namespace TorMetrics.Domain.RelayCollection;

/// <summary>
/// A directory server to fetch from over its DirPort: an authority (from configuration at bootstrap, then from the
/// newest consensus's <c>dir-source</c> lines) or a directory cache (a V2Dir relay of that consensus with a DirPort).
/// </summary>
public sealed record DirectoryServer(string Name, string Address, int DirPort, string? V3Ident, bool IsAuthority)
{
    public string BaseUrl => Address.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"http://[{Address}]:{DirPort}")
        : string.Create(CultureInfo.InvariantCulture, $"http://{Address}:{DirPort}");

    /// <summary>Parses a configured <c>host:port</c> authority address.</summary>
    public static bool TryParseAddress(string value, out DirectoryServer? server)
    {
        server = null;
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        server = new DirectoryServer(value, value[..colon].Trim('[', ']'), port, null, IsAuthority: true);
        return true;
    }
}
