namespace TorMetrics.Domain.Descriptors.BridgeDb;

/// <summary>Parses BridgeDB metrics blocks (bridgedb <c>metrics.py</c> output as archived by CollecTor).</summary>
public static class BridgedbMetricsParser
{
    private const string FirstKeyword = "bridgedb-metrics-end";

    public static BridgedbMetrics Parse(RawDocument raw, DescriptorKind kind)
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
        var counts = new KeywordCounts();
        string? version = null;
        var metrics = new List<BridgedbMetricCount>();
        List<string>? unrecognized = null;
        while (reader.TryReadItem(out var item))
        {
            int line = item.LineNumber;
            counts.Add(item.Keyword, line);
            switch (item.Keyword)
            {
                case "bridgedb-metrics-version":
                    version = DescriptorText.Ascii(item.Tokens().Next("version", line));
                    break;
                case "bridgedb-metric-count":
                    var t = item.Tokens();
                    string key = DescriptorText.Text(t.Next("metric key", line));
                    long count = DescriptorText.ParseInt64(t.Next("count", line), "metric count", line);
                    string[] parts = key.Split('.');
                    metrics.Add(parts.Length == 5
                        ? new BridgedbMetricCount(key, count, parts[0], parts[1], parts[2], parts[3], parts[4])
                        : new BridgedbMetricCount(key, count, null, null, null, null, null));
                    break;
                default:
                    (unrecognized ??= []).Add(item.LineText());
                    break;
            }
        }

        counts.RequireAtMostOnce("bridgedb-metrics-version", FirstKeyword);
        return new BridgedbMetrics
        {
            Kind = kind,
            Raw = raw,
            MetricsEnd = interval.End,
            IntervalSeconds = interval.IntervalSeconds,
            MetricsVersion = version,
            MetricCounts = metrics,
            UnrecognizedLines = unrecognized ?? [],
        };
    }
}
