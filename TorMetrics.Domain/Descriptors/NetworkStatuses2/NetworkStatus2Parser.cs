using System.Security.Cryptography;
using TorMetrics.Domain.Descriptors.NetworkStatuses;

namespace TorMetrics.Domain.Descriptors.NetworkStatuses2;

/// <summary>Parses version 2 network statuses: header, <c>r</c>/<c>s</c>/<c>v</c> entries, one signature.</summary>
public static class NetworkStatus2Parser
{
    public static NetworkStatus2 Parse(RawDocument raw, DescriptorKind kind)
    {
        var span = raw.Bytes.Span;
        var reader = new DescriptorReader(span, raw.LineNumber);
        var counts = new KeywordCounts();
        var entries = new List<RouterStatusEntry>();
        var builder = new RouterStatusEntryBuilder(hasDescriptorDigest: true);
        List<string>? unrecognized = null;
        string? hostname = null;
        string? address = null;
        int dirPort = 0;
        string? fingerprint = null;
        string? contact = null;
        DateTime published = default;
        string[] options = [];
        string[] clientVersions = [];
        string[] serverVersions = [];
        string? signingKey = null;
        string? signatureNickname = null;
        string? signature = null;
        string? digest = null;
        bool first = true;

        while (reader.TryReadItem(out var item))
        {
            int line = item.LineNumber;
            if (first)
            {
                if (!string.Equals(item.Keyword, "network-status-version", StringComparison.Ordinal) || !item.Arguments.SequenceEqual("2"u8))
                {
                    throw new DescriptorParseException("first line must be 'network-status-version 2'", line, item.Keyword);
                }

                first = false;
                continue;
            }

            if (signature is not null)
            {
                throw new DescriptorParseException($"'{item.Keyword}' after 'directory-signature'", line, item.Keyword);
            }

            if (item.Keyword == "r")
            {
                if (builder.InEntry)
                {
                    entries.Add(builder.Build());
                }

                builder.Begin(item);
                continue;
            }

            if (builder.InEntry && item.Keyword != "directory-signature")
            {
                builder.Add(item);
                continue;
            }

            counts.Add(item.Keyword, line);
            var t = item.Tokens();
            switch (item.Keyword)
            {
                case "dir-source":
                    hostname = DescriptorText.Ascii(t.Next("hostname", line));
                    address = DescriptorText.Ascii(t.Next("address", line));
                    dirPort = DescriptorText.ParsePort(t.Next("DirPort", line), "DirPort", line);
                    break;
                case "fingerprint":
                    var fp = t.Next("fingerprint", line);
                    if (!DescriptorText.IsHex(fp, 40))
                    {
                        throw new DescriptorParseException("fingerprint is not 40 hex characters", line, item.Keyword);
                    }

                    fingerprint = DescriptorText.UpperHex(fp);
                    break;
                case "contact":
                    contact = DescriptorText.Text(item.Arguments);
                    break;
                case "published":
                    published = DescriptorText.ParseTimestamp(item.Arguments, "published", line);
                    break;
                case "dir-options":
                    options = Words(item.Arguments, ' ');
                    break;
                case "client-versions":
                    clientVersions = Words(item.Arguments, ',');
                    break;
                case "server-versions":
                    serverVersions = Words(item.Arguments, ',');
                    break;
                case "dir-signing-key":
                    item.RequireObject("RSA PUBLIC KEY");
                    signingKey = Base64(item);
                    break;
                case "directory-signature":
                    if (builder.InEntry)
                    {
                        entries.Add(builder.Build());
                    }

                    item.RequireObject("SIGNATURE");
                    signatureNickname = DescriptorText.Ascii(t.Next("nickname", line));
                    signature = Base64(item);
                    digest = Convert.ToHexString(SHA1.HashData(span[..item.LineEnd]));
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

        counts.RequireExactlyOnce(raw.LineNumber, "dir-source", "fingerprint", "published", "dir-signing-key", "directory-signature");
        counts.RequireAtMostOnce("contact", "dir-options", "client-versions", "server-versions");
        return new NetworkStatus2
        {
            Kind = kind,
            Raw = raw,
            DirSourceHostname = hostname!,
            DirSourceAddress = address!,
            DirSourceDirPort = dirPort,
            Fingerprint = fingerprint!,
            Contact = contact,
            Published = published,
            DirOptions = options,
            ClientVersions = clientVersions,
            ServerVersions = serverVersions,
            DirSigningKey = signingKey!,
            Entries = entries,
            SignatureNickname = signatureNickname!,
            Signature = signature!,
            DigestSha1Hex = digest!,
            UnrecognizedLines = unrecognized ?? [],
        };
    }

    private static string[] Words(ReadOnlySpan<byte> arguments, char separator) =>
        DescriptorText.Ascii(arguments).Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Base64(DescriptorItem item) =>
        DescriptorText.Ascii(item.ObjectContent).Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);
}
