using System.Net;
using TorMetrics.Domain.Onionoo.Enrichment;

namespace TorMetrics.Tests.Onionoo.Enrichment;

/// <summary>
/// Lookups against Debian's real tor-geoipdb files. The expected countries are not read from those files: they are
/// where the hosts are known to be (directory authorities' published addresses, RIPE NCC, Google DNS), and each was
/// checked to fall inside a range of that country in tor-geoipdb 0.4.9.11.
/// </summary>
public sealed class AddressLocatorTests : IDisposable
{
    private static readonly Lazy<AddressLocator> Debian = new(() =>
    {
        Assert.True(File.Exists("/usr/share/tor/geoip"), "tor-geoipdb is not installed: run scripts/prerequisites.sh");
        return AddressLocator.Load(new GeoIpOptions());
    });

    private readonly string _directory = Directory.CreateTempSubdirectory("tm-geoip-").FullName;

    [Theory]
    [InlineData("128.31.0.34", "us", "United States of America")] // moria1, MIT (128.29.0.0-128.38.255.255 US)
    [InlineData("131.188.40.189", "de", "Germany")] // gabelmoo, University of Erlangen (131.188.0.0-131.189.255.255 DE)
    [InlineData("171.25.193.9", "se", "Sweden")] // maatuska, DFRI Stockholm (171.25.193.0/24 SE)
    [InlineData("193.0.6.139", "nl", "Netherlands")] // RIPE NCC, Amsterdam (193.0.0.0-193.0.23.255 NL)
    [InlineData("8.8.8.8", "us", "United States of America")] // Google Public DNS (6.0.0.0-8.21.142.255 US)
    public void Locate_WellKnownIPv4Addresses_CountryFromDebianGeoip(string address, string code, string name)
    {
        var location = Debian.Value.Locate(IPAddress.Parse(address));

        Assert.Equal(code, location.CountryCode);
        Assert.Equal(name, location.CountryName);
        Assert.Null(location.AutonomousSystem);
    }

    [Theory]
    [InlineData("2001:638:a000:4140::ffff:189", "de")] // gabelmoo's IPv6 OR address (DFN, 2001:638::/30 DE)
    [InlineData("2001:67c:289c::9", "se")] // maatuska's network (2001:67c:289c::/48 SE)
    [InlineData("2001:4860:4860::8888", "us")] // Google Public DNS (2001:4860::/32 US)
    public void Locate_WellKnownIPv6Addresses_CountryFromDebianGeoip6(string address, string code)
    {
        Assert.Equal(code, Debian.Value.Locate(IPAddress.Parse(address)).CountryCode);
    }

    [Fact]
    public void Locate_IPv4MappedIPv6Address_UsesTheIPv4Table()
    {
        Assert.Equal("de", Debian.Value.Locate(IPAddress.Parse("::ffff:131.188.40.189")).CountryCode);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("192.0.2.1")] // TEST-NET-1
    [InlineData("2001:db8::1")] // IPv6 documentation prefix
    [InlineData("::1")]
    public void Locate_UnroutedAddresses_EverythingNull(string address)
    {
        Assert.Equal(new AddressLocation(null, null, null, null), Debian.Value.Locate(IPAddress.Parse(address)));
    }

    [Fact]
    public void Load_DebianFiles_ReadsEveryRange()
    {
        var figures = Debian.Value.Figures;

        // Every non-comment line of these files except those marked '??' is one range.
        Assert.Equal(CountRanges("/usr/share/tor/geoip"), figures.CountryRangesV4);
        Assert.Equal(CountRanges("/usr/share/tor/geoip6"), figures.CountryRangesV6);
    }

    [Fact]
    public void Locate_SmallGeoipFile_InclusiveBoundsUnknownMarksAndCodesOutsideIso()
    {
        var geoip = Write("geoip", """
            # first,last,country
            16777216,16777471,AU
            16777472,16777727,??
            16777728,16777983,EU
            """);
        var locator = AddressLocator.Load(new GeoIpOptions { GeoIpPath = geoip, GeoIp6Path = "" });

        Assert.Equal("au", locator.Locate(IPAddress.Parse("1.0.0.0")).CountryCode);
        Assert.Equal("Australia", locator.Locate(IPAddress.Parse("1.0.0.255")).CountryName);
        Assert.Null(locator.Locate(IPAddress.Parse("1.0.1.0")).CountryCode);
        Assert.Equal(new AddressLocation("eu", null, null, null), locator.Locate(IPAddress.Parse("1.0.2.7")));
        Assert.Null(locator.Locate(IPAddress.Parse("1.0.3.0")).CountryCode);
        Assert.Null(locator.Locate(IPAddress.Parse("0.255.255.255")).CountryCode);
    }

    [Fact]
    public void Locate_WithAsnFile_AsNumberAndNameForBothFamilies()
    {
        var asn = Write("ip2asn-combined.tsv", string.Join('\n',
            "1.0.0.0\t1.0.0.255\t13335\tUS\tCLOUDFLARENET",
            "1.0.1.0\t1.0.3.255\t0\tNone\tNot routed",
            "1.0.4.0\t1.0.7.255\t38803\tAU\t",
            "2001:67c:289c::\t2001:67c:289c:ffff:ffff:ffff:ffff:ffff\t198093\tSE\tDFRI-AS",
            ""));
        var locator = AddressLocator.Load(new GeoIpOptions { GeoIpPath = "", GeoIp6Path = "", AsnPath = asn });

        Assert.Equal(new AddressLocation(null, null, "AS13335", "CLOUDFLARENET"), locator.Locate(IPAddress.Parse("1.0.0.1")));
        Assert.Equal(AddressLocation.Unknown, locator.Locate(IPAddress.Parse("1.0.2.1")));
        Assert.Equal(new AddressLocation(null, null, "AS38803", null), locator.Locate(IPAddress.Parse("1.0.7.255")));
        Assert.Equal("AS198093", locator.Locate(IPAddress.Parse("2001:67c:289c::9")).AutonomousSystem);
        Assert.Equal((2, 1), (locator.Figures.AsRangesV4, locator.Figures.AsRangesV6)); // "Not routed" is no range
    }

    [Fact]
    public void Locate_DebianGeoipWithAsnFile_CombinesCountryAndAs()
    {
        var asn = Write("ip2asn-v4.tsv", "131.188.0.0\t131.188.255.255\t680\tDE\tDFN Verein zur Foerderung eines Deutschen Forschungsnetzes e.V.\n");
        var locator = AddressLocator.Load(new GeoIpOptions { AsnPath = asn });

        Assert.Equal(
            new AddressLocation("de", "Germany", "AS680", "DFN Verein zur Foerderung eines Deutschen Forschungsnetzes e.V."),
            locator.Locate(IPAddress.Parse("131.188.40.189")));
    }

    [Fact]
    public void Load_MalformedAsnLine_NamesFileAndLine()
    {
        var asn = Write("bad.tsv", "1.0.0.0\t1.0.0.255\t13335\tUS\tCLOUDFLARENET\n1.0.4.0\t1.0.7.255\tAS38803\tAU\tX\n");

        var error = Assert.Throws<FormatException>(() => AddressLocator.Load(new GeoIpOptions { GeoIpPath = "", GeoIp6Path = "", AsnPath = asn }));

        Assert.Equal($"{asn} line 2: 'AS38803' is not an AS number.", error.Message);
    }

    [Fact]
    public void Load_OverlappingGeoipRanges_Rejected()
    {
        var geoip = Write("geoip", "16777216,16777471,AU\n16777400,16777727,CN\n");

        var error = Assert.Throws<InvalidDataException>(() => AddressLocator.Load(new GeoIpOptions { GeoIpPath = geoip, GeoIp6Path = "" }));

        Assert.Contains("overlaps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConfiguredFileMissing_FailsNamingTheKey()
    {
        var result = new GeoIpOptionsValidator().Validate(null, new GeoIpOptions { AsnPath = Path.Combine(_directory, "missing.tsv") });

        Assert.True(result.Failed);
        Assert.Contains("Onionoo:GeoIp:AsnPath", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new GeoIpOptionsValidator().Validate(null, new GeoIpOptions { GeoIpPath = "", GeoIp6Path = "" }).Succeeded);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static int CountRanges(string path) =>
        File.ReadLines(path).Count(l => l.Length > 0 && l[0] != '#' && !l.EndsWith(",??", StringComparison.Ordinal));

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
