namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// A history line <c>keyword YYYY-MM-DD HH:MM:SS (NSEC s) v1,v2,...</c> (descriptor-formats §2.5):
/// <see cref="End"/> closes the newest interval; values are oldest first.
/// </summary>
public sealed record BandwidthHistory(DateTime End, int IntervalSeconds, IReadOnlyList<long> Values)
{
    /// <summary>Parses the arguments of a history line.</summary>
    public static BandwidthHistory Parse(ReadOnlySpan<byte> arguments, int lineNumber)
    {
        var tokens = new ArgumentTokenizer(arguments);
        var end = StatsInterval.ParseHeader(ref tokens, lineNumber, out int interval);
        var values = tokens.TryNext(out var list) ? ParseValues(list, lineNumber) : [];
        return new BandwidthHistory(end, interval, values);
    }

    private static long[] ParseValues(ReadOnlySpan<byte> list, int lineNumber)
    {
        if (list.IsEmpty)
        {
            return [];
        }

        var values = new long[list.Count((byte)',') + 1];
        int i = 0;
        foreach (var range in list.Split((byte)','))
        {
            var value = list[range];
            if (value.IsEmpty && i == values.Length - 1)
            {
                // Some tor versions end the list with a comma.
                Array.Resize(ref values, values.Length - 1);
                break;
            }

            values[i++] = DescriptorText.ParseInt64(value, "history value", lineNumber);
        }

        return values;
    }
}
