using System.Text;

namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Turns keyword bytes into strings without allocating for keywords we know, so parsers can
/// <c>switch</c> on a string while the reader stays allocation-free per line. The table is
/// built once and never written afterwards, so it is safe to share between threads; unknown
/// keywords get a fresh string (they are rare and end up in UnrecognizedLines anyway).
/// </summary>
public static class KeywordTable
{
    private const int BucketCount = 1024;

    private static readonly string[] Known =
    [
        // annotations
        "@type", "@last-listed", "@downloaded-at", "@source", "@purpose", "@uploaded-at",

        // server descriptors and extra-infos (dir-spec §2.1)
        "router", "identity-ed25519", "master-key-ed25519", "bandwidth", "platform", "proto", "protocols",
        "published", "fingerprint", "hibernating", "uptime", "onion-key", "onion-key-crosscert", "ntor-onion-key",
        "ntor-onion-key-crosscert", "signing-key", "accept", "reject", "accept6", "reject6", "ipv6-policy",
        "overload-general", "router-sig-ed25519", "router-signature", "contact", "bridge-distribution-request",
        "family", "family-cert", "read-history", "write-history", "eventdns", "caches-extra-info", "extra-info-digest",
        "hidden-service-dir", "allow-single-hop-exits", "or-address", "tunnelled-dir-server", "router-digest",
        "router-digest-sha256", "extra-info", "ipv6-read-history", "ipv6-write-history", "dirreq-read-history",
        "dirreq-write-history", "geoip-db-digest", "geoip6-db-digest", "geoip-start-time", "geoip-client-origins",
        "dirreq-stats-end", "dirreq-v3-ips", "dirreq-v3-reqs", "dirreq-v3-share", "dirreq-v3-resp",
        "dirreq-v3-direct-dl", "dirreq-v3-tunneled-dl", "dirreq-v2-ips", "dirreq-v2-reqs", "dirreq-v2-share",
        "dirreq-v2-resp", "dirreq-v2-direct-dl", "dirreq-v2-tunneled-dl", "entry-stats-end", "entry-ips",
        "cell-stats-end", "cell-processed-cells", "cell-queued-cells", "cell-time-in-queue",
        "cell-circuits-per-decile", "conn-bi-direct", "ipv6-conn-bi-direct", "exit-stats-end",
        "exit-kibibytes-written", "exit-kibibytes-read", "exit-streams-opened", "hidserv-stats-end",
        "hidserv-rend-relayed-cells", "hidserv-dir-onions-seen", "hidserv-v3-stats-end",
        "hidserv-rend-v3-relayed-cells", "hidserv-dir-v3-onions-seen", "padding-counts", "transport",
        "bridge-stats-end", "bridge-ips", "bridge-ip-versions", "bridge-ip-transports", "overload-ratelimits",
        "overload-fd-exhausted",

        // microdescriptors
        "a", "p", "p6", "id", "pr", "family-ids",

        // network statuses, votes, certificates, detached signatures
        "network-status-version", "vote-status", "consensus-method", "consensus-methods", "valid-after",
        "fresh-until", "valid-until", "voting-delay", "client-versions", "server-versions", "package", "known-flags",
        "flag-thresholds", "recommended-client-protocols", "recommended-relay-protocols",
        "required-client-protocols", "required-relay-protocols", "params", "shared-rand-previous-value",
        "shared-rand-current-value", "shared-rand-participate", "shared-rand-commit", "bandwidth-file-headers",
        "bandwidth-file-digest", "dir-source", "vote-digest", "legacy-dir-key", "r", "s", "v", "w", "m", "stats",
        "directory-footer", "bandwidth-weights", "directory-signature", "dir-key-certificate-version",
        "dir-address", "dir-key-published", "dir-key-expires", "dir-identity-key", "dir-signing-key",
        "dir-key-crosscert", "dir-key-certification", "consensus-digest", "additional-digest",
        "additional-signature", "dir-options", "dir-signing-key",

        // object tags
        "RSA PUBLIC KEY", "SIGNATURE", "ID SIGNATURE", "ED25519 CERT", "CROSSCERT", "MESSAGE",

        "opt",
    ];

    private static readonly Entry[][] Buckets = Build();

    /// <summary>The interned string for known keywords, a new string otherwise.</summary>
    public static string Get(ReadOnlySpan<byte> keyword)
    {
        if (keyword.IsEmpty)
        {
            return string.Empty;
        }

        foreach (var entry in Buckets[Hash(keyword)])
        {
            if (keyword.SequenceEqual(entry.Bytes))
            {
                return entry.Text;
            }
        }

        return DescriptorText.Ascii(keyword);
    }

    private static int Hash(ReadOnlySpan<byte> s)
    {
        uint h = 2166136261;
        foreach (byte b in s)
        {
            h = (h ^ b) * 16777619;
        }

        return (int)(h % BucketCount);
    }

    private static Entry[][] Build()
    {
        var lists = new List<Entry>[BucketCount];
        foreach (string k in Known.Distinct(StringComparer.Ordinal))
        {
            byte[] bytes = Encoding.ASCII.GetBytes(k);
            int h = Hash(bytes);
            (lists[h] ??= []).Add(new Entry(bytes, string.Intern(k)));
        }

        return [.. lists.Select(l => l is null ? [] : l.ToArray())];
    }

    private sealed record Entry(byte[] Bytes, string Text);
}
