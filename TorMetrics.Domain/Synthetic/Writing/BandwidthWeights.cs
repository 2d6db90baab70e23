namespace TorMetrics.Domain.Synthetic.Writing;

/// <summary>
/// The consensus <c>bandwidth-weights</c> line (dir-spec §3.8.3) from the weights of guards (G), middles (M), exits
/// (E) and relays that are both (D); BadExit relays count as non-exits. Cases 1 (neither scarce), 2a and 3 (one
/// scarce) follow the spec; case 2b (both scarce but balanceable) is approximated by splitting D evenly, which the
/// sample-derived distributions never reach (they fall in case 3a, like the 2022 and 2024 consensuses).
/// </summary>
public static class BandwidthWeights
{
    public const long Scale = 10000;

    public static IReadOnlyList<(string Key, long Value)> Compute(double g, double m, double e, double d)
    {
        double t = g + m + e + d;
        double wgg, wgd, wmg, wme, wmd, wee, wed;
        if (t <= 0)
        {
            wgg = wee = Scale;
            wgd = wed = wmd = Scale / 3.0;
            wmg = wme = 0;
        }
        else if (3 * e >= t && 3 * g >= t)
        {
            wgd = wed = wmd = Scale / 3.0;
            wee = Scale * (e + g + m) / (3 * e);
            wme = Scale - wee;
            wmg = Scale * ((2 * g) - e - m) / (3 * g);
            wgg = Scale - wmg;
        }
        else if (3 * e < t && 3 * g < t)
        {
            double r = Math.Min(e, g);
            double s = Math.Max(e, g);
            wgg = wee = Scale;
            wmg = wme = 0;
            if (r + d < s)
            {
                wmd = 0;
                (wed, wgd) = e < g ? ((double)Scale, 0.0) : (0.0, (double)Scale);
            }
            else
            {
                wmd = 0;
                wed = Math.Clamp(Scale * (d - (2 * e) + g + m) / (3 * d), 0, Scale);
                wgd = Scale - wed;
            }
        }
        else if (3 * e < t)
        {
            // Exits scarce: give them all of D unless that overshoots a third.
            wee = wed = Scale;
            wgd = wmd = wme = 0;
            if (e + d < t / 3)
            {
                wgg = Scale * (g + m) / (2 * g);
                wmg = Scale - wgg;
            }
            else
            {
                wed = Scale * (d - (2 * e) + g + m) / (3 * d);
                wgd = Scale - wed;
                wgg = Scale * (g + m) / (2 * g);
                wmg = Scale - wgg;
            }
        }
        else
        {
            wgg = wgd = Scale;
            wmd = wed = wmg = 0;
            if (g + d < t / 3)
            {
                wee = Scale * (e + m) / (2 * e);
                wme = Scale - wee;
            }
            else
            {
                wgd = Scale * (d - (2 * g) + e + m) / (3 * d);
                wed = Scale - wgd;
                wee = Scale * (e + m) / (2 * e);
                wme = Scale - wee;
            }
        }

        static long R(double v) => (long)Math.Round(Math.Clamp(v, 0, Scale), MidpointRounding.AwayFromZero);
        return
        [
            ("Wbd", R(wmd)), ("Wbe", R(wme)), ("Wbg", R(wmg)), ("Wbm", Scale), ("Wdb", Scale), ("Web", Scale), ("Wed", R(wed)),
            ("Wee", R(wee)), ("Weg", R(wed)), ("Wem", R(wee)), ("Wgb", Scale), ("Wgd", R(wgd)), ("Wgg", R(wgg)), ("Wgm", R(wgg)),
            ("Wmb", Scale), ("Wmd", R(wmd)), ("Wme", R(wme)), ("Wmg", R(wmg)), ("Wmm", Scale),
        ];
    }
}
