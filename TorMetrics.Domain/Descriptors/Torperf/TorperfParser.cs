using System.Globalization;

namespace TorMetrics.Domain.Descriptors.Torperf;

/// <summary>
/// Parses one Torperf/OnionPerf result line: space-separated KEY=value pairs, times in Unix seconds
/// with decimals. The required keys are those every Torperf version wrote; the rest are optional and
/// every key is kept in <see cref="TorperfResult.Values"/>.
/// </summary>
public static class TorperfParser
{
    private static readonly string[] Required =
    [
        "SOURCE", "FILESIZE", "START", "SOCKET", "CONNECT", "NEGOTIATE", "REQUEST", "RESPONSE",
        "DATAREQUEST", "DATARESPONSE", "DATACOMPLETE", "WRITEBYTES", "READBYTES",
    ];

    public static TorperfResult Parse(RawDocument raw, DescriptorKind kind)
    {
        var span = raw.Bytes.Span;
        int lineNumber = raw.LineNumber;
        var reader = new DescriptorReader(span, lineNumber);
        var line = DescriptorText.Trim(reader.ReadLine(out _));
        if (span[reader.Position..].IndexOfAnyExcept(" \t\r\n"u8) >= 0)
        {
            throw new DescriptorParseException("a torperf result is a single line", lineNumber + 1);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var tokens = new ArgumentTokenizer(line);
        while (tokens.TryNext(out var token))
        {
            int eq = token.IndexOf((byte)'=');
            if (eq <= 0)
            {
                throw new DescriptorParseException($"'{DescriptorText.Text(token)}' is not KEY=value", lineNumber);
            }

            string key = DescriptorText.Ascii(token[..eq]);
            if (!values.TryAdd(key, DescriptorText.Text(token[(eq + 1)..])))
            {
                throw new DescriptorParseException($"key '{key}' appears more than once", lineNumber, key);
            }
        }

        foreach (string key in Required)
        {
            if (!values.ContainsKey(key))
            {
                throw new DescriptorParseException($"missing '{key}'", lineNumber, key);
            }
        }

        var start = Milestone(values, "START", lineNumber)
            ?? throw new DescriptorParseException("'START' must not be 0", lineNumber, "START");
        var percentiles = new Dictionary<int, DateTime>();
        foreach (var (key, _) in values)
        {
            if (key.StartsWith("DATAPERC", StringComparison.Ordinal)
                && int.TryParse(key.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out int percent)
                && Milestone(values, key, lineNumber) is { } at)
            {
                percentiles[percent] = at;
            }
        }

        return new TorperfResult
        {
            Kind = kind,
            Raw = raw,
            Source = values["SOURCE"],
            FileSize = Int64(values, "FILESIZE", lineNumber)!.Value,
            Start = start,
            Socket = Milestone(values, "SOCKET", lineNumber),
            Connect = Milestone(values, "CONNECT", lineNumber),
            Negotiate = Milestone(values, "NEGOTIATE", lineNumber),
            Request = Milestone(values, "REQUEST", lineNumber),
            Response = Milestone(values, "RESPONSE", lineNumber),
            DataRequest = Milestone(values, "DATAREQUEST", lineNumber),
            DataResponse = Milestone(values, "DATARESPONSE", lineNumber),
            DataComplete = Milestone(values, "DATACOMPLETE", lineNumber),
            WriteBytes = Int64(values, "WRITEBYTES", lineNumber)!.Value,
            ReadBytes = Int64(values, "READBYTES", lineNumber)!.Value,
            DidTimeout = values.TryGetValue("DIDTIMEOUT", out string? timeout) ? timeout == "1" : null,
            DataPercentiles = percentiles,
            Launch = Milestone(values, "LAUNCH", lineNumber),
            UsedAt = Milestone(values, "USED_AT", lineNumber),
            Path = values.TryGetValue("PATH", out string? path) ? ParsePath(path, lineNumber) : [],
            BuildTimes = values.TryGetValue("BUILDTIMES", out string? times) ? ParseBuildTimes(times, lineNumber) : [],
            Timeout = Int64(values, "TIMEOUT", lineNumber),
            Quantile = Double(values, "QUANTILE", lineNumber),
            CircuitId = Int64(values, "CIRC_ID", lineNumber),
            UsedBy = Int64(values, "USED_BY", lineNumber),
            EndpointLocal = values.GetValueOrDefault("ENDPOINTLOCAL"),
            EndpointProxy = values.GetValueOrDefault("ENDPOINTPROXY"),
            EndpointRemote = values.GetValueOrDefault("ENDPOINTREMOTE"),
            HostnameLocal = values.GetValueOrDefault("HOSTNAMELOCAL"),
            HostnameRemote = values.GetValueOrDefault("HOSTNAMEREMOTE"),
            SourceAddress = values.GetValueOrDefault("SOURCEADDRESS"),
            Values = values,
        };
    }

    // Torperf writes 0 (or 0.0) for milestones a failed download never reached.
    private static DateTime? Milestone(Dictionary<string, string> values, string key, int lineNumber)
    {
        if (!values.TryGetValue(key, out string? text))
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal seconds)
            || !UnixTime.TryParseFractionalSeconds(System.Text.Encoding.ASCII.GetBytes(text), out var value))
        {
            throw new DescriptorParseException($"'{key}' is not a Unix time: '{text}'", lineNumber, key);
        }

        return seconds == 0 ? null : value;
    }

    private static long? Int64(Dictionary<string, string> values, string key, int lineNumber)
    {
        if (!values.TryGetValue(key, out string? text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new DescriptorParseException($"'{key}' is not an integer: '{text}'", lineNumber, key);
    }

    private static double? Double(Dictionary<string, string> values, string key, int lineNumber)
    {
        if (!values.TryGetValue(key, out string? text))
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new DescriptorParseException($"'{key}' is not a number: '{text}'", lineNumber, key);
    }

    private static string[] ParsePath(string text, int lineNumber)
    {
        string[] hops = text.Split(',', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < hops.Length; i++)
        {
            string hex = hops[i].StartsWith('$') ? hops[i][1..] : hops[i];

            // OnionPerf may append "~nickname" or "=nickname" to a hop, as tor's control port writes them.
            int cut = hex.IndexOfAny(['~', '=']);
            hex = cut < 0 ? hex : hex[..cut];
            if (hex.Length != 40 || !hex.All(char.IsAsciiHexDigit))
            {
                throw new DescriptorParseException($"PATH hop '{hops[i]}' is not a fingerprint", lineNumber, "PATH");
            }

            hops[i] = hex.ToUpperInvariant();
        }

        return hops;
    }

    private static double[] ParseBuildTimes(string text, int lineNumber)
    {
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var result = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
            {
                throw new DescriptorParseException($"BUILDTIMES value '{parts[i]}' is not a number", lineNumber, "BUILDTIMES");
            }
        }

        return result;
    }
}
