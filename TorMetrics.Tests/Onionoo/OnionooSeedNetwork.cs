using System.Globalization;
using System.Text;

namespace TorMetrics.Tests.Onionoo;

/// <summary>
/// A network of three relays and three bridges, written as real descriptor files (our own, not samples), whose
/// every Onionoo-relevant property is known: which relay is running, first seen, families, versions, addresses.
/// Times are relative to <see cref="ValidAfter"/>, the newest consensus; <see cref="Now"/> is half an hour later.
/// </summary>
public static class OnionooSeedNetwork
{
    public static readonly DateTime ValidAfter = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Now = ValidAfter.AddMinutes(30);
    public static readonly DateTime BridgesPublished = ValidAfter.AddMinutes(6);

    // Alpha1: exit and guard, first seen 10 days ago, moved address five hours ago, recommended version, running.
    public const string Alpha = "1111AAAA2222BBBB3333CCCC4444DDDD5555EEEE";
    // Beta2: guard, first seen 2 days ago, overloaded, unrecommended version, running.
    public const string Beta = "6666FFFF7777000088881111999922220000AAAA";
    // gamma3: listed an hour ago only (not running), unmeasured, experimental version.
    public const string Gamma = "ABCDEF0123456789ABCDEF0123456789ABCDEF01";

    // Bridges are known by hashed fingerprints only.
    public const string BridgeOne = "B1B1B1B1B1B1B1B1B1B1B1B1B1B1B1B1B1B1B1B1";
    public const string BridgeTwo = "B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2";
    public const string BridgeThree = "B3B3B3B3B3B3B3B3B3B3B3B3B3B3B3B3B3B3B3B3";

    public static string WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var consensuses = new (DateTime ValidAfter, string[] Entries)[]
        {
            (ValidAfter.AddDays(-10), [AlphaEntry("198.51.100.9")]),
            (ValidAfter.AddDays(-2), [AlphaEntry("198.51.100.9"), BetaEntry()]),
            (ValidAfter.AddHours(-5), [AlphaEntry("198.51.100.1"), BetaEntry()]),
            (ValidAfter.AddHours(-4), [AlphaEntry("198.51.100.1"), BetaEntry()]),
            (ValidAfter.AddHours(-3), [AlphaEntry("198.51.100.1"), BetaEntry()]),
            (ValidAfter.AddHours(-2), [AlphaEntry("198.51.100.1"), BetaEntry()]),
            (ValidAfter.AddHours(-1), [AlphaEntry("198.51.100.1"), BetaEntry(), GammaEntry()]),
            (ValidAfter, [AlphaEntry("198.51.100.1"), BetaEntry()]),
        };
        foreach (var (validAfter, entries) in consensuses)
        {
            File.WriteAllText(Path.Combine(directory, Stamp(validAfter) + "-consensus"), Consensus(validAfter, entries));
        }

        File.WriteAllText(Path.Combine(directory, Stamp(ValidAfter) + "-server-descriptors"), string.Concat(
            ServerDescriptor("Alpha1", Alpha, "198.51.100.1", 9001, 9030, "Tor 0.4.8.10 on Linux", "Alice <alice AT example DOT org>",
                [Beta, Gamma], extra: "or-address [2001:db8::1]:9001\nor-address [2001:db8::2]:9001\nipv6-policy accept 80,443\naccept *:80\naccept *:443\nreject *:*\n"),
            ServerDescriptor("Beta2", Beta, "203.0.113.5", 443, 0, "Tor 0.4.8.9 on FreeBSD", "Bob 100% tor+bob@example.net",
                [Alpha, Gamma], extra: "overload-general 1 2026-11-20 10:00:00\nreject *:*\n"),
            ServerDescriptor("gamma3", Gamma, "192.0.2.77", 9001, 0, "Tor 0.4.9.1-alpha on Windows 10", null,
                [Beta], extra: "hibernating 1\nreject *:*\n")));
        File.WriteAllText(Path.Combine(directory, Stamp(ValidAfter) + "-extra-infos"), string.Concat(
            ExtraInfo("Alpha1", Alpha, bridge: false, ValidAfter.AddMinutes(-30), ""),
            ExtraInfo("Beta2", Beta, bridge: false, ValidAfter.AddMinutes(-30), "")));

        File.WriteAllText(Path.Combine(directory, BridgesPublished.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-bridge-status"),
            BridgeStatus(BridgesPublished, [BridgeEntry("BridgeOne", BridgeOne, "Fast Running Stable Valid"), BridgeEntry("BridgeTwo", BridgeTwo, "Running Valid")]));
        File.WriteAllText(Path.Combine(directory, ValidAfter.AddDays(-1).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-bridge-status"),
            BridgeStatus(ValidAfter.AddDays(-1), [BridgeEntry("Unnamed", BridgeThree, "Running Valid"), BridgeEntry("BridgeOne", BridgeOne, "Fast Running Valid")]));
        File.WriteAllText(Path.Combine(directory, Stamp(ValidAfter) + "-bridge-server-descriptors"), string.Concat(
            BridgeDescriptor("BridgeOne", BridgeOne, "Tor 0.4.8.10 on Linux", "bridges@example.org"),
            BridgeDescriptor("BridgeTwo", BridgeTwo, "Tor 0.4.7.16 on OpenBSD", null)));
        File.WriteAllText(Path.Combine(directory, Stamp(ValidAfter) + "-bridge-extra-infos"), string.Concat(
            ExtraInfo("BridgeOne", BridgeOne, bridge: true, ValidAfter.AddMinutes(-20),
                "transport obfs4\ndirreq-stats-end 2026-11-20 08:00:00 (86400 s)\ndirreq-v3-resp ok=804,not-enough-sigs=0,unavailable=0,not-found=0,not-modified=0,busy=0\n"),
            ExtraInfo("BridgeOne", BridgeOne, bridge: true, ValidAfter.AddDays(-1).AddMinutes(-20),
                "transport obfs4\ndirreq-stats-end 2026-11-19 08:00:00 (86400 s)\ndirreq-v3-resp ok=404,not-enough-sigs=0,unavailable=0,not-found=0,not-modified=0,busy=0\n"),
            ExtraInfo("BridgeTwo", BridgeTwo, bridge: true, ValidAfter.AddMinutes(-20), "transport webtunnel\ntransport snowflake\n")));
        File.WriteAllText(Path.Combine(directory, Stamp(ValidAfter) + "-bridge-pool-assignment"),
            "@type bridge-pool-assignment 1.0\nbridge-pool-assignment " + Time(ValidAfter.AddMinutes(-10)) + "\n" +
            BridgeOne + " moat transport=obfs4 blocklist=ru,by\n" +
            BridgeTwo + " https transport=webtunnel\n");
        return directory;
    }

    private static string AlphaEntry(string address) =>
        Entry("Alpha1", Alpha, address, 9001, 9030, "Exit Fast Guard Running Stable Valid", "Tor 0.4.8.10", "Bandwidth=3000", "accept 80,443",
            "a [2001:db8::1]:9001\n");

    private static string BetaEntry() =>
        Entry("Beta2", Beta, "203.0.113.5", 443, 0, "Fast Guard HSDir Running Stable V2Dir Valid", "Tor 0.4.8.9", "Bandwidth=2000", "reject 1-65535", "");

    private static string GammaEntry() =>
        Entry("gamma3", Gamma, "192.0.2.77", 9001, 0, "Fast Valid", "Tor 0.4.9.1-alpha", "Bandwidth=20 Unmeasured=1", "reject 1-65535", "");

    private static string Entry(string nickname, string fingerprint, string address, int orPort, int dirPort, string flags,
        string version, string weight, string policy, string aLines) =>
        $"r {nickname} {Base64(fingerprint)} {Base64(fingerprint[..38] + "00")} 2026-11-20 11:00:00 {address} {orPort} {dirPort}\n" +
        aLines + $"s {flags}\nv {version}\npr Link=1-5 Relay=1-4\nw {weight}\np {policy}\n";

    private static string Consensus(DateTime validAfter, string[] entries) =>
        "@type network-status-consensus-3 1.0\nnetwork-status-version 3\nvote-status consensus\nconsensus-method 33\n" +
        $"valid-after {Time(validAfter)}\nfresh-until {Time(validAfter.AddHours(1))}\nvalid-until {Time(validAfter.AddHours(3))}\n" +
        "voting-delay 300 300\nclient-versions 0.4.7.16,0.4.8.10\nserver-versions 0.4.7.16,0.4.8.10\n" +
        "known-flags Authority BadExit Exit Fast Guard HSDir MiddleOnly Running Stable StaleDesc Sybil V2Dir Valid\n" +
        "params CircuitPriorityHalflifeMsec=30000\n" +
        "dir-source test1 0232AF901C31A04EE9848595AF9BB7620D4C5B2E 127.0.0.1 127.0.0.1 80 443\ncontact test\n" +
        "vote-digest 6C2F5B0D52DFB3E4CA3DDEEAD690CC563CAF0601\n" +
        string.Concat(entries) +
        "directory-footer\nbandwidth-weights Wbd=0 Wbe=0 Wbg=4000 Wbm=10000 Wdb=10000 Web=10000 Wed=10000 Wee=10000 Weg=10000 " +
        "Wem=10000 Wgb=10000 Wgd=0 Wgg=6000 Wgm=6000 Wmb=10000 Wmd=0 Wme=0 Wmg=4000 Wmm=10000\n" +
        "directory-signature 0232AF901C31A04EE9848595AF9BB7620D4C5B2E 70A6DDEB6B42FD0714B8F91F3F6B366CECF4E8B9\n" +
        "-----BEGIN SIGNATURE-----\nAAAA\n-----END SIGNATURE-----\n";

    private static string ServerDescriptor(string nickname, string fingerprint, string address, int orPort, int dirPort,
        string platform, string? contact, string[] family, string extra) =>
        "@type server-descriptor 1.0\n" +
        $"router {nickname} {address} {orPort} 0 {dirPort}\nplatform {platform}\npublished {Time(ValidAfter.AddMinutes(-30))}\n" +
        $"fingerprint {Spaced(fingerprint)}\nuptime 7200\nbandwidth 1000000 2000000 500000\n" +
        (contact is null ? "" : $"contact {contact}\n") +
        "family " + string.Join(' ', family.Select(f => "$" + f)) + "\n" +
        "ntor-onion-key ZWm3r7YAgNuPyNbKUfJEQG8RmOEhEsN/8fYXk0eVjWk=\n" +
        extra +
        "router-signature\n-----BEGIN SIGNATURE-----\nAAAA\n-----END SIGNATURE-----\n";

    private static string BridgeDescriptor(string nickname, string hashed, string platform, string? contact) =>
        "@type bridge-server-descriptor 1.2\n" +
        $"router {nickname} 10.1.2.3 443 0 0\nplatform {platform}\npublished {Time(ValidAfter.AddMinutes(-40))}\n" +
        $"fingerprint {Spaced(hashed)}\nuptime 86400\nbandwidth 300000 400000 200000\n" +
        (contact is null ? "" : $"contact {contact}\n") +
        "reject *:*\nrouter-digest 5B20316B03AFC98A165A219044B6FA6CA34C58AB\n";

    private static string ExtraInfo(string nickname, string fingerprint, bool bridge, DateTime published, string extra)
    {
        var end = published.Date.AddHours(published.Hour - published.Hour % 4);
        var values = string.Join(',', Enumerable.Range(1, 18).Select(i => (i * 36_000_000L).ToString(CultureInfo.InvariantCulture)));
        return (bridge ? "@type bridge-extra-info 1.3\n" : "@type extra-info 1.0\n") +
               $"extra-info {nickname} {fingerprint}\npublished {Time(published)}\n" +
               $"write-history {Time(end)} (14400 s) {values}\nread-history {Time(end)} (14400 s) {values}\n" +
               extra +
               (bridge ? "router-digest 2CBC29AA3EE74C72A68B51B1618DA6BAD12DDA49\n" : "router-signature\n-----BEGIN SIGNATURE-----\nAAAA\n-----END SIGNATURE-----\n");
    }

    private static string BridgeStatus(DateTime published, string[] entries) =>
        "@type bridge-network-status 1.2\n" + $"published {Time(published)}\n" +
        "fingerprint 1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1\n" + string.Concat(entries);

    private static string BridgeEntry(string nickname, string hashed, string flags) =>
        $"r {nickname} {Base64(hashed)} {Base64(hashed[..38] + "11")} 2026-11-20 11:30:00 10.1.2.3 443 0\ns {flags}\nw Bandwidth=100\np reject 1-65535\n";

    private static string Base64(string hex) => Convert.ToBase64String(Convert.FromHexString(hex)).TrimEnd('=');

    private static string Spaced(string hex) => string.Join(' ', Enumerable.Range(0, 10).Select(i => hex.Substring(i * 4, 4)));

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd-HH-mm-ss", CultureInfo.InvariantCulture);

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
