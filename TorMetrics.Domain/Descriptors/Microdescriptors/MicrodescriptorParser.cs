using System.Security.Cryptography;

namespace TorMetrics.Domain.Descriptors.Microdescriptors;

/// <summary>Parses microdescriptors (dir-spec §3.3).</summary>
public static class MicrodescriptorParser
{
    public static Microdescriptor Parse(RawDocument raw, DescriptorKind kind)
    {
        var data = raw.Bytes.Span;
        var reader = new DescriptorReader(data, raw.LineNumber);
        var counts = new KeywordCounts();
        bool first = true;
        bool tapKey = false;
        string? ntor = null;
        List<OrAddress>? addresses = null;
        string[] family = [];
        string[] familyIds = [];
        string? policy = null;
        string? policy6 = null;
        Dictionary<string, string>? ids = null;
        IReadOnlyDictionary<string, IReadOnlyList<int>>? protocols = null;
        List<string>? unrecognized = null;

        while (reader.TryReadItem(out var item))
        {
            int line = item.LineNumber;
            if (first && !string.Equals(item.Keyword, "onion-key", StringComparison.Ordinal))
            {
                throw new DescriptorParseException($"first keyword must be 'onion-key', got '{item.Keyword}'", line, item.Keyword);
            }

            first = false;
            counts.Add(item.Keyword, line);
            switch (item.Keyword)
            {
                case "onion-key":
                    if (item.HasObject)
                    {
                        item.RequireObject("RSA PUBLIC KEY");
                        tapKey = true;
                    }

                    break;
                case "ntor-onion-key":
                    ntor = DescriptorText.Ascii(item.Tokens().Next("key", line));
                    break;
                case "a":
                    (addresses ??= []).Add(OrAddress.Parse(item.Tokens().Next("address", line), line));
                    break;
                case "family":
                    family = DescriptorText.Ascii(item.Arguments).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    break;
                case "family-ids":
                    familyIds = DescriptorText.Ascii(item.Arguments).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    break;
                case "p":
                    policy = DescriptorText.Ascii(item.Arguments);
                    break;
                case "p6":
                    policy6 = DescriptorText.Ascii(item.Arguments);
                    break;
                case "id":
                    var t = item.Tokens();
                    string type = DescriptorText.Ascii(t.Next("key type", line));
                    ids ??= new(StringComparer.Ordinal);
                    if (!ids.TryAdd(type, DescriptorText.Ascii(t.Next("key", line))))
                    {
                        throw new DescriptorParseException($"'id {type}' appears more than once", line, item.Keyword);
                    }

                    break;
                case "pr":
                    protocols = ProtocolVersions.Parse(item.Arguments, line);
                    break;
                default:
                    (unrecognized ??= []).Add(item.LineText());
                    break;
            }
        }

        if (first)
        {
            throw new DescriptorParseException("empty document", raw.LineNumber);
        }

        counts.RequireExactlyOnce(raw.LineNumber, "onion-key");
        counts.RequireAtMostOnce("ntor-onion-key", "family", "family-ids", "p", "p6", "pr");

        byte[] digest = SHA256.HashData(data);
        return new Microdescriptor
        {
            Kind = kind,
            Raw = raw,
            HasTapOnionKey = tapKey,
            NtorOnionKey = ntor,
            OrAddresses = addresses?.ToArray() ?? [],
            Family = family,
            FamilyIds = familyIds,
            ExitPolicySummary = policy,
            Ipv6PolicySummary = policy6,
            Identifiers = ids ?? new Dictionary<string, string>(),
            Protocols = protocols ?? new Dictionary<string, IReadOnlyList<int>>(),
            DigestSha256Base64 = DescriptorText.ToBase64Unpadded(digest),
            DigestSha256Hex = Convert.ToHexStringLower(digest),
            UnrecognizedLines = unrecognized ?? [],
        };
    }
}
