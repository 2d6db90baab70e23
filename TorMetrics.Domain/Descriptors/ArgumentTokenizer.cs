namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Splits a keyword line's arguments on spaces and tabs (dir-spec §1.2: "WS") without
/// allocating.
/// </summary>
public ref struct ArgumentTokenizer
{
    private ReadOnlySpan<byte> _rest;

    public ArgumentTokenizer(ReadOnlySpan<byte> arguments) => _rest = arguments;

    /// <summary>What has not been consumed yet, leading whitespace removed.</summary>
    public readonly ReadOnlySpan<byte> Rest => DescriptorText.TrimStart(_rest);

    public bool TryNext(out ReadOnlySpan<byte> token)
    {
        var s = DescriptorText.TrimStart(_rest);
        if (s.IsEmpty)
        {
            token = default;
            _rest = s;
            return false;
        }

        int end = s.IndexOfAny((byte)' ', (byte)'\t');
        if (end < 0)
        {
            token = s;
            _rest = default;
        }
        else
        {
            token = s[..end];
            _rest = s[end..];
        }

        return true;
    }

    /// <summary>The next token, or a <see cref="DescriptorParseException"/> naming what was missing.</summary>
    public ReadOnlySpan<byte> Next(string what, int lineNumber)
    {
        if (!TryNext(out var token))
        {
            throw new DescriptorParseException($"missing {what}", lineNumber);
        }

        return token;
    }

    /// <summary>Counts the remaining tokens without consuming them.</summary>
    public readonly int CountRemaining()
    {
        var copy = this;
        int n = 0;
        while (copy.TryNext(out _))
        {
            n++;
        }

        return n;
    }
}
