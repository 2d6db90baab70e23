namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Parses the key=value lists descriptors use: space-separated (<c>params</c>, <c>w</c>,
/// <c>padding-counts</c>) or comma-separated (<c>dirreq-v3-ips</c>). Unknown keys are kept.
/// </summary>
public static class KeyValues
{
    public static IReadOnlyDictionary<string, long> ParseLongs(ReadOnlySpan<byte> arguments, int lineNumber, byte separator = (byte)' ')
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in Pairs(arguments, separator, lineNumber))
        {
            if (!long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long number))
            {
                throw new DescriptorParseException($"value of '{key}' is not an integer: '{value}'", lineNumber);
            }

            result[key] = number;
        }

        return result;
    }

    public static IReadOnlyDictionary<string, string> ParseStrings(ReadOnlySpan<byte> arguments, byte separator = (byte)' ')
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Pairs(arguments, separator, 0))
        {
            result[key] = value;
        }

        return result;
    }

    private static List<(string Key, string Value)> Pairs(ReadOnlySpan<byte> arguments, byte separator, int lineNumber)
    {
        var pairs = new List<(string, string)>();
        foreach (var range in arguments.Split(separator))
        {
            var pair = DescriptorText.Trim(arguments[range]);
            if (pair.IsEmpty)
            {
                continue;
            }

            int eq = pair.IndexOf((byte)'=');
            if (eq <= 0)
            {
                throw new DescriptorParseException($"'{DescriptorText.Ascii(pair)}' is not key=value", lineNumber);
            }

            pairs.Add((DescriptorText.Ascii(pair[..eq]), DescriptorText.Ascii(pair[(eq + 1)..])));
        }

        return pairs;
    }
}
