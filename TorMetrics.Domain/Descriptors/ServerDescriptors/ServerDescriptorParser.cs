using System.Security.Cryptography;

namespace TorMetrics.Domain.Descriptors.ServerDescriptors;

/// <summary>
/// Parses relay server descriptors (dir-spec §2.1.1) and sanitised bridge server descriptors,
/// which are the same format minus keys and signatures plus <c>router-digest</c> lines.
/// </summary>
public static class ServerDescriptorParser
{
    public static ServerDescriptor Parse(RawDocument raw, DescriptorKind kind)
    {
        bool bridge = kind == DescriptorKind.BridgeServerDescriptor;
        var data = raw.Bytes.Span;
        var reader = new DescriptorReader(data, raw.LineNumber);
        var counts = new KeywordCounts();
        var state = new State();
        int signatureLineEnd = -1;
        bool signatureSeen = false;
        bool first = true;

        while (reader.TryReadItem(out var item))
        {
            if (first && !string.Equals(item.Keyword, "router", StringComparison.Ordinal))
            {
                throw new DescriptorParseException($"first keyword must be 'router', got '{item.Keyword}'", item.LineNumber, item.Keyword);
            }

            first = false;
            if (signatureSeen)
            {
                throw new DescriptorParseException("'router-signature' must be the last item", item.LineNumber, item.Keyword);
            }

            counts.Add(item.Keyword, item.LineNumber);
            if (string.Equals(item.Keyword, "router-signature", StringComparison.Ordinal))
            {
                item.RequireObject("SIGNATURE");
                signatureLineEnd = item.LineEnd;
                signatureSeen = true;
                continue;
            }

            ParseItem(item, state);
        }

        if (first)
        {
            throw new DescriptorParseException("empty document", raw.LineNumber);
        }

        counts.RequireExactlyOnce(raw.LineNumber, "router", "bandwidth", "published");
        counts.RequireAtMostOnce(
            "platform", "proto", "protocols", "fingerprint", "hibernating", "uptime", "onion-key", "onion-key-crosscert",
            "ntor-onion-key", "ntor-onion-key-crosscert", "signing-key", "ipv6-policy", "contact", "family", "extra-info-digest",
            "hidden-service-dir", "identity-ed25519", "master-key-ed25519", "read-history", "write-history", "overload-general",
            "router-sig-ed25519", "tunnelled-dir-server", "caches-extra-info", "allow-single-hop-exits",
            "bridge-distribution-request", "eventdns", "router-digest", "router-digest-sha256");

        string digestSha1;
        string? digestSha256;
        if (bridge)
        {
            // The sanitiser removed the signature, so the original digest cannot be recomputed;
            // CollecTor appends it (hashed again) as router-digest.
            counts.RequireExactlyOnce(raw.LineNumber, "router-digest");
            digestSha1 = state.RouterDigest!;
            digestSha256 = state.RouterDigestSha256;
        }
        else
        {
            counts.RequireExactlyOnce(raw.LineNumber, "router-signature");
            var signed = data[..signatureLineEnd];
            digestSha1 = Convert.ToHexString(SHA1.HashData(signed));

            // dir-spec defines no SHA-256 for server descriptors; stem and metrics-lib both hash the
            // same signed range as SHA-1 (unlike extra-infos, whose SHA-256 covers the signature too),
            // and CollecTor's bridge router-digest-sha256 is derived from that value.
            digestSha256 = DescriptorText.ToBase64Unpadded(SHA256.HashData(signed));
        }

        return new ServerDescriptor
        {
            Kind = kind,
            Raw = raw,
            Nickname = state.Nickname!,
            Address = state.Address!,
            OrPort = state.OrPort,
            SocksPort = state.SocksPort,
            DirPort = state.DirPort,
            Fingerprint = state.Fingerprint ?? state.FingerprintFromSigningKey,
            Published = state.Published,
            Platform = state.Platform,
            TorVersion = TorVersionOf(state.Platform),
            Proto = state.Proto,
            ProtocolVersions = state.ProtocolVersions ?? new Dictionary<string, IReadOnlyList<int>>(),
            Protocols = state.Protocols,
            BandwidthAverage = state.BandwidthAverage,
            BandwidthBurst = state.BandwidthBurst,
            BandwidthObserved = state.BandwidthObserved,
            Uptime = state.Uptime,
            Hibernating = state.Hibernating,
            Contact = state.Contact,
            Family = state.Family,
            ExitPolicy = state.ExitPolicy.Count == 0 ? [] : state.ExitPolicy,
            Ipv6Policy = state.Ipv6Policy,
            OrAddresses = state.OrAddresses ?? [],
            MasterKeyEd25519 = state.MasterKeyEd25519 ?? state.MasterKeyFromCertificate,
            NtorOnionKey = state.NtorOnionKey,
            ExtraInfoDigestSha1Hex = state.ExtraInfoDigestSha1,
            ExtraInfoDigestSha256Base64 = state.ExtraInfoDigestSha256,
            HiddenServiceDir = state.HiddenServiceDir,
            TunnelledDirServer = state.TunnelledDirServer,
            CachesExtraInfo = state.CachesExtraInfo,
            AllowSingleHopExits = state.AllowSingleHopExits,
            OverloadGeneral = state.OverloadGeneral,
            BridgeDistributionRequest = state.BridgeDistributionRequest,
            ReadHistory = state.ReadHistory,
            WriteHistory = state.WriteHistory,
            DigestSha1Hex = digestSha1,
            DigestSha256Base64 = digestSha256,
            UnrecognizedLines = state.Unrecognized ?? [],
        };
    }

    /// <summary>"Tor 0.4.7.10 on Linux" → "0.4.7.10"; null for other software.</summary>
    public static string? TorVersionOf(string? platform)
    {
        if (platform is null || !platform.StartsWith("Tor ", StringComparison.Ordinal))
        {
            return null;
        }

        int end = platform.IndexOf(' ', 4);
        string version = end < 0 ? platform[4..] : platform[4..end];
        return version.Length == 0 ? null : version;
    }

    private static void ParseItem(DescriptorItem item, State s)
    {
        int line = item.LineNumber;
        var tokens = item.Tokens();
        switch (item.Keyword)
        {
            case "router":
                s.Nickname = DescriptorText.Ascii(tokens.Next("nickname", line));
                s.Address = DescriptorText.Ascii(tokens.Next("address", line));
                s.OrPort = DescriptorText.ParsePort(tokens.Next("ORPort", line), "ORPort", line);
                s.SocksPort = DescriptorText.ParsePort(tokens.Next("SOCKSPort", line), "SOCKSPort", line);
                s.DirPort = DescriptorText.ParsePort(tokens.Next("DirPort", line), "DirPort", line);
                break;
            case "bandwidth":
                s.BandwidthAverage = DescriptorText.ParseInt64(tokens.Next("average bandwidth", line), "average bandwidth", line);
                s.BandwidthBurst = DescriptorText.ParseInt64(tokens.Next("burst bandwidth", line), "burst bandwidth", line);
                s.BandwidthObserved = DescriptorText.ParseInt64(tokens.Next("observed bandwidth", line), "observed bandwidth", line);
                break;
            case "published":
                s.Published = DescriptorText.ParseTimestamp(item.Arguments, "published", line);
                break;
            case "platform":
                s.Platform = DescriptorText.Text(item.Arguments);
                break;
            case "proto":
                s.Proto = DescriptorText.Ascii(item.Arguments);
                s.ProtocolVersions = ProtocolVersions.Parse(item.Arguments, line);
                break;
            case "protocols":
                s.Protocols = DescriptorText.Ascii(item.Arguments);
                break;
            case "fingerprint":
                s.Fingerprint = ParseSpacedFingerprint(item.Arguments, line);
                break;
            case "hibernating":
                s.Hibernating = tokens.Next("hibernating flag", line).SequenceEqual("1"u8);
                break;
            case "uptime":
                s.Uptime = DescriptorText.ParseInt64(tokens.Next("uptime", line), "uptime", line);
                break;
            case "contact":
                s.Contact = DescriptorText.Text(item.Arguments);
                break;
            case "family":
                s.Family = ParseList(item.Arguments);
                break;
            case "accept" or "reject" or "accept6" or "reject6":
                s.ExitPolicy.Add(item.LineText());
                break;
            case "ipv6-policy":
                s.Ipv6Policy = DescriptorText.Ascii(item.Arguments);
                break;
            case "or-address":
                (s.OrAddresses ??= []).Add(OrAddress.Parse(tokens.Next("address", line), line));
                break;
            case "master-key-ed25519":
                s.MasterKeyEd25519 = DescriptorText.Ascii(tokens.Next("key", line));
                break;
            case "identity-ed25519":
                item.RequireObject("ED25519 CERT");
                s.MasterKeyFromCertificate = Ed25519Certificate.TryGetSigningKey(item.DecodeObject());
                break;
            case "signing-key":
                item.RequireObject("RSA PUBLIC KEY");

                // The fingerprint line is optional in old descriptors; the identity key defines it.
                s.FingerprintFromSigningKey = Convert.ToHexString(SHA1.HashData(item.DecodeObject()));
                break;
            case "ntor-onion-key":
                s.NtorOnionKey = DescriptorText.Ascii(tokens.Next("key", line));
                break;
            case "extra-info-digest":
                var sha1 = tokens.Next("digest", line);
                if (!DescriptorText.IsHex(sha1, 40))
                {
                    throw new DescriptorParseException("extra-info-digest is not 40 hex characters", line, item.Keyword);
                }

                s.ExtraInfoDigestSha1 = DescriptorText.UpperHex(sha1);
                s.ExtraInfoDigestSha256 = tokens.TryNext(out var sha256) ? DescriptorText.Ascii(sha256) : null;
                break;
            case "hidden-service-dir":
                s.HiddenServiceDir = true;
                break;
            case "tunnelled-dir-server":
                s.TunnelledDirServer = true;
                break;
            case "caches-extra-info":
                s.CachesExtraInfo = true;
                break;
            case "allow-single-hop-exits":
                s.AllowSingleHopExits = true;
                break;
            case "overload-general":
                int version = DescriptorText.ParseInt32(tokens.Next("version", line), "overload-general version", line);
                s.OverloadGeneral = new OverloadGeneral(version, DescriptorText.ParseTimestamp(ref tokens, "overload-general", line));
                break;
            case "bridge-distribution-request":
                s.BridgeDistributionRequest = DescriptorText.Ascii(tokens.Next("method", line));
                break;
            case "read-history":
                s.ReadHistory = BandwidthHistory.Parse(item.Arguments, line);
                break;
            case "write-history":
                s.WriteHistory = BandwidthHistory.Parse(item.Arguments, line);
                break;
            case "router-digest":
                var digest = tokens.Next("digest", line);
                if (!DescriptorText.IsHex(digest, 40))
                {
                    throw new DescriptorParseException("router-digest is not 40 hex characters", line, item.Keyword);
                }

                s.RouterDigest = DescriptorText.UpperHex(digest);
                break;
            case "router-digest-sha256":
                s.RouterDigestSha256 = DescriptorText.Ascii(tokens.Next("digest", line));
                break;
            case "onion-key" or "onion-key-crosscert" or "ntor-onion-key-crosscert" or "router-sig-ed25519" or "eventdns" or "family-cert":
                // Keys and signatures: kept in the raw bytes, nothing to extract for metrics.
                break;
            default:
                (s.Unrecognized ??= []).Add(item.LineText());
                break;
        }
    }

    private static string ParseSpacedFingerprint(ReadOnlySpan<byte> arguments, int line)
    {
        Span<byte> hex = stackalloc byte[40];
        int n = 0;
        foreach (byte b in arguments)
        {
            if (b is (byte)' ' or (byte)'\t')
            {
                continue;
            }

            if (n == 40)
            {
                n++;
                break;
            }

            hex[n++] = b;
        }

        if (n != 40 || !DescriptorText.IsHex(hex, 40))
        {
            throw new DescriptorParseException("fingerprint is not 40 hex characters", line, "fingerprint");
        }

        return DescriptorText.UpperHex(hex);
    }

    private static string[] ParseList(ReadOnlySpan<byte> arguments)
    {
        var tokens = new ArgumentTokenizer(arguments);
        int n = tokens.CountRemaining();
        var result = new string[n];
        for (int i = 0; i < n; i++)
        {
            tokens.TryNext(out var t);
            result[i] = DescriptorText.Ascii(t);
        }

        return result;
    }

    // Mutable scratch state while reading one descriptor; the record is built once at the end.
    private sealed class State
    {
        public string? Nickname;
        public string? Address;
        public int OrPort;
        public int SocksPort;
        public int DirPort;
        public string? Fingerprint;
        public string? FingerprintFromSigningKey;
        public DateTime Published;
        public string? Platform;
        public string? Proto;
        public IReadOnlyDictionary<string, IReadOnlyList<int>>? ProtocolVersions;
        public string? Protocols;
        public long BandwidthAverage;
        public long BandwidthBurst;
        public long BandwidthObserved;
        public long? Uptime;
        public bool Hibernating;
        public string? Contact;
        public string[] Family = [];
        public List<string> ExitPolicy = [];
        public string? Ipv6Policy;
        public List<OrAddress>? OrAddresses;
        public string? MasterKeyEd25519;
        public string? MasterKeyFromCertificate;
        public string? NtorOnionKey;
        public string? ExtraInfoDigestSha1;
        public string? ExtraInfoDigestSha256;
        public bool HiddenServiceDir;
        public bool TunnelledDirServer;
        public bool CachesExtraInfo;
        public bool AllowSingleHopExits;
        public OverloadGeneral? OverloadGeneral;
        public string? BridgeDistributionRequest;
        public BandwidthHistory? ReadHistory;
        public BandwidthHistory? WriteHistory;
        public string? RouterDigest;
        public string? RouterDigestSha256;
        public List<string>? Unrecognized;
    }
}
