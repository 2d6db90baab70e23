using System.Security.Cryptography;

namespace TorMetrics.Domain.Descriptors.NetworkStatuses;

/// <summary>
/// Parses v3 network status documents (dir-spec §3.4.1): ns and microdesc consensuses and votes.
/// The document is read in four sections: header, authority sections, router entries, footer.
/// </summary>
public static class NetworkStatusParser
{
    private const string SignatureKeyword = "directory-signature";

    public static NetworkStatus Parse(RawDocument raw, DescriptorKind kind)
    {
        var data = raw.Bytes.Span;
        var reader = new DescriptorReader(data, raw.LineNumber);
        var counts = new KeywordCounts();
        var s = new State();
        EntryStateMachine(ref reader, raw, counts, s);

        counts.RequireExactlyOnce(raw.LineNumber, "network-status-version", "vote-status", "valid-after", "fresh-until", "valid-until", "voting-delay", "known-flags");
        counts.RequireAtMostOnce(
            "client-versions", "server-versions", "params", "recommended-client-protocols", "recommended-relay-protocols",
            "required-client-protocols", "required-relay-protocols", "shared-rand-previous-value", "shared-rand-current-value",
            "flag-thresholds", "bandwidth-file-headers", "bandwidth-file-digest", "directory-footer", "bandwidth-weights");
        counts.RequireAtLeastOnce(raw.LineNumber, SignatureKeyword);

        bool vote = string.Equals(s.VoteStatus, "vote", StringComparison.Ordinal);
        if (vote)
        {
            counts.RequireExactlyOnce(raw.LineNumber, "consensus-methods", "published");
        }
        else if (string.Equals(s.VoteStatus, "consensus", StringComparison.Ordinal))
        {
            // Consensus method 1 predates the consensus-method line.
            counts.RequireAtMostOnce("consensus-method");
        }
        else
        {
            throw new DescriptorParseException($"unknown vote-status '{s.VoteStatus}'", raw.LineNumber, "vote-status");
        }

        var signed = data[..s.SignedEnd];
        return new NetworkStatus
        {
            // The content decides between consensus flavours and votes, whatever the caller assumed.
            Kind = vote ? DescriptorKind.NetworkStatusVote
                : s.Flavor == "microdesc" ? DescriptorKind.NetworkStatusMicrodescConsensus : DescriptorKind.NetworkStatusConsensus,
            Raw = raw,
            Flavor = s.Flavor,
            VoteStatus = s.VoteStatus!,
            ConsensusMethod = s.ConsensusMethod,
            ConsensusMethods = s.ConsensusMethods,
            Published = s.Published,
            ValidAfter = s.ValidAfter,
            FreshUntil = s.FreshUntil,
            ValidUntil = s.ValidUntil,
            VoteSeconds = s.VoteSeconds,
            DistSeconds = s.DistSeconds,
            ClientVersions = s.ClientVersions,
            ServerVersions = s.ServerVersions,
            Packages = s.Packages ?? [],
            KnownFlags = s.KnownFlags,
            FlagThresholds = s.FlagThresholds ?? NetworkStatus.EmptyStrings,
            RecommendedClientProtocols = s.RecommendedClientProtocols ?? RouterStatusEntry.EmptyProtocols,
            RecommendedRelayProtocols = s.RecommendedRelayProtocols ?? RouterStatusEntry.EmptyProtocols,
            RequiredClientProtocols = s.RequiredClientProtocols ?? RouterStatusEntry.EmptyProtocols,
            RequiredRelayProtocols = s.RequiredRelayProtocols ?? RouterStatusEntry.EmptyProtocols,
            Params = s.Params ?? NetworkStatus.EmptyLongs,
            SharedRandPreviousValue = s.SharedRandPrevious,
            SharedRandCurrentValue = s.SharedRandCurrent,
            BandwidthFileHeaders = s.BandwidthFileHeaders ?? NetworkStatus.EmptyStrings,
            BandwidthFileDigest = s.BandwidthFileDigest,
            Authorities = s.Authorities,
            Entries = s.Entries,
            BandwidthWeights = s.BandwidthWeights ?? NetworkStatus.EmptyLongs,
            Signatures = s.Signatures,
            DigestSha1Hex = Convert.ToHexString(SHA1.HashData(signed)),
            DigestSha256Hex = Convert.ToHexString(SHA256.HashData(signed)),
            UnrecognizedLines = s.Unrecognized ?? [],
        };
    }

    private static void EntryStateMachine(ref DescriptorReader reader, RawDocument raw, KeywordCounts counts, State s)
    {
        var section = Section.Header;
        RouterStatusEntryBuilder? entries = null;
        AuthorityBuilder? authority = null;
        bool first = true;
        while (reader.TryReadItem(out var item))
        {
            if (first)
            {
                if (!string.Equals(item.Keyword, "network-status-version", StringComparison.Ordinal))
                {
                    throw new DescriptorParseException($"first keyword must be 'network-status-version', got '{item.Keyword}'", item.LineNumber, item.Keyword);
                }

                first = false;
            }

            string k = item.Keyword;
            if (k is "directory-footer" or "bandwidth-weights" or SignatureKeyword && section != Section.Footer)
            {
                FinishEntry(entries, s);
                FinishAuthority(ref authority, s);
                section = Section.Footer;
            }
            else if (k == "r" && section != Section.Footer)
            {
                FinishEntry(entries, s);
                FinishAuthority(ref authority, s);
                section = Section.Entries;
                entries ??= new RouterStatusEntryBuilder(!string.Equals(s.Flavor, "microdesc", StringComparison.Ordinal));
                entries.Begin(item);
                continue;
            }
            else if (k == "dir-source" && section is Section.Header or Section.Authority)
            {
                FinishAuthority(ref authority, s);
                section = Section.Authority;
                authority = AuthorityBuilder.Begin(item);
                counts.Add(k, item.LineNumber);
                continue;
            }

            switch (section)
            {
                case Section.Entries:
                    entries!.Add(item);
                    break;
                case Section.Authority when authority!.TryAdd(item):
                    break;
                case Section.Footer:
                    counts.Add(k, item.LineNumber);
                    ParseFooterItem(item, s);
                    break;
                default:
                    counts.Add(k, item.LineNumber);
                    ParseHeaderItem(item, s);
                    break;
            }
        }

        if (first)
        {
            throw new DescriptorParseException("empty document", raw.LineNumber);
        }

        FinishEntry(entries, s);
        FinishAuthority(ref authority, s);
    }

    private static void FinishEntry(RouterStatusEntryBuilder? entries, State s)
    {
        if (entries is { InEntry: true })
        {
            s.Entries.Add(entries.Build());
        }
    }

    private static void FinishAuthority(ref AuthorityBuilder? authority, State s)
    {
        if (authority is not null)
        {
            s.Authorities.Add(authority.Build());
            authority = null;
        }
    }

    private static void ParseHeaderItem(DescriptorItem item, State s)
    {
        int line = item.LineNumber;
        var t = item.Tokens();
        switch (item.Keyword)
        {
            case "network-status-version":
                int version = DescriptorText.ParseInt32(t.Next("version", line), "network-status-version", line);
                if (version != 3)
                {
                    throw new DescriptorParseException($"network-status-version {version} is not a v3 status", line, item.Keyword);
                }

                s.Flavor = t.TryNext(out var flavor) ? DescriptorText.Ascii(flavor) : "ns";
                break;
            case "vote-status":
                s.VoteStatus = DescriptorText.Ascii(t.Next("status", line));
                break;
            case "consensus-method":
                s.ConsensusMethod = DescriptorText.ParseInt32(t.Next("method", line), "consensus-method", line);
                break;
            case "consensus-methods":
                var methods = new List<int>();
                while (t.TryNext(out var m))
                {
                    methods.Add(DescriptorText.ParseInt32(m, "consensus method", line));
                }

                s.ConsensusMethods = methods;
                break;
            case "published":
                s.Published = DescriptorText.ParseTimestamp(item.Arguments, "published", line);
                break;
            case "valid-after":
                s.ValidAfter = DescriptorText.ParseTimestamp(item.Arguments, "valid-after", line);
                break;
            case "fresh-until":
                s.FreshUntil = DescriptorText.ParseTimestamp(item.Arguments, "fresh-until", line);
                break;
            case "valid-until":
                s.ValidUntil = DescriptorText.ParseTimestamp(item.Arguments, "valid-until", line);
                break;
            case "voting-delay":
                s.VoteSeconds = DescriptorText.ParseInt32(t.Next("vote seconds", line), "voting-delay", line);
                s.DistSeconds = DescriptorText.ParseInt32(t.Next("dist seconds", line), "voting-delay", line);
                break;
            case "client-versions":
                s.ClientVersions = SplitCommas(item.Arguments);
                break;
            case "server-versions":
                s.ServerVersions = SplitCommas(item.Arguments);
                break;
            case "package":
                (s.Packages ??= []).Add(DescriptorText.Text(item.Arguments));
                break;
            case "known-flags":
                s.KnownFlags = DescriptorText.Ascii(item.Arguments).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                break;
            case "flag-thresholds":
                s.FlagThresholds = KeyValues.ParseStrings(item.Arguments);
                break;
            case "recommended-client-protocols":
                s.RecommendedClientProtocols = ProtocolVersions.Parse(item.Arguments, line);
                break;
            case "recommended-relay-protocols":
                s.RecommendedRelayProtocols = ProtocolVersions.Parse(item.Arguments, line);
                break;
            case "required-client-protocols":
                s.RequiredClientProtocols = ProtocolVersions.Parse(item.Arguments, line);
                break;
            case "required-relay-protocols":
                s.RequiredRelayProtocols = ProtocolVersions.Parse(item.Arguments, line);
                break;
            case "params":
                s.Params = KeyValues.ParseLongs(item.Arguments, line);
                break;
            case "shared-rand-previous-value":
                s.SharedRandPrevious = ParseSharedRandom(item);
                break;
            case "shared-rand-current-value":
                s.SharedRandCurrent = ParseSharedRandom(item);
                break;
            case "bandwidth-file-headers":
                s.BandwidthFileHeaders = KeyValues.ParseStrings(item.Arguments);
                break;
            case "bandwidth-file-digest":
                s.BandwidthFileDigest = DescriptorText.Ascii(item.Arguments);
                break;
            default:
                (s.Unrecognized ??= []).Add(item.LineText());
                break;
        }
    }

    private static void ParseFooterItem(DescriptorItem item, State s)
    {
        int line = item.LineNumber;
        switch (item.Keyword)
        {
            case "directory-footer":
                break;
            case "bandwidth-weights":
                s.BandwidthWeights = KeyValues.ParseLongs(item.Arguments, line);
                break;
            case SignatureKeyword:
                if (s.Signatures.Count == 0)
                {
                    // The signed range ends with the space after the first directory-signature keyword.
                    s.SignedEnd = item.KeywordStart + SignatureKeyword.Length + 1;
                }

                item.RequireObject("SIGNATURE");
                var t = item.Tokens();
                var a = t.Next("identity", line);
                var b = t.Next("signing key digest", line);
                string algorithm = "sha1";
                if (t.TryNext(out var c))
                {
                    algorithm = DescriptorText.Ascii(a);
                    a = b;
                    b = c;
                }

                s.Signatures.Add(new DirectorySignature(
                    algorithm,
                    DescriptorText.UpperHex(a),
                    DescriptorText.UpperHex(b),
                    DescriptorText.Ascii(item.ObjectContent).Replace("\n", string.Empty, StringComparison.Ordinal)));
                break;
            default:
                (s.Unrecognized ??= []).Add(item.LineText());
                break;
        }
    }

    private static SharedRandomValue ParseSharedRandom(DescriptorItem item)
    {
        var t = item.Tokens();
        int reveals = DescriptorText.ParseInt32(t.Next("reveals", item.LineNumber), "NumReveals", item.LineNumber);
        return new SharedRandomValue(reveals, DescriptorText.Ascii(t.Next("value", item.LineNumber)));
    }

    private static string[] SplitCommas(ReadOnlySpan<byte> arguments) =>
        DescriptorText.Ascii(arguments).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private enum Section
    {
        Header,
        Authority,
        Entries,
        Footer,
    }

    private sealed class State
    {
        public string Flavor = "ns";
        public string? VoteStatus;
        public int? ConsensusMethod;
        public List<int> ConsensusMethods = [];
        public DateTime? Published;
        public DateTime ValidAfter;
        public DateTime FreshUntil;
        public DateTime ValidUntil;
        public int VoteSeconds;
        public int DistSeconds;
        public string[] ClientVersions = [];
        public string[] ServerVersions = [];
        public List<string>? Packages;
        public string[] KnownFlags = [];
        public IReadOnlyDictionary<string, string>? FlagThresholds;
        public IReadOnlyDictionary<string, IReadOnlyList<int>>? RecommendedClientProtocols;
        public IReadOnlyDictionary<string, IReadOnlyList<int>>? RecommendedRelayProtocols;
        public IReadOnlyDictionary<string, IReadOnlyList<int>>? RequiredClientProtocols;
        public IReadOnlyDictionary<string, IReadOnlyList<int>>? RequiredRelayProtocols;
        public IReadOnlyDictionary<string, long>? Params;
        public SharedRandomValue? SharedRandPrevious;
        public SharedRandomValue? SharedRandCurrent;
        public IReadOnlyDictionary<string, string>? BandwidthFileHeaders;
        public string? BandwidthFileDigest;
        public List<DirectoryAuthority> Authorities = [];
        public List<RouterStatusEntry> Entries = [];
        public IReadOnlyDictionary<string, long>? BandwidthWeights;
        public List<DirectorySignature> Signatures = [];
        public int SignedEnd;
        public List<string>? Unrecognized;
    }
}
