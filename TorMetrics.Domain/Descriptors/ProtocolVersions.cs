namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Parses subprotocol lists such as <c>Link=1-5 Relay=1-4 FlowCtrl=1-2</c> (<c>proto</c>,
/// <c>pr</c>, <c>*-protocols</c>) into sorted version numbers per protocol.
/// </summary>
public static class ProtocolVersions
{
    // A range wider than this is not a real protocol list; refusing it keeps garbage input
    // from allocating huge arrays.
    private const int MaxRangeWidth = 1024;

    public static IReadOnlyDictionary<string, IReadOnlyList<int>> Parse(ReadOnlySpan<byte> arguments, int lineNumber)
    {
        var result = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        var tokens = new ArgumentTokenizer(arguments);
        var versions = new List<int>();
        while (tokens.TryNext(out var entry))
        {
            int eq = entry.IndexOf((byte)'=');
            if (eq <= 0)
            {
                throw new DescriptorParseException($"protocol entry '{DescriptorText.Ascii(entry)}' lacks '='", lineNumber);
            }

            versions.Clear();
            var list = entry[(eq + 1)..];
            foreach (var range in list.Split((byte)','))
            {
                var part = list[range];
                if (part.IsEmpty)
                {
                    continue;
                }

                int dash = part.IndexOf((byte)'-');
                int low = DescriptorText.ParseInt32(dash < 0 ? part : part[..dash], "protocol version", lineNumber);
                int high = dash < 0 ? low : DescriptorText.ParseInt32(part[(dash + 1)..], "protocol version", lineNumber);
                if (low < 0 || high < low || high - low > MaxRangeWidth)
                {
                    throw new DescriptorParseException($"bad protocol range '{DescriptorText.Ascii(part)}'", lineNumber);
                }

                for (int v = low; v <= high; v++)
                {
                    versions.Add(v);
                }
            }

            versions.Sort();
            result[DescriptorText.Ascii(entry[..eq])] = versions.Distinct().ToArray();
        }

        return result;
    }
}
