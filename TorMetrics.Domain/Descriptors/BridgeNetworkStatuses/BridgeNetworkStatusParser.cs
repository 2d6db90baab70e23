using TorMetrics.Domain.Descriptors.NetworkStatuses;

namespace TorMetrics.Domain.Descriptors.BridgeNetworkStatuses;

/// <summary>Parses sanitised bridge network statuses: a small header, then v3-style router entries.</summary>
public static class BridgeNetworkStatusParser
{
    public static BridgeNetworkStatus Parse(RawDocument raw, DescriptorKind kind)
    {
        var reader = new DescriptorReader(raw.Bytes.Span, raw.LineNumber);
        var counts = new KeywordCounts();
        var entries = new List<RouterStatusEntry>();
        var builder = new RouterStatusEntryBuilder(hasDescriptorDigest: true);
        DateTime published = default;
        IReadOnlyDictionary<string, string>? thresholds = null;
        string? authority = null;
        List<string>? unrecognized = null;
        bool first = true;

        while (reader.TryReadItem(out var item))
        {
            int line = item.LineNumber;
            if (first && !string.Equals(item.Keyword, "published", StringComparison.Ordinal))
            {
                throw new DescriptorParseException($"first keyword must be 'published', got '{item.Keyword}'", line, item.Keyword);
            }

            first = false;
            if (item.Keyword == "r")
            {
                if (builder.InEntry)
                {
                    entries.Add(builder.Build());
                }

                builder.Begin(item);
                continue;
            }

            if (builder.InEntry)
            {
                builder.Add(item);
                continue;
            }

            counts.Add(item.Keyword, line);
            switch (item.Keyword)
            {
                case "published":
                    published = DescriptorText.ParseTimestamp(item.Arguments, "published", line);
                    break;
                case "flag-thresholds":
                    thresholds = KeyValues.ParseStrings(item.Arguments);
                    break;
                case "fingerprint":
                    var fp = item.Tokens().Next("fingerprint", line);
                    if (!DescriptorText.IsHex(fp, 40))
                    {
                        throw new DescriptorParseException("fingerprint is not 40 hex characters", line, item.Keyword);
                    }

                    authority = DescriptorText.UpperHex(fp);
                    break;
                default:
                    (unrecognized ??= []).Add(item.LineText());
                    break;
            }
        }

        if (first)
        {
            throw new DescriptorParseException("empty document", raw.LineNumber);
        }

        if (builder.InEntry)
        {
            entries.Add(builder.Build());
        }

        counts.RequireExactlyOnce(raw.LineNumber, "published");
        counts.RequireAtMostOnce("flag-thresholds", "fingerprint");
        return new BridgeNetworkStatus
        {
            Kind = kind,
            Raw = raw,
            Published = published,
            FlagThresholds = thresholds ?? new Dictionary<string, string>(),
            AuthorityFingerprint = authority ?? FingerprintFromFileName(raw.FileName),
            Entries = entries,
            UnrecognizedLines = unrecognized ?? [],
        };
    }

    // Before format 1.2 the authority was named only by CollecTor's file name.
    private static string? FingerprintFromFileName(string? fileName)
    {
        if (fileName is null)
        {
            return null;
        }

        string name = Path.GetFileName(fileName);
        int dash = name.LastIndexOf('-');
        string candidate = dash < 0 ? string.Empty : name[(dash + 1)..];
        return candidate.Length == 40 && candidate.All(char.IsAsciiHexDigit) ? candidate.ToUpperInvariant() : null;
    }
}
