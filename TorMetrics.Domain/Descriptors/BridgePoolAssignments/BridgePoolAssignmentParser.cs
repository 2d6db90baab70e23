namespace TorMetrics.Domain.Descriptors.BridgePoolAssignments;

/// <summary>Parses bridge pool assignments: a <c>bridge-pool-assignment</c> line, then one line per bridge.</summary>
public static class BridgePoolAssignmentParser
{
    private const string FirstKeyword = "bridge-pool-assignment";

    public static BridgePoolAssignment Parse(RawDocument raw, DescriptorKind kind)
    {
        var reader = new DescriptorReader(raw.Bytes.Span, raw.LineNumber);
        if (!reader.TryReadItem(out var first))
        {
            throw new DescriptorParseException("empty document", raw.LineNumber);
        }

        if (!string.Equals(first.Keyword, FirstKeyword, StringComparison.Ordinal))
        {
            throw new DescriptorParseException($"first keyword must be '{FirstKeyword}', got '{first.Keyword}'", first.LineNumber, first.Keyword);
        }

        var published = DescriptorText.ParseTimestamp(first.Arguments, FirstKeyword, first.LineNumber);
        var entries = new List<BridgePoolAssignmentEntry>();
        List<string>? unrecognized = null;
        while (reader.TryReadItem(out var item))
        {
            var t = item.Tokens();
            if (!DescriptorText.IsHex(item.KeywordBytes, 40) || !t.TryNext(out var distributor))
            {
                (unrecognized ??= []).Add(item.LineText());
                continue;
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            List<string>? other = null;
            while (t.TryNext(out var word))
            {
                int eq = word.IndexOf((byte)'=');
                if (eq <= 0 || !attributes.TryAdd(DescriptorText.Ascii(word[..eq]), DescriptorText.Text(word[(eq + 1)..])))
                {
                    (other ??= []).Add(DescriptorText.Text(word));
                }
            }

            entries.Add(new BridgePoolAssignmentEntry
            {
                HashedFingerprint = DescriptorText.UpperHex(item.KeywordBytes),
                Distributor = DescriptorText.Text(distributor),
                Attributes = attributes,
                OtherWords = other ?? [],
                Details = DescriptorText.Text(item.Arguments),
                LineNumber = item.LineNumber,
            });
        }

        return new BridgePoolAssignment
        {
            Kind = kind,
            Raw = raw,
            Published = published,
            Entries = entries,
            UnrecognizedLines = unrecognized ?? [],
        };
    }
}
