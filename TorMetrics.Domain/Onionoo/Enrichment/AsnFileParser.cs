using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TorMetrics.Domain.Onionoo.Enrichment;

/// <summary>
/// Reads iptoasn.com's <c>ip2asn-v4.tsv</c>, <c>ip2asn-v6.tsv</c> or <c>ip2asn-combined.tsv</c>: one range per line,
/// tab-separated <c>first last AS-number country description</c>, addresses as text. AS number 0 is iptoasn's
/// "Not routed" and is skipped, so those addresses read as unknown. Blank lines and <c>#</c> lines are ignored.
/// </summary>
internal static class AsnFileParser
{
    public static (AddressRangeTable<uint, AutonomousSystemEntry> V4, AddressRangeTable<UInt128, AutonomousSystemEntry> V6)
        Parse(TextReader reader, string source)
    {
        var v4 = new AddressRangeTable<uint, AutonomousSystemEntry>.Builder(source);
        var v6 = new AddressRangeTable<UInt128, AutonomousSystemEntry>.Builder(source);
        var systems = new Dictionary<long, AutonomousSystemEntry>();
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            var fields = text.Split('\t');
            if (fields.Length < 3)
            {
                throw new FormatException($"{source} line {number}: expected tab-separated 'first last AS-number country description'.");
            }

            if (!IPAddress.TryParse(fields[0], out var first) || !IPAddress.TryParse(fields[1], out var last)
                || first.AddressFamily != last.AddressFamily)
            {
                throw new FormatException($"{source} line {number}: '{fields[0]}' to '{fields[1]}' is not an address range.");
            }

            if (!long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var asNumber) || asNumber > uint.MaxValue)
            {
                throw new FormatException($"{source} line {number}: '{fields[2]}' is not an AS number.");
            }

            if (asNumber == 0)
            {
                continue;
            }

            if (!systems.TryGetValue(asNumber, out var system))
            {
                var name = fields.Length > 4 ? fields[4].Trim() : "";
                system = new AutonomousSystemEntry(
                    "AS" + asNumber.ToString(CultureInfo.InvariantCulture), name.Length == 0 ? null : name);
                systems.Add(asNumber, system);
            }

            if (first.AddressFamily == AddressFamily.InterNetwork)
            {
                Add(v4, AddressKeys.ToUInt32(first), AddressKeys.ToUInt32(last), system, source, number);
            }
            else
            {
                Add(v6, AddressKeys.ToUInt128(first), AddressKeys.ToUInt128(last), system, source, number);
            }
        }

        return (v4.Build(), v6.Build());
    }

    private static void Add<TKey>(
        AddressRangeTable<TKey, AutonomousSystemEntry>.Builder builder, TKey first, TKey last,
        AutonomousSystemEntry system, string source, int line)
        where TKey : struct, IComparable<TKey>
    {
        if (first.CompareTo(last) > 0)
        {
            throw new FormatException($"{source} line {line}: the range ends before it starts.");
        }

        builder.Add(first, last, system);
    }
}
