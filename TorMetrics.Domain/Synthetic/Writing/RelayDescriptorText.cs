using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TorMetrics.Domain.Synthetic.Tables;

namespace TorMetrics.Domain.Synthetic.Writing;

/// <summary>
/// Writes a relay's server descriptor and extra-info in the layout tor 0.4.8 uses (dir-spec §2.1), with digests over
/// the ranges tor signs: SHA-1 from the first keyword through <c>\nrouter-signature\n</c>, and for the extra-info
/// also SHA-256 of the whole document, which the server descriptor's <c>extra-info-digest</c> names.
/// </summary>
public static class RelayDescriptorText
{
    /// <summary>The GeoIP file digests relays report (synthetic values, fixed for the network).</summary>
    private const string GeoipDigest = "2D8B0A1C5E2A4D1B9C0F7E3A6B5C4D3E2F1A0B9C";
    private const string Geoip6Digest = "7C1E2D3F4A5B6C7D8E9F0A1B2C3D4E5F6A7B8C9D";

    public static SignedDocument ExtraInfo(RelayPlan relay, RelayState state, ref SyntheticRandom random)
    {
        var text = new StringBuilder(2048);
        text.Append("extra-info ").Append(relay.Nickname).Append(' ').Append(relay.Fingerprint).Append('\n');
        text.Append("identity-ed25519\n");
        FakeKeys.AppendObject(text, "ED25519 CERT", IdentityCertificate(relay, state.Published, ref random));
        text.Append("published ").Append(Time(state.Published)).Append('\n');

        var end = StatisticsEnd(relay, state.Published);
        var values = Math.Min(ExtraInfoTables.HistoryValues, (int)((end - relay.StatisticsSince).TotalSeconds / ExtraInfoTables.HistoryIntervalSeconds));
        if (values > 0)
        {
            var read = DailyBytes(relay, end, values, 1.0);
            var written = read.Select(v => (long)(v * relay.WriteOverRead)).ToArray();
            History(text, "write-history", end, written);
            History(text, "read-history", end, read);
            if (relay.Ipv6Address is not null)
            {
                History(text, "ipv6-write-history", end, written.Select(v => v / 9).ToArray());
                History(text, "ipv6-read-history", end, read.Select(v => v / 9).ToArray());
            }

            if (relay.DirreqStatistics)
            {
                History(text, "dirreq-write-history", end, read.Select(v => v / 120).ToArray());
                History(text, "dirreq-read-history", end, read.Select(v => v / 2000).ToArray());
            }
        }

        if (relay.GeoipDigests || relay.DirreqStatistics)
        {
            text.Append("geoip-db-digest ").Append(GeoipDigest).Append('\n');
            text.Append("geoip6-db-digest ").Append(Geoip6Digest).Append('\n');
        }

        if (values > 0 && relay.DirreqStatistics)
        {
            DirreqStatistics(text, end, relay.DirectoryClients * Noise(relay.Index, end, 7), ExtraInfoTables.ClientCountries, ref random);
        }

        if (values > 0 && relay.HidservStatistics)
        {
            text.Append("hidserv-v3-stats-end ").Append(Time(end.Date.AddHours(12) > end ? end.Date.AddHours(-12) : end.Date.AddHours(12))).Append(" (86400 s)\n");
            text.Append(CultureInfo.InvariantCulture, $"hidserv-rend-v3-relayed-cells {random.Next(-2048, 40000)} delta_f=2048 epsilon=0.30 bin_size=1024\n");
            text.Append(CultureInfo.InvariantCulture, $"hidserv-dir-v3-onions-seen {random.Next(-16, 400)} delta_f=8 epsilon=0.30 bin_size=8\n");
        }

        if (values > 0 && relay.PaddingCounts)
        {
            long pad = (random.Next(1, 200) * 10000L) + 10000;
            text.Append("padding-counts ").Append(Time(end.AddSeconds(120))).Append(" (86400 s) bin-size=10000 write-drop=0 ")
                .Append(CultureInfo.InvariantCulture, $"write-pad={pad} write-total={pad * random.Next(20, 200)} read-drop=0 read-pad={pad} ")
                .Append(CultureInfo.InvariantCulture, $"read-total={pad * random.Next(20, 200)} enabled-read-pad={pad} enabled-read-total={pad * 4} ")
                .Append(CultureInfo.InvariantCulture, $"enabled-write-pad={pad} enabled-write-total={pad * 4} max-chanpad-timers={random.Next(0, 3000)}\n");
        }

        if (state.OverloadSince is { } overload)
        {
            text.Append("overload-ratelimits 1 ").Append(Time(overload))
                .Append(CultureInfo.InvariantCulture, $" {relay.Rate} {relay.Burst} {random.Next(1, 500)} {random.Next(1, 500)}\n");
            if (relay.FdExhausted)
            {
                text.Append("overload-fd-exhausted 1 ").Append(Time(overload)).Append('\n');
            }
        }

        return Sign(text, ref random, sha256OfWhole: true);
    }

    public static SignedDocument ServerDescriptor(RelayPlan relay, RelayState state, SignedDocument extraInfo, ref SyntheticRandom random)
    {
        var text = new StringBuilder(3072);
        text.Append(CultureInfo.InvariantCulture, $"router {relay.Nickname} {state.Address} {state.OrPort} 0 {relay.DirPort}\n");
        text.Append("identity-ed25519\n");
        FakeKeys.AppendObject(text, "ED25519 CERT", IdentityCertificate(relay, state.Published, ref random));
        text.Append("master-key-ed25519 ").Append(FakeKeys.Base64Unpadded(relay.MasterKey)).Append('\n');
        if (relay.Ipv6Address is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"or-address [{relay.Ipv6Address}]:{state.OrPort}\n");
        }

        text.Append("platform Tor ").Append(state.Version).Append(" on ").Append(relay.Os).Append('\n');
        text.Append("proto ").Append(RelayTables.Protocols).Append('\n');
        text.Append("published ").Append(Time(state.Published)).Append('\n');
        text.Append("fingerprint ").Append(SpacedFingerprint(relay.Fingerprint)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"uptime {(long)(state.Published - state.Restarted).TotalSeconds}\n");
        text.Append(CultureInfo.InvariantCulture, $"bandwidth {relay.Rate} {relay.Burst} {state.ObservedBandwidth}\n");
        text.Append("extra-info-digest ").Append(Convert.ToHexString(extraInfo.Sha1)).Append(' ')
            .Append(FakeKeys.Base64Unpadded(extraInfo.Sha256)).Append('\n');
        if (relay.CachesExtraInfo)
        {
            text.Append("caches-extra-info\n");
        }

        text.Append("onion-key\n");
        FakeKeys.AppendObject(text, "RSA PUBLIC KEY", relay.OnionKey);
        text.Append("signing-key\n");
        FakeKeys.AppendObject(text, "RSA PUBLIC KEY", relay.SigningKey);
        text.Append("onion-key-crosscert\n");
        Span<byte> crosscert = stackalloc byte[128];
        random.NextBytes(crosscert);
        FakeKeys.AppendObject(text, "CROSSCERT", crosscert);
        text.Append(CultureInfo.InvariantCulture, $"ntor-onion-key-crosscert {random.Next(2)}\n");
        FakeKeys.AppendObject(text, "ED25519 CERT", FakeKeys.Ed25519Certificate(0x0A, state.Published.AddDays(30), relay.MasterKey, relay.Ed25519SigningKey, ref random));
        if (relay.FamilyLine is { } family)
        {
            text.Append("family ").AppendJoin(' ', family).Append('\n');
        }

        if (state.Hibernating)
        {
            text.Append("hibernating 1\n");
        }

        text.Append("hidden-service-dir\n");
        if (relay.Contact is not null)
        {
            text.Append("contact ").Append(relay.Contact).Append('\n');
        }

        if (state.OverloadSince is { } overload)
        {
            text.Append("overload-general 1 ").Append(Time(overload)).Append('\n');
        }

        text.Append("ntor-onion-key ").Append(Convert.ToBase64String(relay.NtorKey)).Append('\n');
        foreach (var line in relay.Policy.Lines(state.Address))
        {
            text.Append(line).Append('\n');
        }

        if (relay.HasIpv6Policy)
        {
            text.Append("ipv6-policy ").Append(relay.Policy.Summary).Append('\n');
        }

        if (relay.Profile.Has("V2Dir"))
        {
            text.Append("tunnelled-dir-server\n");
        }

        return Sign(text, ref random, sha256OfWhole: false);
    }

    /// <summary>End of the newest complete statistics interval before <paramref name="published"/>.</summary>
    public static DateTime StatisticsEnd(RelayPlan relay, DateTime published)
    {
        var phase = TimeSpan.FromSeconds(relay.StatisticsPhaseSeconds);
        var day = published.Date.Add(phase);
        return day <= published ? day : day.AddDays(-1);
    }

    /// <summary>Bytes per day interval, from the relay's weight and a fixed noise per day, so every descriptor agrees.</summary>
    private static long[] DailyBytes(RelayPlan relay, DateTime end, int count, double scale)
    {
        var values = new long[count];
        for (int i = 0; i < count; i++)
        {
            var intervalEnd = end.AddDays(-(count - 1 - i));
            values[i] = (long)(relay.BaseWeight * 1000 * relay.Utilization * 86400 * scale * Noise(relay.Index, intervalEnd, 1)) / 1024 * 1024;
        }

        return values;
    }

    /// <summary>A factor around 1 (0.7–1.3) fixed for a relay, day and purpose.</summary>
    public static double Noise(int index, DateTime day, int purpose)
    {
        var random = new SyntheticRandom((ulong)day.Ticks / TimeSpan.TicksPerDay, SyntheticStreams.Noise + (ulong)purpose, (ulong)index);
        return .7 + (random.NextDouble() * .6);
    }

    /// <summary>dirreq statistics of a directory cache or a bridge for the interval ending at <paramref name="end"/>.</summary>
    public static void DirreqStatistics(StringBuilder text, DateTime end, double clients, WeightedTable<string> countries, ref SyntheticRandom random)
    {
        var byCountry = new Dictionary<string, long>(StringComparer.Ordinal);
        int draws = (int)Math.Min(clients, 400);
        for (int i = 0; i < draws; i++)
        {
            var country = countries.Pick(ref random);
            byCountry[country] = byCountry.GetValueOrDefault(country) + Math.Max(1, (long)(clients / Math.Max(1, draws)));
        }

        // tor rounds these up to multiples of 8.
        var ips = byCountry.Select(c => (c.Key, Value: RoundUp(c.Value, 8))).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var reqs = new List<(string Key, long Value)>(ips.Count);
        foreach (var (key, value) in ips)
        {
            reqs.Add((key, RoundUp((long)(value * (1.2 + random.NextDouble())), 8)));
        }

        long ok = RoundUp(reqs.Sum(c => c.Value), 4);
        text.Append("dirreq-stats-end ").Append(Time(end)).Append(" (86400 s)\n");
        text.Append("dirreq-v3-ips ").AppendJoin(',', ips.Select(c => c.Key + "=" + c.Value.ToString(CultureInfo.InvariantCulture))).Append('\n');
        text.Append("dirreq-v3-reqs ").AppendJoin(',', reqs.Select(c => c.Key + "=" + c.Value.ToString(CultureInfo.InvariantCulture))).Append('\n');
        text.Append(CultureInfo.InvariantCulture,
            $"dirreq-v3-resp ok={ok},not-enough-sigs=0,unavailable=0,not-found=0,not-modified={RoundUp((long)(ok * random.NextDouble() * 2), 4)},busy={(random.Chance(.1) ? 8 : 0)}\n");
        text.Append("dirreq-v3-direct-dl complete=0,timeout=0,running=0\n");
        text.Append(CultureInfo.InvariantCulture, $"dirreq-v3-tunneled-dl complete={RoundUp(ok * 3 / 4, 4)},timeout={RoundUp(ok / 10, 4)},running=0\n");
    }

    public static long RoundUp(long value, long multiple) => value <= 0 ? 0 : ((value + multiple - 1) / multiple) * multiple;

    public static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static void History(StringBuilder text, string keyword, DateTime end, long[] values)
    {
        text.Append(keyword).Append(' ').Append(Time(end)).Append(" (86400 s) ")
            .AppendJoin(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture))).Append('\n');
    }

    private static byte[] IdentityCertificate(RelayPlan relay, DateTime published, ref SyntheticRandom random) =>
        FakeKeys.Ed25519Certificate(4, published.Date.AddDays(30), relay.Ed25519SigningKey, relay.MasterKey, ref random);

    private static SignedDocument Sign(StringBuilder text, ref SyntheticRandom random, bool sha256OfWhole)
    {
        Span<byte> edSignature = stackalloc byte[64];
        random.NextBytes(edSignature);
        text.Append("router-sig-ed25519 ").Append(FakeKeys.Base64Unpadded(edSignature)).Append('\n');
        text.Append("router-signature\n");
        int signedLength = text.Length;
        FakeKeys.AppendSignature(text, 128, ref random);
        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        var sha1 = SHA1.HashData(bytes.AsSpan(0, signedLength));
        var sha256 = sha256OfWhole ? SHA256.HashData(bytes) : SHA256.HashData(bytes.AsSpan(0, signedLength));
        return new SignedDocument(bytes, sha1, sha256);
    }

    private static string SpacedFingerprint(string hex) =>
        string.Join(' ', Enumerable.Range(0, 10).Select(i => hex.Substring(i * 4, 4)));
}
