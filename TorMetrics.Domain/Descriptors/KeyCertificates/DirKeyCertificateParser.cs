using System.Security.Cryptography;

namespace TorMetrics.Domain.Descriptors.KeyCertificates;

/// <summary>Parses authority key certificates (dir-spec §3.1).</summary>
public static class DirKeyCertificateParser
{
    public static DirKeyCertificate Parse(RawDocument raw, DescriptorKind kind)
    {
        var data = raw.Bytes.Span;
        var reader = new DescriptorReader(data, raw.LineNumber);
        var counts = new KeywordCounts();
        string? fingerprint = null;
        DateTime published = default;
        DateTime expires = default;
        string? address = null;
        int? dirPort = null;
        byte[]? identityKey = null;
        byte[]? signingKey = null;
        int signedEnd = -1;
        List<string>? unrecognized = null;
        bool first = true;

        while (reader.TryReadItem(out var item))
        {
            int line = item.LineNumber;
            if (first && !string.Equals(item.Keyword, "dir-key-certificate-version", StringComparison.Ordinal))
            {
                throw new DescriptorParseException($"first keyword must be 'dir-key-certificate-version', got '{item.Keyword}'", line, item.Keyword);
            }

            first = false;
            if (signedEnd >= 0)
            {
                throw new DescriptorParseException("'dir-key-certification' must be the last item", line, item.Keyword);
            }

            counts.Add(item.Keyword, line);
            switch (item.Keyword)
            {
                case "dir-key-certificate-version":
                    int version = DescriptorText.ParseInt32(item.Tokens().Next("version", line), "version", line);
                    if (version != 3)
                    {
                        throw new DescriptorParseException($"unsupported certificate version {version}", line, item.Keyword);
                    }

                    break;
                case "fingerprint":
                    var fp = item.Tokens().Next("fingerprint", line);
                    if (!DescriptorText.IsHex(fp, 40))
                    {
                        throw new DescriptorParseException("fingerprint is not 40 hex characters", line, item.Keyword);
                    }

                    fingerprint = DescriptorText.UpperHex(fp);
                    break;
                case "dir-address":
                    var endpoint = OrAddress.Parse(item.Tokens().Next("address", line), line);
                    address = endpoint.Address;
                    dirPort = endpoint.Port;
                    break;
                case "dir-key-published":
                    published = DescriptorText.ParseTimestamp(item.Arguments, item.Keyword, line);
                    break;
                case "dir-key-expires":
                    expires = DescriptorText.ParseTimestamp(item.Arguments, item.Keyword, line);
                    break;
                case "dir-identity-key":
                    item.RequireObject("RSA PUBLIC KEY");
                    identityKey = item.DecodeObject();
                    break;
                case "dir-signing-key":
                    item.RequireObject("RSA PUBLIC KEY");
                    signingKey = item.DecodeObject();
                    break;
                case "dir-key-crosscert":
                    if (!item.HasObject)
                    {
                        throw new DescriptorParseException("'dir-key-crosscert' lacks its object", line, item.Keyword);
                    }

                    break;
                case "dir-key-certification":
                    item.RequireObject("SIGNATURE");
                    signedEnd = item.LineEnd;
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

        counts.RequireExactlyOnce(
            raw.LineNumber, "dir-key-certificate-version", "fingerprint", "dir-key-published", "dir-key-expires",
            "dir-identity-key", "dir-signing-key", "dir-key-certification");
        counts.RequireAtMostOnce("dir-address", "dir-key-crosscert");

        return new DirKeyCertificate
        {
            Kind = kind,
            Raw = raw,
            Fingerprint = fingerprint!,
            Published = published,
            Expires = expires,
            Address = address,
            DirPort = dirPort,
            SigningKeyDigest = Convert.ToHexString(SHA1.HashData(signingKey!)),
            IdentityKey = Convert.ToBase64String(identityKey!),
            SigningKey = Convert.ToBase64String(signingKey!),
            DigestSha1Hex = Convert.ToHexString(SHA1.HashData(data[..signedEnd])),
            UnrecognizedLines = unrecognized ?? [],
        };
    }
}
