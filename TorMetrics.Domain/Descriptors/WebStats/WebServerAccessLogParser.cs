using System.Globalization;
using System.Text.RegularExpressions;

namespace TorMetrics.Domain.Descriptors.WebStats;

/// <summary>
/// Parses sanitised web server logs. A line that does not parse is kept in
/// <see cref="WebServerAccessLog.UnrecognizedLines"/>: one odd request must not cost the day.
/// </summary>
public static partial class WebServerAccessLogParser
{
    public static WebServerAccessLog Parse(RawDocument raw, DescriptorKind kind)
    {
        var reader = new DescriptorReader(raw.Bytes.Span, raw.LineNumber);
        var lines = new List<WebServerAccessLogLine>();
        List<string>? unrecognized = null;
        while (reader.Position < raw.Bytes.Length)
        {
            int lineNumber = reader.LineNumber;
            var bytes = reader.ReadLine(out _);
            if (DescriptorText.Trim(bytes).IsEmpty)
            {
                continue;
            }

            string text = DescriptorText.Text(bytes);
            if (TryParseLine(text, lineNumber, out var line))
            {
                lines.Add(line);
            }
            else
            {
                (unrecognized ??= []).Add(text);
            }
        }

        if (lines.Count == 0)
        {
            throw new DescriptorParseException("no line is an access log line", raw.LineNumber);
        }

        var name = raw.FileName is null ? null : FileNamePattern().Match(Path.GetFileName(raw.FileName));
        return new WebServerAccessLog
        {
            Kind = kind,
            Raw = raw,
            VirtualHost = name is { Success: true } ? name.Groups["vhost"].Value : null,
            PhysicalHost = name is { Success: true } ? name.Groups["host"].Value : null,
            LogDate = name is { Success: true } ? DateOnly.ParseExact(name.Groups["date"].Value, "yyyyMMdd", CultureInfo.InvariantCulture) : null,
            Lines = lines,
            UnrecognizedLines = unrecognized ?? [],
        };
    }

    private static bool TryParseLine(string text, int lineNumber, out WebServerAccessLogLine line)
    {
        line = null!;
        var m = LinePattern().Match(text);
        if (!m.Success
            || !DateTimeOffset.TryParseExact(m.Groups["time"].Value, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            || !int.TryParse(m.Groups["status"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int status))
        {
            return false;
        }

        long? size = null;
        if (m.Groups["size"].Value != "-")
        {
            if (!long.TryParse(m.Groups["size"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out long s))
            {
                return false;
            }

            size = s;
        }

        line = new WebServerAccessLogLine
        {
            Address = m.Groups["address"].Value,
            Time = time.UtcDateTime,
            Method = m.Groups["method"].Success ? m.Groups["method"].Value : null,
            Path = m.Groups["path"].Success ? m.Groups["path"].Value : null,
            Protocol = m.Groups["protocol"].Success ? m.Groups["protocol"].Value : null,
            Status = status,
            Size = size,
            Referrer = m.Groups["referrer"].Success ? m.Groups["referrer"].Value : null,
            UserAgent = m.Groups["agent"].Success ? m.Groups["agent"].Value : null,
            LineNumber = lineNumber,
        };
        return true;
    }

    [GeneratedRegex("""^(?<address>\S+) \S+ \S+ \[(?<time>[^\]]+)\] "(?:(?<method>[A-Z]+) (?<path>\S+)(?: (?<protocol>[^"\s]+))?|-)" (?<status>\d{3}) (?<size>\d+|-)(?: "(?<referrer>[^"]*)" "(?<agent>[^"]*)")?.*$""", RegexOptions.CultureInvariant)]
    private static partial Regex LinePattern();

    [GeneratedRegex(@"^(?<vhost>[^_]+)_(?<host>[^_]+)_access\.log_(?<date>\d{8})(?:\.[a-z0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
