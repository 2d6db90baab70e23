namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Reads the dir-spec §1.2 document meta-format once for every parser: keyword lines,
/// arguments and <c>-----BEGIN X-----</c> objects, with line numbers and byte offsets.
/// Works on bytes so digests can be computed over exact ranges and keywords compared without
/// allocating. Annotation lines (<c>@...</c>) come back as items whose keyword starts with '@'.
/// </summary>
public ref struct DescriptorReader
{
    private static ReadOnlySpan<byte> BeginPrefix => "-----BEGIN "u8;

    private static ReadOnlySpan<byte> EndPrefix => "-----END "u8;

    private static ReadOnlySpan<byte> Dashes => "-----"u8;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _lineNumber;

    /// <param name="data">The bytes to read.</param>
    /// <param name="firstLineNumber">Line number of the first byte's line in the whole file.</param>
    public DescriptorReader(ReadOnlySpan<byte> data, int firstLineNumber = 1)
    {
        _data = data;
        _position = 0;
        _lineNumber = firstLineNumber;
    }

    /// <summary>Offset of the next unread byte.</summary>
    public readonly int Position => _position;

    /// <summary>Line number of the next unread line.</summary>
    public readonly int LineNumber => _lineNumber;

    /// <summary>
    /// Reads the next item, skipping blank lines. Returns false at the end of the data.
    /// Throws <see cref="DescriptorParseException"/> for an object without keyword or an unterminated object.
    /// </summary>
    public bool TryReadItem(out DescriptorItem item)
    {
        int start;
        int lineEnd;
        int lineNumber;
        ReadOnlySpan<byte> line;
        do
        {
            if (_position >= _data.Length)
            {
                item = default;
                return false;
            }

            start = _position;
            lineNumber = _lineNumber;
            line = ReadLine(out lineEnd);
        }
        while (DescriptorText.Trim(line).IsEmpty);

        if (line.StartsWith(BeginPrefix))
        {
            throw new DescriptorParseException("object block without a keyword line", lineNumber);
        }

        int keywordStart = start;
        int end = FindKeywordEnd(line);
        var keyword = line[..end];
        var arguments = DescriptorText.Trim(line[end..]);

        // Old tor versions prefixed many items with "opt " (dir-spec §1.2); it carries no meaning.
        if (keyword.SequenceEqual("opt"u8) && !arguments.IsEmpty)
        {
            int skip = line.Length - DescriptorText.TrimStart(line[end..]).Length;
            keywordStart = start + skip;
            line = line[skip..];
            end = FindKeywordEnd(line);
            keyword = line[..end];
            arguments = DescriptorText.Trim(line[end..]);
        }

        string? objectType = null;
        ReadOnlySpan<byte> objectContent = default;
        int itemEnd = lineEnd;
        if (_position < _data.Length && _data[_position..].StartsWith(BeginPrefix))
        {
            int objectLineNumber = _lineNumber;
            var begin = ReadLine(out _);
            objectType = ObjectTag(begin, BeginPrefix, objectLineNumber);
            int contentStart = _position;
            while (true)
            {
                if (_position >= _data.Length)
                {
                    throw new DescriptorParseException($"object {objectType} is not terminated", objectLineNumber, KeywordTable.Get(keyword));
                }

                int contentEnd = _position;
                int endLineNumber = _lineNumber;
                var objectLine = ReadLine(out int objectLineEnd);
                if (objectLine.StartsWith(EndPrefix))
                {
                    string endTag = ObjectTag(objectLine, EndPrefix, endLineNumber);
                    if (!string.Equals(endTag, objectType, StringComparison.Ordinal))
                    {
                        throw new DescriptorParseException($"object BEGIN {objectType} ends with END {endTag}", endLineNumber);
                    }

                    objectContent = _data[contentStart..contentEnd];
                    itemEnd = objectLineEnd;
                    break;
                }
            }
        }

        item = new DescriptorItem(
            KeywordTable.Get(keyword),
            keyword,
            arguments,
            line,
            lineNumber,
            start,
            keywordStart,
            lineEnd,
            itemEnd,
            objectType,
            objectContent);
        return true;
    }

    /// <summary>Reads one raw line (without LF and without a CR right before the LF).</summary>
    public ReadOnlySpan<byte> ReadLine(out int lineEnd)
    {
        var rest = _data[_position..];
        int nl = rest.IndexOf((byte)'\n');
        ReadOnlySpan<byte> line;
        if (nl < 0)
        {
            line = rest;
            _position = _data.Length;
        }
        else
        {
            line = rest[..nl];
            _position += nl + 1;
        }

        lineEnd = _position;
        _lineNumber++;

        // CRLF files exist (files that went through Windows). Strip only a CR that ends the
        // line: a bare CR inside a contact line is data and is kept.
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return line;
    }

    private static int FindKeywordEnd(ReadOnlySpan<byte> line)
    {
        int i = line.IndexOfAny((byte)' ', (byte)'\t');
        return i < 0 ? line.Length : i;
    }

    private static string ObjectTag(ReadOnlySpan<byte> line, ReadOnlySpan<byte> prefix, int lineNumber)
    {
        var tag = DescriptorText.TrimEnd(line[prefix.Length..]);
        if (!tag.EndsWith(Dashes))
        {
            throw new DescriptorParseException("malformed object delimiter line", lineNumber);
        }

        return KeywordTable.Get(tag[..^Dashes.Length]);
    }
}
