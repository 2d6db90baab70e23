namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// The <c>YYYY-MM-DD HH:MM:SS (NSEC s)</c> prefix of "stats end" lines: the end of a measurement
/// interval and its length.
/// </summary>
public sealed record StatsInterval(DateTime End, int IntervalSeconds)
{
    public static StatsInterval Parse(ReadOnlySpan<byte> arguments, int lineNumber)
    {
        var tokens = new ArgumentTokenizer(arguments);
        var end = ParseHeader(ref tokens, lineNumber, out int interval);
        return new StatsInterval(end, interval);
    }

    /// <summary>Reads "date time (N s)" from the tokenizer, leaving whatever follows.</summary>
    public static DateTime ParseHeader(ref ArgumentTokenizer tokens, int lineNumber, out int intervalSeconds)
    {
        var end = DescriptorText.ParseTimestamp(ref tokens, "interval end", lineNumber);
        if (!tokens.TryNext(out var open) || open.Length < 2 || open[0] != (byte)'('
            || !DescriptorText.TryParseInt32(open[1..], out intervalSeconds)
            || !tokens.TryNext(out var unit) || !unit.SequenceEqual("s)"u8))
        {
            throw new DescriptorParseException("interval must look like '(N s)'", lineNumber);
        }

        if (intervalSeconds <= 0)
        {
            throw new DescriptorParseException($"interval must be positive, got {intervalSeconds}", lineNumber);
        }

        return end;
    }
}
