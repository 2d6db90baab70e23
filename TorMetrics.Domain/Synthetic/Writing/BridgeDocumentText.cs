using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TorMetrics.Domain.Synthetic.Tables;

namespace TorMetrics.Domain.Synthetic.Writing;

/// <summary>A bridge's descriptor as published: its sanitised digest and what the status repeats from it.</summary>
public sealed record PublishedBridgeDescriptor(byte[] RouterDigest, DateTime Published, string Address, int OrPort, string? Ipv6Address);

/// <summary>
/// Writes bridge documents as CollecTor publishes them after sanitising (collector.md §3): hashed fingerprints,
/// 10.x addresses and 49152–65535 ports keyed per month, <c>contact somebody</c>, no keys or signatures, and
/// <c>router-digest</c>/<c>router-digest-sha256</c> appended. There is no original descriptor here, so the digest
/// CollecTor would hash is taken over the sanitised text; status <c>r</c> lines and <c>extra-info-digest</c> lines
/// carry the same values, so every reference resolves.
/// </summary>
public static class BridgeDocumentText
{
    /// <summary>A synthetic bridge authority, named in statuses and in their file names.</summary>
    public const string AuthorityFingerprint = "5E1A0B9C8D7F6E5D4C3B2A1908F7E6D5C4B3A291";

    // Shape of the 2019 sample status's flag-thresholds line (values of that status).
    private const string FlagThresholds =
        "stable-uptime=1494383 stable-mtbf=2228983 fast-speed=54000 guard-wfu=98.000% guard-tk=691200 " +
        "guard-bw-inc-exits=909000 guard-bw-exc-exits=909000 enough-mtbf=1 ignoring-advertised-bws=0";

    public static (SignedDocument Document, PublishedBridgeDescriptor Published) ServerDescriptor(
        BridgePlan bridge, DateTime published, DateTime restarted, SignedDocument extraInfo, ulong seed, ref SyntheticRandom random)
    {
        var (address, port, ipv6) = SanitisedAddress(bridge, published, seed);
        var text = new StringBuilder(1024);
        text.Append(CultureInfo.InvariantCulture, $"router {bridge.Nickname} {address} {port} 0 0\n");
        text.Append("master-key-ed25519 ").Append(bridge.SanitizedMasterKey).Append('\n');
        if (ipv6 is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"or-address [{ipv6}]:{port}\n");
        }

        text.Append("platform Tor ").Append(bridge.Version).Append(" on ").Append(bridge.Os).Append('\n');
        text.Append("proto ").Append(RelayTables.Protocols).Append('\n');
        text.Append("published ").Append(RelayDescriptorText.Time(published)).Append('\n');
        text.Append("fingerprint ").AppendJoin(' ', Enumerable.Range(0, 10).Select(i => bridge.HashedFingerprint.Substring(i * 4, 4))).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"uptime {(long)(published - restarted).TotalSeconds}\n");
        var observed = (long)(bridge.ObservedBase * (0.6 + (0.8 * RelayDescriptorText.Noise(bridge.Index, published, 11))));
        text.Append(CultureInfo.InvariantCulture, $"bandwidth {bridge.Rate} {bridge.Burst} {Math.Min(observed, bridge.Rate)}\n");
        text.Append("extra-info-digest ").Append(Convert.ToHexString(extraInfo.Sha1)).Append(' ')
            .Append(FakeKeys.Base64Unpadded(extraInfo.Sha256)).Append('\n');
        text.Append("hidden-service-dir\n");
        if (bridge.HasContact)
        {
            text.Append("contact somebody\n");
        }

        if (bridge.DistributionRequest)
        {
            text.Append("bridge-distribution-request any\n");
        }

        text.Append("ntor-onion-key ").Append(Convert.ToBase64String(bridge.NtorKey)).Append('\n');
        text.Append("reject *:*\ntunnelled-dir-server\n");
        var document = AppendDigests(text);
        return (document, new PublishedBridgeDescriptor(document.Sha1, published, address, port, ipv6));
    }

    public static SignedDocument ExtraInfo(BridgePlan bridge, DateTime published, ref SyntheticRandom random)
    {
        var text = new StringBuilder(2048);
        text.Append("extra-info ").Append(bridge.Nickname).Append(' ').Append(bridge.HashedFingerprint).Append('\n');
        text.Append("master-key-ed25519 ").Append(bridge.SanitizedMasterKey).Append('\n');
        text.Append("published ").Append(RelayDescriptorText.Time(published)).Append('\n');
        var phase = TimeSpan.FromSeconds(bridge.StatisticsPhaseSeconds);
        var end = published.Date.Add(phase) <= published ? published.Date.Add(phase) : published.Date.Add(phase).AddDays(-1);
        int values = Math.Min(ExtraInfoTables.HistoryValues, (int)((end - bridge.StatisticsSince).TotalSeconds / ExtraInfoTables.HistoryIntervalSeconds));
        if (values > 0)
        {
            var read = new long[values];
            for (int i = 0; i < values; i++)
            {
                var day = end.AddDays(-(values - 1 - i));
                read[i] = (long)(bridge.ObservedBase * bridge.Utilization * 86400 * RelayDescriptorText.Noise(bridge.Index, day, 12)) / 1024 * 1024;
            }

            RelayDescriptorText.History(text, "write-history", end, read.Select(v => v * 21 / 20).ToArray());
            RelayDescriptorText.History(text, "read-history", end, read);
            RelayDescriptorText.History(text, "dirreq-write-history", end, read.Select(v => v / 40).ToArray());
            RelayDescriptorText.History(text, "dirreq-read-history", end, read.Select(v => v / 600).ToArray());
            text.Append("geoip-db-digest 2D8B0A1C5E2A4D1B9C0F7E3A6B5C4D3E2F1A0B9C\ngeoip6-db-digest 7C1E2D3F4A5B6C7D8E9F0A1B2C3D4E5F6A7B8C9D\n");

            // dirreq-v3-resp ok= comes out near 1.7 × clients; Onionoo divides it by ten per day.
            var responses = bridge.DirectoryResponses * RelayDescriptorText.Noise(bridge.Index, end, 13);
            RelayDescriptorText.DirreqStatistics(text, end, responses / 1.7, BridgeTables.ClientCountries, ref random);
        }

        foreach (var transport in bridge.Transports)
        {
            text.Append("transport ").Append(transport).Append('\n');
        }

        if (values > 0)
        {
            BridgeStatistics(text, bridge, end, ref random);
        }

        return AppendDigests(text);
    }

    public static byte[] Status(DateTime published, IEnumerable<(BridgePlan Bridge, PublishedBridgeDescriptor Descriptor, bool Running)> entries)
    {
        var text = new StringBuilder(256 * 1024);
        text.Append("@type bridge-network-status 1.2\n")
            .Append("published ").Append(RelayDescriptorText.Time(published)).Append('\n')
            .Append("flag-thresholds ").Append(FlagThresholds).Append('\n')
            .Append("fingerprint ").Append(AuthorityFingerprint).Append('\n');
        foreach (var (bridge, descriptor, running) in entries.OrderBy(e => e.Bridge.HashedFingerprint, StringComparer.Ordinal))
        {
            text.Append("r ").Append(bridge.Nickname).Append(' ').Append(FakeKeys.Base64Unpadded(bridge.HashedIdentity)).Append(' ')
                .Append(FakeKeys.Base64Unpadded(descriptor.RouterDigest)).Append(' ').Append(RelayDescriptorText.Time(descriptor.Published))
                .Append(CultureInfo.InvariantCulture, $" {descriptor.Address} {descriptor.OrPort} 0\n");
            if (descriptor.Ipv6Address is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"a [{descriptor.Ipv6Address}]:{descriptor.OrPort}\n");
            }

            var flags = bridge.Flags.Append("Valid");
            if (running)
            {
                flags = flags.Append("Running");
            }

            text.Append("s ").AppendJoin(' ', flags.Order(StringComparer.Ordinal)).Append('\n')
                .Append(CultureInfo.InvariantCulture, $"w Bandwidth={bridge.Weight}\n")
                .Append("p reject 1-65535\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    public static byte[] PoolAssignment(DateTime published, IEnumerable<BridgePlan> bridges)
    {
        var text = new StringBuilder(128 * 1024);
        text.Append("@type bridge-pool-assignment 1.0\nbridge-pool-assignment ").Append(RelayDescriptorText.Time(published)).Append('\n');
        foreach (var bridge in bridges.OrderBy(b => b.HashedFingerprint, StringComparer.Ordinal))
        {
            text.Append(bridge.HashedFingerprint.ToLowerInvariant()).Append(' ').Append(bridge.Distributor)
                .Append(" transport=").Append(bridge.Transports.Length > 0 ? bridge.Transports[0] : "vanilla").Append(" ip=4");
            if (bridge.Blocklist is not null)
            {
                text.Append(" blocklist=").Append(bridge.Blocklist);
            }

            text.Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// CollecTor's keyed address and port hashing (collector.md §3.3) with a secret derived from the seed and the
    /// month of publication: the same bridge shows other 10.x addresses in another month, as in the archive.
    /// </summary>
    public static (string Address, int Port, string? Ipv6) SanitisedAddress(BridgePlan bridge, DateTime published, ulong seed)
    {
        var month = (ulong)((published.Year * 12) + published.Month);
        var random = new SyntheticRandom(seed, SyntheticStreams.BridgeDescriptor, ((ulong)bridge.Index << 20) | month);
        Span<byte> h = stackalloc byte[8];
        random.NextBytes(h);
        int port = (((h[3] << 8) | h[4]) >> 2) | 0xC000;
        var address = string.Create(CultureInfo.InvariantCulture, $"10.{h[0]}.{h[1]}.{h[2]}");
        var ipv6 = bridge.HasIpv6 ? string.Create(CultureInfo.InvariantCulture, $"fd9f:2e19:3bcf::{h[5]:x2}:{h[6]:x2}{h[7]:x2}") : null;
        return (address, port, ipv6);
    }

    private static void BridgeStatistics(StringBuilder text, BridgePlan bridge, DateTime end, ref SyntheticRandom random)
    {
        var total = bridge.UniqueAddresses * RelayDescriptorText.Noise(bridge.Index, end, 14);
        var byCountry = new Dictionary<string, long>(StringComparer.Ordinal);
        int draws = (int)Math.Clamp(total / 8, 1, 200);
        for (int i = 0; i < draws && total >= 1; i++)
        {
            var country = BridgeTables.ClientCountries.Pick(ref random);
            byCountry[country] = byCountry.GetValueOrDefault(country) + (long)Math.Max(1, total / draws);
        }

        var ips = byCountry.Select(c => (c.Key, Value: RelayDescriptorText.RoundUp(c.Value, 8)))
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        long sum = ips.Sum(c => c.Value);
        long v6 = RelayDescriptorText.RoundUp(sum / 20, 8);
        text.Append("bridge-stats-end ").Append(RelayDescriptorText.Time(end.AddSeconds(12))).Append(" (86400 s)\n");
        text.Append("bridge-ips ").AppendJoin(',', ips.Select(c => c.Key + "=" + c.Value.ToString(CultureInfo.InvariantCulture))).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"bridge-ip-versions v4={sum},v6={v6}\n");
        text.Append("bridge-ip-transports <OR>=8");
        foreach (var transport in bridge.Transports)
        {
            text.Append(CultureInfo.InvariantCulture, $",{transport}={RelayDescriptorText.RoundUp(sum / bridge.Transports.Length, 8)}");
        }

        text.Append('\n');
    }

    private static SignedDocument AppendDigests(StringBuilder text)
    {
        // The stand-in for the original descriptor's digests, hashed once more as CollecTor does.
        var body = Encoding.ASCII.GetBytes(text.ToString());
        var sha256 = SHA256.HashData(SHA256.HashData(body));
        var sha1 = SHA1.HashData(SHA1.HashData(body));
        text.Append("router-digest-sha256 ").Append(FakeKeys.Base64Unpadded(sha256)).Append('\n');
        text.Append("router-digest ").Append(Convert.ToHexString(sha1)).Append('\n');
        return new SignedDocument(Encoding.ASCII.GetBytes(text.ToString()), sha1, sha256);
    }
}
