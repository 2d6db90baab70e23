namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// Where the address databases are (section <c>Onionoo:GeoIp</c>). The defaults are Debian's <c>tor-geoipdb</c>
/// files; an empty path turns that database off. A path that is set must name an existing file.
/// </summary>
public sealed class GeoIpOptions
{
    public const string SectionName = "Onionoo:GeoIp";

    /// <summary>tor's IPv4 <c>geoip</c> file: <c>first,last,CC</c> with addresses as 32-bit integers.</summary>
    public string? GeoIpPath { get; set; } = "/usr/share/tor/geoip";

    /// <summary>tor's <c>geoip6</c> file: <c>first,last,CC</c> with IPv6 addresses.</summary>
    public string? GeoIp6Path { get; set; } = "/usr/share/tor/geoip6";

    /// <summary>An iptoasn.com <c>ip2asn</c> TSV file (v4, v6 or combined); unset means no AS fields.</summary>
    public string? AsnPath { get; set; }
}
