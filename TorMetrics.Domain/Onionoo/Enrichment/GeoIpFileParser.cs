using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// Reads tor's <c>geoip</c> and <c>geoip6</c> files (Debian's <c>tor-geoipdb</c>, converted from the IPFire location
/// database): <c>#</c> comments and lines <c>first,last,CC</c>. IPv4 addresses are 32-bit integers (dotted quads are
/// accepted too), IPv6 addresses are text. <c>??</c> marks a range with no country and is skipped, so it reads as
/// unknown. Country codes come out lower-case, one string instance per code.
/// </summary>
internal static class GeoIpFileParser
{
    private const string NoCountry = "??";

    public static AddressRangeTable<uint, string> ParseIPv4(TextReader reader, string source)
    {
        var builder = new AddressRangeTable<uint, string>.Builder(source);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        Read(reader, source, (first, last, code, line) =>
        {
            var from = ParseIPv4Address(first, source, line);
            var to = ParseIPv4Address(last, source, line);
            Add(builder, from, to, code, codes, source, line);
        });
        return builder.Build();
    }

    public static AddressRangeTable<UInt128, string> ParseIPv6(TextReader reader, string source)
    {
        var builder = new AddressRangeTable<UInt128, string>.Builder(source);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        Read(reader, source, (first, last, code, line) =>
        {
            var from = ParseIPv6Address(first, source, line);
            var to = ParseIPv6Address(last, source, line);
            Add(builder, from, to, code, codes, source, line);
        });
        return builder.Build();
    }

    private delegate void RangeLine(ReadOnlySpan<char> first, ReadOnlySpan<char> last, ReadOnlySpan<char> code, int line);

    private static void Read(TextReader reader, string source, RangeLine onRange)
    {
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            var line = text.AsSpan().Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var firstComma = line.IndexOf(',');
            var lastComma = line.LastIndexOf(',');
            if (firstComma <= 0 || lastComma == firstComma)
            {
                throw new FormatException($"{source} line {number}: expected 'first,last,CC'.");
            }

            onRange(line[..firstComma], line[(firstComma + 1)..lastComma], line[(lastComma + 1)..], number);
        }
    }

    private static void Add<TKey>(
        AddressRangeTable<TKey, string>.Builder builder, TKey from, TKey to, ReadOnlySpan<char> code,
        Dictionary<string, string> codes, string source, int line)
        where TKey : struct, IComparable<TKey>
    {
        if (from.CompareTo(to) > 0)
        {
            throw new FormatException($"{source} line {line}: the range ends before it starts.");
        }

        if (code.SequenceEqual(NoCountry))
        {
            return;
        }

        if (code.Length != 2 || !char.IsAsciiLetter(code[0]) || !char.IsAsciiLetter(code[1]))
        {
            throw new FormatException($"{source} line {line}: '{code}' is not a two-letter country code.");
        }

        builder.Add(from, to, Intern(code, codes));
    }

    private static string Intern(ReadOnlySpan<char> code, Dictionary<string, string> codes)
    {
        // ASCII letters only (checked above): setting bit 5 lower-cases without any culture.
        Span<char> lower = [(char)(code[0] | 0x20), (char)(code[1] | 0x20)];
        var lookup = codes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(lower, out var interned))
        {
            interned = new string(lower);
            codes.Add(interned, interned);
        }

        return interned;
    }

    private static uint ParseIPv4Address(ReadOnlySpan<char> text, string source, int line)
    {
        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork)
        {
            return AddressKeys.ToUInt32(address);
        }

        throw new FormatException($"{source} line {line}: '{text}' is not an IPv4 address.");
    }

    private static UInt128 ParseIPv6Address(ReadOnlySpan<char> text, string source, int line)
    {
        if (IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return AddressKeys.ToUInt128(address);
        }

        throw new FormatException($"{source} line {line}: '{text}' is not an IPv6 address.");
    }
}
