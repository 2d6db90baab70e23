using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// Country and AS of an address from tor's geoip files and an optional iptoasn file, loaded once into sorted arrays.
/// Immutable after loading, so one instance serves every thread.
/// </summary>
public sealed class AddressLocator : IAddressLocator
{
    private readonly AddressRangeTable<uint, string> _countriesV4;
    private readonly AddressRangeTable<UInt128, string> _countriesV6;
    private readonly AddressRangeTable<uint, AutonomousSystemEntry> _systemsV4;
    private readonly AddressRangeTable<UInt128, AutonomousSystemEntry> _systemsV6;

    private AddressLocator(
        AddressRangeTable<uint, string> countriesV4,
        AddressRangeTable<UInt128, string> countriesV6,
        AddressRangeTable<uint, AutonomousSystemEntry> systemsV4,
        AddressRangeTable<UInt128, AutonomousSystemEntry> systemsV6,
        TimeSpan loadTime)
    {
        _countriesV4 = countriesV4;
        _countriesV6 = countriesV6;
        _systemsV4 = systemsV4;
        _systemsV6 = systemsV6;
        Figures = new AddressLocatorFigures(
            countriesV4.Count, countriesV6.Count, systemsV4.Count, systemsV6.Count, loadTime);
    }

    /// <summary>How many ranges were loaded, and how long loading took.</summary>
    public AddressLocatorFigures Figures { get; }

    /// <summary>Reads the configured files; an empty or unset path leaves that table empty.</summary>
    public static AddressLocator Load(GeoIpOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        var countriesV4 = ReadOrEmpty(options.GeoIpPath, GeoIpFileParser.ParseIPv4, AddressRangeTable<uint, string>.Empty);
        var countriesV6 = ReadOrEmpty(options.GeoIp6Path, GeoIpFileParser.ParseIPv6, AddressRangeTable<UInt128, string>.Empty);
        var systems = ReadOrEmpty(
            options.AsnPath,
            AsnFileParser.Parse,
            (V4: AddressRangeTable<uint, AutonomousSystemEntry>.Empty, V6: AddressRangeTable<UInt128, AutonomousSystemEntry>.Empty));
        return new AddressLocator(countriesV4, countriesV6, systems.V4, systems.V6, stopwatch.Elapsed);
    }

    public AddressLocation Locate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = AddressKeys.Normalize(address);
        string? country;
        AutonomousSystemEntry? system;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var key = AddressKeys.ToUInt32(address);
            country = _countriesV4.TryFind(key, out var c) ? c : null;
            system = _systemsV4.TryFind(key, out var s) ? s : null;
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var key = AddressKeys.ToUInt128(address);
            country = _countriesV6.TryFind(key, out var c) ? c : null;
            system = _systemsV6.TryFind(key, out var s) ? s : null;
        }
        else
        {
            return AddressLocation.Unknown;
        }

        if (country is null && system is null)
        {
            return AddressLocation.Unknown;
        }

        return new AddressLocation(
            country, country is null ? null : CountryNames.Find(country), system?.Number, system?.Name);
    }

    private static T ReadOrEmpty<T>(string? path, Func<TextReader, string, T> parse, T empty)
    {
        if (string.IsNullOrEmpty(path))
        {
            return empty;
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        return parse(reader, path);
    }
}
