namespace TorMetrics.Domain.Synthetic.Tables;

/// <summary>
/// Bridge distributions, derived 2026-11-21 from shared/samples: flags, weights, IPv6 and nicknames from
/// bridge-network-status/20190501-002857-BA44A889E64B93FAA2B114E02C2A279A8555C533 (1,297 bridges, the newest full
/// status); bandwidth lines and distribution requests from the 26 bridge server descriptors under
/// bridge-server-descriptor/; transports, <c>dirreq-v3-resp</c> and <c>bridge-ips</c> figures from the 26 distinct
/// bridge extra-infos under bridge-extra-info/ and bridges/. Where the samples are older than today's network
/// (transport names, rdsys distributors) the table says what was assumed instead.
/// </summary>
public static class BridgeTables
{
    /// <summary>The ten most common flag combinations (2019 status, 1,208 of 1,297 bridges), merged after taking out
    /// Running, which is decided hour by hour.</summary>
    public static readonly WeightedTable<string[]> Flags = new((IEnumerable<(string[], double)>)
    [
        (F("Fast V2Dir"), 252 + 167), (F("Fast HSDir Stable V2Dir"), 344), (F("Fast Guard HSDir Stable V2Dir"), 189),
        (F("Fast Stable V2Dir"), 99), (F("V2Dir"), 42 + 26), (F("Stable V2Dir"), 66), (F("Fast Stable"), 49),
        (F("Fast Guard Stable V2Dir"), 26),
    ]);

    /// <summary>Share of listed bridges with the Running flag (2019: 988 of 1,297).</summary>
    public const double RunningShare = .7618;

    /// <summary><c>w Bandwidth=</c> quantiles (2019).</summary>
    public static readonly QuantileTable Weight = new(
        (0, 0), (.05, 9), (.1, 52), (.2, 55), (.3, 57), (.4, 64), (.5, 79), (.6, 128), (.7, 409), (.8, 909), (.9, 1640),
        (.95, 2454), (.98, 4736), (.99, 8449), (1, 10000));

    public const double Ipv6Share = .1527;

    public const double UnnamedShare = .3446;

    /// <summary>Bridge descriptors leaving rate and burst at 1 GiB (20 of 26); observed bandwidth quantiles.</summary>
    public const double UnlimitedRateShare = 20.0 / 26;

    public static readonly QuantileTable Observed = new((0, 7823), (.1, 10604), (.25, 56431), (.5, 87469), (.75, 433403), (.9, 779171), (1, 2428592));

    /// <summary><c>bridge-distribution-request</c> lines (3 of 26, all <c>any</c>).</summary>
    public const double DistributionRequestShare = 3.0 / 26;

    /// <summary>
    /// Transports. In the samples 18 of 26 bridges had one: obfs4 in 13 (alone in 6), obfs3/scramblesuit/fte (gone
    /// from today's network) in the others. Kept: the share without transports and obfs4's lead; assumed: webtunnel,
    /// snowflake and meek_lite take the place of the retired ones, and a few bridges still offer several.
    /// </summary>
    public static readonly WeightedTable<string[]> Transports = new((IEnumerable<(string[], double)>)
    [
        ([], 8), (["obfs4"], 11), (["webtunnel"], 3), (["obfs4", "webtunnel"], 1), (["obfs3", "obfs4", "scramblesuit"], 1),
        (["meek_lite"], .6), (["snowflake"], .4),
    ]);

    /// <summary>
    /// Pool assignment distributors. The 2022 sample line reads <c>moat transport=obfs4 ip=4 blocklist=ru</c>; the
    /// 2011 excerpt has <c>unallocated</c>, <c>email</c>, <c>https</c>. The shares are assumed (rdsys's distributors).
    /// </summary>
    public static readonly WeightedTable<string> Distributors = new((IEnumerable<(string, double)>)
    [
        ("https", 30), ("moat", 25), ("email", 15), ("telegram", 8), ("settings", 7), ("unallocated", 10), ("none", 5),
    ]);

    /// <summary>Assignments carrying a <c>blocklist=</c> (assumed), and the countries named.</summary>
    public const double BlocklistShare = .05;

    public static readonly WeightedTable<string> BlocklistCountries = new((IEnumerable<(string, double)>)
    [
        ("ru", 6), ("ir", 3), ("cn", 2), ("tm", 1), ("by", 1),
    ]);

    /// <summary>
    /// <c>dirreq-v3-resp ok=</c> per 24-hour interval (19 samples: 0, 0, 0, 8 ×9, 24, 32, 48, 64, 72, 11456), the
    /// figure Onionoo's clients documents divide by ten; <c>not-modified</c> runs at about the same size.
    /// </summary>
    public static readonly QuantileTable DirreqOk = new((0, 0), (.16, 0), (.2, 8), (.65, 8), (.7, 24), (.75, 32), (.8, 48), (.85, 64), (.9, 72), (.97, 2000), (1, 11456));

    /// <summary>Sum of <c>bridge-ips</c> values per interval (20 samples), quantiles.</summary>
    public static readonly QuantileTable BridgeIpsTotal = new((0, 0), (.15, 8), (.3, 16), (.5, 40), (.7, 64), (.85, 136), (.95, 160), (1, 38528));

    /// <summary>Client countries of bridge users (sum of all sampled <c>bridge-ips</c>, 39,424 addresses), top 30.</summary>
    public static readonly WeightedTable<string> ClientCountries = new((IEnumerable<(string, double)>)
    [
        ("ru", .1672), ("ua", .1293), ("us", .124), ("tr", .0923), ("de", .0392), ("gb", .0386), ("ir", .0327), ("in", .0284),
        ("by", .0264), ("eg", .0252), ("fr", .0175), ("jp", .0144), ("ca", .0124), ("br", .0124), ("nl", .0116), ("sa", .0108),
        ("au", .0108), ("it", .0101), ("id", .0077), ("es", .0075), ("mx", .0073), ("ae", .0069), ("cn", .0059), ("dz", .0059),
        ("bd", .0055), ("se", .0051), ("pl", .0051), ("ph", .0045), ("my", .0041), ("ro", .0039),
    ]);

    private static string[] F(string flags) => flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
