using System.Net;

namespace TorMetrics.Domain.Descriptors.ExitLists;

/// <summary>
/// Parses TorDNSEL exit lists. A malformed block fails the whole list: the list is one document
/// identified by its download time, and a half-read list would look like relays stopped exiting.
/// </summary>
public static class ExitListParser
{
    public static ExitList Parse(RawDocument raw, DescriptorKind kind)
    {
        var reader = new DescriptorReader(raw.Bytes.Span, raw.LineNumber);
        var entries = new List<ExitListEntry>();
        List<string>? unrecognized = null;
        DateTime? downloaded = null;
        EntryBuilder? current = null;
        bool any = false;

        while (reader.TryReadItem(out var item))
        {
            any = true;
            int line = item.LineNumber;
            switch (item.Keyword)
            {
                case "Downloaded" when current is null && entries.Count == 0:
                    if (downloaded is not null)
                    {
                        throw new DescriptorParseException("'Downloaded' appears more than once", line, item.Keyword);
                    }

                    downloaded = DescriptorText.ParseTimestamp(item.Arguments, "Downloaded", line);
                    break;
                case "ExitNode":
                    if (current is not null)
                    {
                        entries.Add(current.Build());
                    }

                    var fp = item.Tokens().Next("fingerprint", line);
                    if (!DescriptorText.IsHex(fp, 40))
                    {
                        throw new DescriptorParseException($"ExitNode fingerprint is not 40 hex characters: '{DescriptorText.Ascii(fp)}'", line, item.Keyword);
                    }

                    current = new EntryBuilder(DescriptorText.UpperHex(fp), line);
                    break;
                default:
                    if (current is null)
                    {
                        (unrecognized ??= []).Add(item.LineText());
                    }
                    else
                    {
                        current.Add(item);
                    }

                    break;
            }
        }

        if (!any)
        {
            throw new DescriptorParseException("empty exit list", raw.LineNumber);
        }

        if (current is not null)
        {
            entries.Add(current.Build());
        }

        return new ExitList
        {
            Kind = kind,
            Raw = raw,
            Downloaded = downloaded,
            Entries = entries,
            UnrecognizedLines = unrecognized ?? [],
        };
    }

    // IPAddress.TryParse also takes legacy forms like "10.1" or "0x0a.0.0.1"; only dotted quads are written here.
    private static bool IsAddress(string text) =>
        IPAddress.TryParse(text, out var ip)
        && (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || string.Equals(ip.ToString(), text, StringComparison.Ordinal));

    private sealed class EntryBuilder(string fingerprint, int lineNumber)
    {
        private readonly List<ExitAddress> _addresses = [];
        private DateTime? _published;
        private DateTime? _lastStatus;
        private List<string>? _unrecognized;

        public void Add(DescriptorItem item)
        {
            int line = item.LineNumber;
            switch (item.Keyword)
            {
                case "Published":
                    _published = Once(_published, item, DescriptorText.ParseTimestamp(item.Arguments, "Published", line));
                    break;
                case "LastStatus":
                    _lastStatus = Once(_lastStatus, item, DescriptorText.ParseTimestamp(item.Arguments, "LastStatus", line));
                    break;
                case "ExitAddress":
                    var t = item.Tokens();
                    var address = t.Next("exit address", line);
                    string text = DescriptorText.Ascii(address);
                    if (!IsAddress(text))
                    {
                        throw new DescriptorParseException($"invalid exit address '{text}'", line, item.Keyword);
                    }

                    _addresses.Add(new ExitAddress(text, DescriptorText.ParseTimestamp(ref t, "ExitAddress", line)));
                    break;
                default:
                    (_unrecognized ??= []).Add(item.LineText());
                    break;
            }
        }

        public ExitListEntry Build()
        {
            if (_published is null || _lastStatus is null)
            {
                throw new DescriptorParseException(
                    $"ExitNode {fingerprint} lacks '{(_published is null ? "Published" : "LastStatus")}'", lineNumber, "ExitNode");
            }

            return new ExitListEntry
            {
                Fingerprint = fingerprint,
                Published = _published.Value,
                LastStatus = _lastStatus.Value,
                ExitAddresses = _addresses,
                UnrecognizedLines = _unrecognized ?? [],
                LineNumber = lineNumber,
            };
        }

        private DateTime Once(DateTime? existing, DescriptorItem item, DateTime value) =>
            existing is null ? value : throw new DescriptorParseException($"'{item.Keyword}' appears more than once in ExitNode {fingerprint}", item.LineNumber, item.Keyword);
    }
}
