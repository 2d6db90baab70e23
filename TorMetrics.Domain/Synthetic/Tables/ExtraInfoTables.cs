namespace TorMetrics.Domain.Synthetic.Tables;

/// <summary>
/// Relay extra-info shapes, derived 2026-11-21 from the 24 relay extra-infos under shared/samples/extra-info/
/// (2016, 2017, 2021). Since tor 0.4.0 histories cover 24-hour intervals, five of them (all three 2021 descriptors:
/// <c>(86400 s)</c> with 5 values); older 14400 s and 900 s shapes are not reproduced.
/// </summary>
public static class ExtraInfoTables
{
    public const int HistoryIntervalSeconds = 86400;

    public const int HistoryValues = 5;

    /// <summary>Keyword shares: geoip digests 19/24, dirreq statistics 14/24, hidserv statistics 11/24,
    /// padding-counts 3 of the 3 from 2021, overload-ratelimits 1/24.</summary>
    public const double GeoipDigestShare = 19.0 / 24;

    public const double DirreqStatsShare = 14.0 / 24;

    public const double HidservStatsShare = 11.0 / 24;

    public const double PaddingCountsShare = 1.0;

    /// <summary>Written over read bytes, quantiles of 24 relays (most relays forward what they receive).</summary>
    public static readonly QuantileTable WriteOverRead = new((0, .095), (.1, .23), (.25, .93), (.5, 1.003), (.75, 1.01), (.9, 1.031), (1, 1.346));

    /// <summary>Directory clients' countries (sum of the relay samples' <c>dirreq-v3-reqs</c>), top 30.</summary>
    public static readonly WeightedTable<string> ClientCountries = new((IEnumerable<(string, double)>)
    [
        ("us", .1667), ("de", .0851), ("ru", .0851), ("fr", .0496), ("nl", .0426), ("es", .0248), ("ua", .0248), ("gb", .0213),
        ("it", .0213), ("jp", .0213), ("pl", .0213), ("ca", .0213), ("ar", .0177), ("br", .0177), ("ch", .0142), ("ie", .0142),
        ("th", .0142), ("fi", .0142), ("tw", .0106), ("vn", .0106), ("??", .0106), ("ae", .0106), ("at", .0106), ("co", .0106),
        ("hk", .0106), ("hu", .0106), ("mx", .0106), ("se", .0106), ("cz", .0106), ("il", .0106),
    ]);

    /// <summary><c>dirreq-v3-resp ok=</c> of directory caches (14 samples: 0 ×6, 16, 32 ×2, 128, 408, 720, …).</summary>
    public static readonly QuantileTable DirreqOk = new((0, 0), (.43, 0), (.5, 16), (.65, 32), (.8, 128), (.9, 408), (1, 720));

    /// <summary>Overload figures are not in the samples but in tor since 0.4.6 (assumed shares of relays).</summary>
    public const double OverloadGeneralShare = .03;

    public const double OverloadFdExhaustedShare = .01;
}
