namespace TorMetrics.Domain.Synthetic.Tables;

/// <summary>
/// Relay distributions, derived once on 2026-11-21 from the shared sample corpus (shared/samples) by a throw-away
/// script; no sample file is read at run time. Sources, by table:
/// <list type="bullet">
/// <item>flags, weights, versions, ORPorts, IPv6, nicknames, Unmeasured, protocols, header lines:
/// network-status-microdesc-consensus-3/2024-05-17-17-00-00-cached-microdesc-consensus (7,195 relays, the newest);</item>
/// <item>exit policy summaries: network-status-consensus-3/2022-11-19-10-00-00-cached-consensus (6,088 relays);</item>
/// <item>OS, contacts, families, exit policy lines, rates, hibernating, descriptor keywords:
/// server-descriptor/2020-02-29-10-05-00-server-descriptors (587 descriptors);</item>
/// <item>churn and address changes: the 2020-02-29 10:00 and 11:00 and 2020-03-05 10:00 consensuses
/// (network-status-consensus-3/ and sbws/sbws-tests/network/).</item>
/// </list>
/// Counts are kept as found, so a table reads as "how many of the sample had this".
/// </summary>
public static class RelayTables
{
    /// <summary>Flag combinations (Running, Valid implied) with relay counts, weight quantiles and IPv6 share (2024).</summary>
    public static readonly WeightedTable<FlagProfile> FlagProfiles = new((IEnumerable<(FlagProfile, double)>)
    [
        (P("Fast Guard HSDir Stable V2Dir", [20, 3300, 5900, 12000, 23000, 40000, 160000], .46), 1972),
        (P("Exit Fast Guard HSDir Stable V2Dir", [1300, 2800, 4800, 8700, 13000, 18000, 95000], .59), 843),
        (P("Fast Guard Stable V2Dir", [1100, 3600, 6000, 12000, 24000, 38000, 190000], .50), 744),
        (P("Exit Fast Stable", [110, 5400, 7900, 10000, 13000, 16000, 38000], .96), 592),
        (P("Fast V2Dir", [1, 270, 970, 6000, 19000, 40000, 200000], .32), 591),
        (P("Fast HSDir Stable V2Dir", [100, 250, 530, 1000, 1900, 13000, 120000], .34), 538),
        (P("Fast Stable", [120, 460, 1300, 6300, 13000, 19000, 67000], .41), 351),
        (P("Exit Fast Guard Stable V2Dir", [1300, 2600, 5000, 9300, 15000, 20000, 53000], .57), 322),
        (P("Fast Stable V2Dir", [20, 180, 540, 1100, 3100, 16000, 67000], .32), 306),
        (P("Exit Fast HSDir Stable V2Dir", [170, 750, 1300, 4600, 8800, 14000, 87000], .45), 288),
        (P("Stable V2Dir", [1, 10, 12, 29, 45, 77, 100], .22), 158),
        (P("Fast", [1, 280, 820, 2500, 8200, 25000, 66000], .45), 96),
        (P("V2Dir", [1, 1, 1, 1, 12, 41, 100], .34), 95),
        (P("Exit Fast Stable V2Dir", [77, 370, 1100, 1500, 2100, 6800, 22000], .16), 77),
        (P("Stable", [2, 2, 2, 12, 41, 84, 100], .21), 61),
        (P("Exit Fast V2Dir", [1, 320, 630, 5100, 10000, 12000, 13000], .79), 39),
        (P("Exit V2Dir", [1, 1, 1, 1, 20, 160, 1400], .10), 28),
        (P("", [1, 1, 1, 20, 28, 29, 3400], .26), 23),
        (P("Exit", [1, 1, 1, 1, 1, 1, 1], .09), 11),
        (P("Fast StaleDesc V2Dir", [150, 150, 14000, 38000, 81000, 200000, 200000], .38), 8),
        (P("Exit Stable V2Dir", [1, 1, 8, 55, 74, 82, 82], 0), 7),
        (P("Exit Fast", [1700, 1700, 2900, 7000, 13000, 25000, 25000], .57), 7),
        (P("Fast Guard Stable StaleDesc V2Dir", [4300, 4300, 5600, 13000, 15000, 25000, 25000], .60), 5),
        (P("BadExit Fast MiddleOnly Stable", [1100, 1100, 1700, 2800, 10000, 16000, 16000], 0), 5),
        (P("Exit Stable", [10, 10, 11, 12, 63, 63, 63], .25), 4),
        (P("Fast Guard HSDir StaleDesc Stable V2Dir", [7800, 7800, 7800, 7900, 10000, 10000, 10000], .33), 3),
        (P("BadExit Exit Fast Stable V2Dir", [400, 400, 400, 1600, 1600, 1600, 1600], .5), 2),
    ]);

    /// <summary>Share of entries with <c>Unmeasured=1</c> (2024): 47 of 7,195; most are new relays and authorities.</summary>
    public const double UnmeasuredShare = 47.0 / 7195;

    /// <summary><c>v</c> lines (2024).</summary>
    public static readonly WeightedTable<string> Versions = new((IEnumerable<(string, double)>)
    [
        ("0.4.8.11", 4418), ("0.4.8.10", 2044), ("0.4.8.8", 183), ("0.4.9.0-alpha-dev", 161), ("0.4.8.9", 146),
        ("0.4.8.7", 106), ("0.4.8.0-alpha-dev", 51), ("0.4.8.6", 37), ("0.4.8.4", 22), ("0.4.8.5", 20),
        ("0.4.8.1-alpha-dev", 4), ("0.4.8.11-dev", 2), ("0.4.8.8-dev", 1),
    ]);

    /// <summary>Operating system part of <c>platform</c> lines (2020).</summary>
    public static readonly WeightedTable<string> OperatingSystems = new((IEnumerable<(string, double)>)
    [
        ("Linux", 549), ("FreeBSD", 19), ("OpenBSD", 8), ("Windows 7", 5), ("Windows Server 2012 [or later]", 3),
        ("Windows 8 [or later]", 1), ("NetBSD", 1), ("Windows 8 [server]", 1),
    ]);

    /// <summary>ORPorts (2024): the twelve most used; the remaining 4.5 % (<see cref="OtherOrPortShare"/>) are spread.</summary>
    public static readonly WeightedTable<int> OrPorts = new((IEnumerable<(int, double)>)
    [
        (9001, .306), (443, .2773), (9000, .0371), (9002, .0278), (9100, .0259), (8443, .0218), (9003, .0204),
        (9004, .0147), (80, .0115), (8080, .0107), (9005, .0082), (143, .0079), (0, OtherOrPortShare),
    ]);

    /// <summary>Share of ORPorts outside the list above (1 − their sum).</summary>
    public const double OtherOrPortShare = 1 - .5634;

    /// <summary>Relays with a non-zero DirPort (2024: 10 of 7,195, mostly authorities).</summary>
    public const double DirPortShare = 10.0 / 7195;

    /// <summary>The <c>pr</c> line of 7,135 of 7,195 relays (2024); server descriptors write it as <c>proto</c>.</summary>
    public const string Protocols =
        "Conflux=1 Cons=1-2 Desc=1-2 DirCache=2 FlowCtrl=1-2 HSDir=2 HSIntro=4-5 HSRend=1-2 Link=1-5 LinkAuth=1,3 Microdesc=1-2 Padding=2 Relay=1-4";

    /// <summary>Nickname shapes (2024): "Unnamed" 4.0 %, a digit suffix 29.6 %, length quantiles 10/25/50/75/90 %.</summary>
    public const double UnnamedShare = .0403;

    public const double DigitSuffixShare = .2965;

    public static readonly QuantileTable NicknameLength = new((0, 3), (.1, 5), (.25, 7), (.5, 9), (.75, 12), (.9, 15), (1, 19));

    /// <summary>Contact line shapes (2020: 309 none, 212 mail, 39 PGP and mail, 23 other, 4 URL of 587). CIISS
    /// strings (<c>email:… url:… proof:uri-rsa ciissversion:2</c>) appear in the 2022 consensus header (dizum) but not
    /// in the 2020 descriptors; 40 of the "mail" weight is given to them so searches meet the form.</summary>
    public static readonly WeightedTable<ContactShape> Contacts = new((IEnumerable<(ContactShape, double)>)
    [
        (ContactShape.None, 309), (ContactShape.Mail, 172), (ContactShape.Ciiss, 40), (ContactShape.PgpAndMail, 39),
        (ContactShape.Other, 23), (ContactShape.Url, 4),
    ]);

    /// <summary>
    /// Members listed on the <c>family</c> lines of descriptors that have one (2020: 126 of 587 descriptors), counted per
    /// descriptor, so large operators weigh by their size. 80 % list themselves; of 119 member pairs both of whose
    /// descriptors are in the sample, 116 are mutual.
    /// </summary>
    public static readonly (int Members, int Descriptors)[] FamilyLineLengths =
    [
        (1, 8), (2, 25), (3, 21), (4, 12), (5, 5), (6, 14), (7, 1), (9, 2), (10, 2), (12, 3), (13, 1), (14, 5), (16, 3),
        (18, 1), (20, 1), (22, 1), (23, 2), (26, 2), (27, 1), (32, 3), (50, 2), (61, 5), (82, 4), (85, 2),
    ];

    /// <summary>Family sizes per family (not per descriptor): a family of n members wrote n of the counted lines.</summary>
    public static readonly WeightedTable<int> FamilySizes =
        new(FamilyLineLengths.Select(f => (Math.Max(2, f.Members), (double)f.Descriptors / Math.Max(2, f.Members))));

    public const double InFamilyShare = 126.0 / 587;

    public const double FamilyIncludesSelfShare = 100.0 / 125;

    public const double FamilyOneSidedShare = 3.0 / 119;

    /// <summary>Bandwidth rate (2020): 222 of 587 leave it at tor's default 1 GiB; quantiles of the others.</summary>
    public const double UnlimitedRateShare = 222.0 / 587;

    public const long UnlimitedRate = 1073741824;

    public static readonly QuantileTable LimitedRate = new((0, 51200), (.1, 196608), (.25, 614400), (.5, 4194304), (.75, 5242880), (.9, 20971520), (1, 194560000));

    /// <summary>Burst over rate among limited relays (2020); 8 % set burst equal to rate.</summary>
    public static readonly QuantileTable BurstOverRate = new((0, 1), (.1, 1.02), (.25, 1.27), (.5, 1.5), (.75, 2), (.9, 6), (1, 10));

    /// <summary>Descriptors with <c>hibernating 1</c> (2020: 12 of 587, 2 %). Modelled as one spell of 1–3 days
    /// for 6 % of relays, which keeps about 1.3 % hibernating at any hour.</summary>
    public const double HibernatingShare = 12.0 / 587;

    public const double HibernationSpellShare = .06;

    /// <summary>Descriptor keywords (2020): <c>caches-extra-info</c> 8 %, <c>hidden-service-dir</c> 99.5 %.</summary>
    public const double CachesExtraInfoShare = 47.0 / 587;

    /// <summary>Exits whose descriptor has an <c>ipv6-policy</c> (2020: 16 of 92 exit policies), per exit with IPv6.</summary>
    public const double Ipv6PolicyShareOfIpv6Exits = 16.0 / 92 / .55;

    /// <summary>
    /// Churn (2020-02-29 10:00 → 11:00: 42 of 6,433 gone, 72 of 6,463 new; → 2020-03-05 10:00: 5.8 % gone, 7.2 % new,
    /// 5.3 % of the remaining relays changed IPv4 address, 1.2 % only the ORPort). Per day over five days:
    /// </summary>
    public const double LeavePerDay = .0577 / 5;

    public const double JoinPerDay = .072 / 5;

    public const double AddressChangePerDay = .0526 / 5;

    public const double PortChangePerDay = .0115 / 5;

    /// <summary>Relays changing to the newest version during the period (assumed; each upgrade is a restart).</summary>
    public const double UpgradeShare = .03;

    /// <summary>Uptime in days when a descriptor was published (2020), quantiles.</summary>
    public static readonly QuantileTable UptimeDays = new((0, .05), (.1, .05), (.25, .8), (.5, 13.1), (.75, 45.4), (.9, 107.1), (1, 400));

    /// <summary>Hourly churn beyond the lasting joins and leaves: relays briefly out of the consensus (restarts).</summary>
    public const double OutageStartsPerHour = .0065 - (.0577 / 120);

    private static FlagProfile P(string flags, double[] weight, double ipv6) =>
        new(flags.Split(' ', StringSplitOptions.RemoveEmptyEntries), weight, ipv6);
}
