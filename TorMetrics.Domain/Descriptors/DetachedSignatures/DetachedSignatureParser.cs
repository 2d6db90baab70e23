using TorMetrics.Domain.Descriptors.NetworkStatuses;

namespace TorMetrics.Domain.Descriptors.DetachedSignatures;

/// <summary>Parses detached signature documents (dir-spec §3.10).</summary>
public static class DetachedSignatureParser
{
    public static DetachedSignature Parse(RawDocument raw, DescriptorKind kind)
    {
        var reader = new DescriptorReader(raw.Bytes.Span, raw.LineNumber);
        var counts = new KeywordCounts();
        string? consensusDigest = null;
        DateTime validAfter = default;
        DateTime freshUntil = default;
        DateTime validUntil = default;
        var digests = new List<AdditionalDigest>();
        var additional = new List<AdditionalSignature>();
        var signatures = new List<DirectorySignature>();
        List<string>? unrecognized = null;
        bool first = true;

        while (reader.TryReadItem(out var item))
        {
            int line = item.LineNumber;
            counts.Add(item.Keyword, line);
            var t = item.Tokens();
            switch (item.Keyword)
            {
                case "consensus-digest":
                    if (!first)
                    {
                        throw new DescriptorParseException("'consensus-digest' must come first", line, item.Keyword);
                    }

                    consensusDigest = DescriptorText.UpperHex(t.Next("digest", line));
                    break;
                case "valid-after":
                    validAfter = DescriptorText.ParseTimestamp(item.Arguments, item.Keyword, line);
                    break;
                case "fresh-until":
                    freshUntil = DescriptorText.ParseTimestamp(item.Arguments, item.Keyword, line);
                    break;
                case "valid-until":
                    validUntil = DescriptorText.ParseTimestamp(item.Arguments, item.Keyword, line);
                    break;
                case "additional-digest":
                    digests.Add(new AdditionalDigest(
                        DescriptorText.Ascii(t.Next("flavor", line)),
                        DescriptorText.Ascii(t.Next("algorithm", line)),
                        DescriptorText.UpperHex(t.Next("digest", line))));
                    break;
                case "additional-signature":
                    item.RequireObject("SIGNATURE");
                    additional.Add(new AdditionalSignature(
                        DescriptorText.Ascii(t.Next("flavor", line)),
                        DescriptorText.Ascii(t.Next("algorithm", line)),
                        DescriptorText.UpperHex(t.Next("identity", line)),
                        DescriptorText.UpperHex(t.Next("signing key digest", line)),
                        SignatureText(item)));
                    break;
                case "directory-signature":
                    item.RequireObject("SIGNATURE");
                    var a = t.Next("identity", line);
                    var b = t.Next("signing key digest", line);
                    string algorithm = "sha1";
                    if (t.TryNext(out var c))
                    {
                        algorithm = DescriptorText.Ascii(a);
                        a = b;
                        b = c;
                    }

                    signatures.Add(new DirectorySignature(algorithm, DescriptorText.UpperHex(a), DescriptorText.UpperHex(b), SignatureText(item)));
                    break;
                default:
                    (unrecognized ??= []).Add(item.LineText());
                    break;
            }

            first = false;
        }

        if (first)
        {
            throw new DescriptorParseException("empty document", raw.LineNumber);
        }

        counts.RequireExactlyOnce(raw.LineNumber, "valid-after", "fresh-until", "valid-until");
        counts.RequireAtMostOnce("consensus-digest");
        return new DetachedSignature
        {
            Kind = kind,
            Raw = raw,
            ConsensusDigest = consensusDigest,
            ValidAfter = validAfter,
            FreshUntil = freshUntil,
            ValidUntil = validUntil,
            AdditionalDigests = digests,
            AdditionalSignatures = additional,
            Signatures = signatures,
            UnrecognizedLines = unrecognized ?? [],
        };
    }

    private static string SignatureText(DescriptorItem item) =>
        DescriptorText.Ascii(item.ObjectContent).Replace("\n", string.Empty, StringComparison.Ordinal);
}
