using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using TorMetrics.Domain.Onionoo.Enrichment;

namespace TorMetrics.Web.Cli;

/// <summary>
/// <c>benchmark geoip</c>: how long the address databases take to load and how fast lookups are. The reference, in
/// the same run, is reading the same files line by line without parsing them. The first load's CPU time is printed
/// too: on a shared machine it says more than the wall clock.
/// </summary>
internal static class GeoIpBenchmarkCommand
{
    private const int Lookups = 1_000_000;

    public static Command Create()
    {
        var defaults = new GeoIpOptions();
        var geoip = new Option<string>("--geoip") { Description = "tor's IPv4 geoip file.", DefaultValueFactory = _ => defaults.GeoIpPath! };
        var geoip6 = new Option<string>("--geoip6") { Description = "tor's geoip6 file.", DefaultValueFactory = _ => defaults.GeoIp6Path! };
        var asn = new Option<string?>("--asn") { Description = "An iptoasn ip2asn TSV file (optional)." };
        var command = new Command("geoip", "Load time of the GeoIP/AS files and lookups per second.") { geoip, geoip6, asn };
        command.SetAction(p => Run(new GeoIpOptions
        {
            GeoIpPath = p.GetValue(geoip),
            GeoIp6Path = p.GetValue(geoip6),
            AsnPath = p.GetValue(asn),
        }));
        return command;
    }

    private static int Run(GeoIpOptions options)
    {
        var files = new[] { options.GeoIpPath, options.GeoIp6Path, options.AsnPath }.Where(p => !string.IsNullOrEmpty(p)).Cast<string>().ToList();
        var lines = 0L;
        var read = Time(() => lines = files.Sum(f => File.ReadLines(f).LongCount()));

        // The first load includes JIT compilation; later ones show the steady cost of a reload.
        AddressLocator locator = null!;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var first = Time(() => locator = AddressLocator.Load(options));
        var firstCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var best = Enumerable.Range(0, 3).Min(_ => Time(() => AddressLocator.Load(options)));

        var random = new Random(4);
        var v4 = Enumerable.Range(0, Lookups).Select(_ => new IPAddress(random.NextInt64(0, 1L << 32))).ToArray();
        var v6 = Enumerable.Range(0, Lookups).Select(_ =>
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[0] = (byte)(0x20 | (bytes[0] & 0x1f)); // 2000::/3, where the routed IPv6 space is
            return new IPAddress(bytes);
        }).ToArray();
        var located = 0;
        var v4Time = Time(() => located = v4.Count(a => locator.Locate(a).CountryCode is not null));
        var v6Time = Time(() => v6.Count(a => locator.Locate(a).CountryCode is not null));

        var f = locator.Figures;
        Write($"files: {string.Join(", ", files)}");
        Write($"lines: {lines}; ranges: {f.CountryRangesV4} IPv4 + {f.CountryRangesV6} IPv6 country, {f.AsRangesV4 + f.AsRangesV6} AS");
        Write($"reference, reading the lines unparsed: {read:0} ms");
        Write($"load, first (with JIT): {first:0} ms wall clock, {firstCpu:0} ms CPU (all threads, JIT included); best of 3 reloads: {best:0} ms; best/reference: {best / read:0.00}");
        Write($"lookups: IPv4 {Lookups / v4Time * 1000:0,0}/s ({located * 100.0 / Lookups:0.0} % of random addresses located), IPv6 {Lookups / v6Time * 1000:0,0}/s");
        return 0;
    }

    private static double Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static void Write(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
