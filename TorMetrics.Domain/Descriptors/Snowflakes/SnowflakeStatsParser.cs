namespace TorMetrics.Domain.Descriptors.Snowflakes;

/// <summary>Parses one Snowflake broker statistics block (snowflake broker <c>/metrics</c> output).</summary>
public static class SnowflakeStatsParser
{
    private const string FirstKeyword = "snowflake-stats-end";

    public static SnowflakeStats Parse(RawDocument raw, DescriptorKind kind)
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

        var interval = StatsInterval.Parse(first.Arguments, first.LineNumber);
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        var countries = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        List<string>? unrecognized = null;
        while (reader.TryReadItem(out var item))
        {
            string keyword = item.Keyword;
            int line = item.LineNumber;
            if (counters.ContainsKey(keyword) || countries.ContainsKey(keyword) || string.Equals(keyword, FirstKeyword, StringComparison.Ordinal))
            {
                throw new DescriptorParseException($"'{keyword}' appears more than once", line, keyword);
            }

            var args = item.Arguments;
            if (DescriptorText.TryParseInt64(args, out long value))
            {
                counters[keyword] = value;
            }
            else if ((args.IndexOf((byte)'=') > 0 && args.IndexOfAny((byte)' ', (byte)'\t') < 0)
                || (args.IsEmpty && keyword.EndsWith("-ips", StringComparison.Ordinal)))
            {
                // Country lists may be empty on a quiet day; a malformed list costs the block, as a count would be wrong.
                countries[keyword] = KeyValues.ParseLongs(args, line, (byte)',');
            }
            else
            {
                (unrecognized ??= []).Add(item.LineText());
            }
        }

        return new SnowflakeStats
        {
            Kind = kind,
            Raw = raw,
            StatsEnd = interval.End,
            IntervalSeconds = interval.IntervalSeconds,
            Counters = counters,
            CountryCounts = countries,
            UnrecognizedLines = unrecognized ?? [],
        };
    }
}
