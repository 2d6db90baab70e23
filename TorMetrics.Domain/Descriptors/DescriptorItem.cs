namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// One dir-spec §1.2 item: a keyword line, its arguments and an optional object block.
/// Offsets are relative to the span the <see cref="DescriptorReader"/> was created over, so
/// digests can be taken over exact byte ranges.
/// </summary>
public readonly ref struct DescriptorItem
{
    public DescriptorItem(
        string keyword,
        ReadOnlySpan<byte> keywordBytes,
        ReadOnlySpan<byte> arguments,
        ReadOnlySpan<byte> line,
        int lineNumber,
        int start,
        int keywordStart,
        int lineEnd,
        int end,
        string? objectType,
        ReadOnlySpan<byte> objectContent)
    {
        Keyword = keyword;
        KeywordBytes = keywordBytes;
        Arguments = arguments;
        Line = line;
        LineNumber = lineNumber;
        Start = start;
        KeywordStart = keywordStart;
        LineEnd = lineEnd;
        End = end;
        ObjectType = objectType;
        ObjectContent = objectContent;
    }

    /// <summary>The keyword, with any legacy <c>opt </c> prefix removed. Known keywords are interned.</summary>
    public string Keyword { get; }

    public ReadOnlySpan<byte> KeywordBytes { get; }

    /// <summary>Everything after the keyword, leading and trailing blanks removed.</summary>
    public ReadOnlySpan<byte> Arguments { get; }

    /// <summary>The whole keyword line without its line ending (and without <c>opt </c>).</summary>
    public ReadOnlySpan<byte> Line { get; }

    /// <summary>1-based line number of the keyword line in the file.</summary>
    public int LineNumber { get; }

    /// <summary>Offset of the first byte of the keyword line (including an <c>opt </c> prefix).</summary>
    public int Start { get; }

    /// <summary>Offset of the keyword's first byte.</summary>
    public int KeywordStart { get; }

    /// <summary>Offset just past the keyword line's LF (where an object would begin).</summary>
    public int LineEnd { get; }

    /// <summary>Offset just past the item: past the object's END line when there is an object.</summary>
    public int End { get; }

    /// <summary>The object tag, e.g. <c>RSA PUBLIC KEY</c>, or null when the item has no object.</summary>
    public string? ObjectType { get; }

    /// <summary>The object's base64 lines (between BEGIN and END, line breaks included).</summary>
    public ReadOnlySpan<byte> ObjectContent { get; }

    public bool HasObject => ObjectType is not null;

    /// <summary>A tokenizer over <see cref="Arguments"/>.</summary>
    public ArgumentTokenizer Tokens() => new(Arguments);

    /// <summary>The keyword line as text, for <c>UnrecognizedLines</c> and error messages.</summary>
    public string LineText() => DescriptorText.Text(Line);

    /// <summary>Decodes the object's base64 body.</summary>
    public byte[] DecodeObject()
    {
        if (ObjectType is null)
        {
            throw new DescriptorParseException($"'{Keyword}' has no object", LineNumber, Keyword);
        }

        try
        {
            return Convert.FromBase64String(DescriptorText.Ascii(ObjectContent));
        }
        catch (FormatException ex)
        {
            throw new DescriptorParseException($"'{Keyword}' object is not valid base64: {ex.Message}", LineNumber, Keyword);
        }
    }

    /// <summary>Throws when the item has no object or one of another type.</summary>
    public void RequireObject(string objectType)
    {
        if (!string.Equals(ObjectType, objectType, StringComparison.Ordinal))
        {
            throw new DescriptorParseException(
                ObjectType is null ? $"'{Keyword}' lacks its {objectType} object" : $"'{Keyword}' has a {ObjectType} object, expected {objectType}",
                LineNumber,
                Keyword);
        }
    }
}
