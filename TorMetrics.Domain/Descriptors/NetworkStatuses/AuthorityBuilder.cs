namespace TorMetrics.Domain.Descriptors.NetworkStatuses;

/// <summary>Collects one authority section (from <c>dir-source</c> to the next section).</summary>
internal sealed class AuthorityBuilder
{
    private string _nickname = string.Empty;
    private string _identity = string.Empty;
    private string _hostname = string.Empty;
    private string _address = string.Empty;
    private int _dirPort;
    private int _orPort;
    private string? _contact;
    private string? _voteDigest;
    private string? _legacyDirKey;
    private DateTime? _keyPublished;
    private DateTime? _keyExpires;

    public static AuthorityBuilder Begin(DescriptorItem item)
    {
        int line = item.LineNumber;
        var t = item.Tokens();
        return new AuthorityBuilder
        {
            _nickname = DescriptorText.Ascii(t.Next("nickname", line)),
            _identity = DescriptorText.UpperHex(t.Next("identity", line)),
            _hostname = DescriptorText.Ascii(t.Next("hostname", line)),
            _address = DescriptorText.Ascii(t.Next("address", line)),
            _dirPort = DescriptorText.ParsePort(t.Next("DirPort", line), "DirPort", line),
            _orPort = DescriptorText.ParsePort(t.Next("ORPort", line), "ORPort", line),
        };
    }

    /// <summary>Takes an item of the authority section; false if it belongs to the header instead.</summary>
    public bool TryAdd(DescriptorItem item)
    {
        switch (item.Keyword)
        {
            case "contact":
                _contact = DescriptorText.Text(item.Arguments);
                return true;
            case "vote-digest":
                _voteDigest = DescriptorText.UpperHex(item.Tokens().Next("digest", item.LineNumber));
                return true;
            case "legacy-dir-key":
                _legacyDirKey = DescriptorText.UpperHex(item.Tokens().Next("key", item.LineNumber));
                return true;
            case "dir-key-published":
                _keyPublished = DescriptorText.ParseTimestamp(item.Arguments, "dir-key-published", item.LineNumber);
                return true;
            case "dir-key-expires":
                _keyExpires = DescriptorText.ParseTimestamp(item.Arguments, "dir-key-expires", item.LineNumber);
                return true;

            // The rest of a vote's embedded key certificate and its shared-random commitments:
            // kept in the raw bytes; the certificate parser reads certificates in full.
            case "dir-key-certificate-version" or "dir-address" or "fingerprint" or "dir-identity-key" or "dir-signing-key"
                or "dir-key-crosscert" or "dir-key-certification" or "shared-rand-participate" or "shared-rand-commit":
                return true;
            default:
                return false;
        }
    }

    public DirectoryAuthority Build() => new()
    {
        Nickname = _nickname,
        Identity = _identity,
        Hostname = _hostname,
        Address = _address,
        DirPort = _dirPort,
        OrPort = _orPort,
        Contact = _contact,
        VoteDigest = _voteDigest,
        LegacyDirKey = _legacyDirKey,
        KeyCertificatePublished = _keyPublished,
        KeyCertificateExpires = _keyExpires,
    };
}
