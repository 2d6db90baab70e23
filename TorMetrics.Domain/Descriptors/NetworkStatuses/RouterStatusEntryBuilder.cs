namespace TorMetrics.Domain.Descriptors.NetworkStatuses;

/// <summary>
/// Builds <see cref="RouterStatusEntry"/> records from the lines of one status document. Shared
/// by the v3 status parser and the bridge status parser; pools repeated values per document.
/// </summary>
public sealed class RouterStatusEntryBuilder
{
    private readonly bool _hasDescriptorDigest;
    private readonly TextPool<string> _strings = new(static s => s);
    private readonly TextPool<string[]> _flags = new(static s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    private readonly TextPool<IReadOnlyDictionary<string, IReadOnlyList<int>>> _protocols;
    private int _protocolsLine;

    private string? _nickname;
    private string? _fingerprint;
    private string? _digest;
    private DateTime _published;
    private string? _address;
    private int _orPort;
    private int _dirPort;
    private List<OrAddress>? _orAddresses;
    private string[]? _flagList;
    private string? _versionLine;
    private IReadOnlyDictionary<string, IReadOnlyList<int>>? _protocolVersions;
    private long? _bandwidth;
    private long? _measured;
    private bool _unmeasured;
    private Dictionary<string, long>? _otherWeights;
    private string? _policy;
    private string? _microdescriptorDigest;
    private List<VoteMicrodescriptorHash>? _hashes;
    private string? _idType;
    private string? _id;
    private Dictionary<string, string>? _stats;
    private List<string>? _unrecognized;
    private int _entryLine;
    private int _sCount;

    /// <param name="hasDescriptorDigest">False for microdesc consensuses, whose <c>r</c> lines lack the digest field.</param>
    public RouterStatusEntryBuilder(bool hasDescriptorDigest)
    {
        _hasDescriptorDigest = hasDescriptorDigest;
        _protocols = new(s => ProtocolVersions.Parse(System.Text.Encoding.ASCII.GetBytes(s), _protocolsLine));
    }

    public bool InEntry => _nickname is not null;

    /// <summary>Starts an entry from its <c>r</c> line.</summary>
    public void Begin(DescriptorItem r)
    {
        int line = r.LineNumber;
        var t = r.Tokens();
        _entryLine = line;
        _nickname = _strings.Get(t.Next("nickname", line));
        _fingerprint = DescriptorText.Base64ToHex(t.Next("identity", line), 20, "identity", line);
        _digest = _hasDescriptorDigest ? DescriptorText.Base64ToHex(t.Next("descriptor digest", line), 20, "descriptor digest", line) : null;
        _published = DescriptorText.ParseTimestamp(ref t, "publication", line);
        _address = DescriptorText.Ascii(t.Next("address", line));
        _orPort = DescriptorText.ParsePort(t.Next("ORPort", line), "ORPort", line);
        _dirPort = DescriptorText.ParsePort(t.Next("DirPort", line), "DirPort", line);
    }

    /// <summary>Adds a line that belongs to the current entry.</summary>
    public void Add(DescriptorItem item)
    {
        int line = item.LineNumber;
        switch (item.Keyword)
        {
            case "a":
                (_orAddresses ??= []).Add(OrAddress.Parse(item.Tokens().Next("address", line), line));
                break;
            case "s":
                if (++_sCount > 1)
                {
                    throw new DescriptorParseException("'s' appears more than once in a router entry", line, "s");
                }

                _flagList = _flags.Get(item.Arguments);
                break;
            case "v":
                _versionLine = _strings.Get(item.Arguments);
                break;
            case "pr":
                _protocolsLine = line;
                _protocolVersions = _protocols.Get(item.Arguments);
                break;
            case "w":
                ParseWeights(item.Arguments, line);
                break;
            case "p":
                _policy = _strings.Get(item.Arguments);
                break;
            case "m":
                ParseMicrodescriptorLine(item.Arguments, line);
                break;
            case "id":
                var t = item.Tokens();
                _idType = _strings.Get(t.Next("id key type", line));
                _id = DescriptorText.Ascii(t.Next("id key", line));
                break;
            case "stats":
                _stats = ParseKeyValues(item.Arguments);
                break;
            default:
                (_unrecognized ??= []).Add(item.LineText());
                break;
        }
    }

    /// <summary>Finishes the current entry.</summary>
    public RouterStatusEntry Build()
    {
        if (_nickname is null)
        {
            throw new InvalidOperationException("no entry started");
        }

        var entry = new RouterStatusEntry
        {
            Nickname = _nickname,
            Fingerprint = _fingerprint!,
            DescriptorDigestSha1Hex = _digest,
            Published = _published,
            Address = _address!,
            OrPort = _orPort,
            DirPort = _dirPort,
            OrAddresses = _orAddresses?.ToArray() ?? [],
            Flags = _flagList ?? [],
            VersionLine = _versionLine,
            Version = VersionOf(_versionLine),
            Protocols = _protocolVersions ?? RouterStatusEntry.EmptyProtocols,
            Bandwidth = _bandwidth,
            Measured = _measured,
            Unmeasured = _unmeasured,
            OtherWeights = _otherWeights,
            ExitPolicySummary = _policy,
            MicrodescriptorDigestSha256Base64 = _microdescriptorDigest,
            MicrodescriptorHashes = _hashes?.ToArray() ?? [],
            IdentityKeyType = _idType,
            IdentityKey = _id,
            Stats = _stats,
            UnrecognizedLines = _unrecognized?.ToArray() ?? [],
        };
        Reset();
        return entry;
    }

    /// <summary>Line number of the current entry's <c>r</c> line.</summary>
    public int EntryLine => _entryLine;

    private static string? VersionOf(string? versionLine)
    {
        if (versionLine is null || !versionLine.StartsWith("Tor ", StringComparison.Ordinal))
        {
            return null;
        }

        int end = versionLine.IndexOf(' ', 4);
        return end < 0 ? versionLine[4..] : versionLine[4..end];
    }

    private void Reset()
    {
        _nickname = null;
        _fingerprint = null;
        _digest = null;
        _address = null;
        _orAddresses = null;
        _flagList = null;
        _versionLine = null;
        _protocolVersions = null;
        _bandwidth = null;
        _measured = null;
        _unmeasured = false;
        _otherWeights = null;
        _policy = null;
        _microdescriptorDigest = null;
        _hashes = null;
        _idType = null;
        _id = null;
        _stats = null;
        _unrecognized = null;
        _sCount = 0;
    }

    private void ParseWeights(ReadOnlySpan<byte> arguments, int line)
    {
        var t = new ArgumentTokenizer(arguments);
        while (t.TryNext(out var pair))
        {
            int eq = pair.IndexOf((byte)'=');
            if (eq <= 0)
            {
                throw new DescriptorParseException($"'w' entry '{DescriptorText.Ascii(pair)}' lacks '='", line, "w");
            }

            var key = pair[..eq];
            long value = DescriptorText.ParseInt64(pair[(eq + 1)..], "weight", line);
            if (key.SequenceEqual("Bandwidth"u8))
            {
                _bandwidth = value;
            }
            else if (key.SequenceEqual("Measured"u8))
            {
                _measured = value;
            }
            else if (key.SequenceEqual("Unmeasured"u8))
            {
                _unmeasured = value == 1;
            }
            else
            {
                (_otherWeights ??= new(StringComparer.Ordinal))[DescriptorText.Ascii(key)] = value;
            }
        }
    }

    private void ParseMicrodescriptorLine(ReadOnlySpan<byte> arguments, int line)
    {
        var t = new ArgumentTokenizer(arguments);
        var first = t.Next("microdescriptor digest", line);
        if (!_hasDescriptorDigest)
        {
            // Microdesc consensus: "m <digest>".
            _microdescriptorDigest = DescriptorText.Ascii(first);
            return;
        }

        // Vote: "m <methods> <alg>=<digest> ...".
        var methods = new List<int>();
        foreach (var range in first.Split((byte)','))
        {
            methods.Add(DescriptorText.ParseInt32(first[range], "consensus method", line));
        }

        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        while (t.TryNext(out var pair))
        {
            int eq = pair.IndexOf((byte)'=');
            if (eq <= 0)
            {
                throw new DescriptorParseException("'m' digest lacks '='", line, "m");
            }

            digests[_strings.Get(pair[..eq])] = DescriptorText.Ascii(pair[(eq + 1)..]);
        }

        (_hashes ??= []).Add(new VoteMicrodescriptorHash(methods, digests));
    }

    private static Dictionary<string, string> ParseKeyValues(ReadOnlySpan<byte> arguments)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var t = new ArgumentTokenizer(arguments);
        while (t.TryNext(out var pair))
        {
            int eq = pair.IndexOf((byte)'=');
            if (eq > 0)
            {
                result[DescriptorText.Ascii(pair[..eq])] = DescriptorText.Ascii(pair[(eq + 1)..]);
            }
        }

        return result;
    }
}
