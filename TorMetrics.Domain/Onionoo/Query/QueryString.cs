using System.Text;

namespace TorMetrics.Domain.Onionoo.Query;

/// <summary>
/// Splits a raw query string the way Onionoo does: pieces on '&amp;', each must contain '='; keys are taken
/// verbatim (case-sensitive, not decoded); values are percent-decoded as UTF-8 with '+' kept literal; the first
/// occurrence of a key wins.
/// </summary>
public static class QueryString
{
    public static IReadOnlyDictionary<string, string> Parse(string? rawQuery)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = rawQuery is { Length: > 0 } && rawQuery[0] == '?' ? rawQuery[1..] : rawQuery ?? "";
        if (query.Length == 0)
        {
            return result;
        }

        foreach (var piece in query.Split('&'))
        {
            int equals = piece.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new OnionooQueryException(piece, $"Query piece '{piece}' has no '='; every parameter needs a value (key=value).");
            }

            var key = piece[..equals];
            if (!result.ContainsKey(key))
            {
                result[key] = Decode(key, piece[(equals + 1)..]);
            }
        }

        return result;
    }

    private static string Decode(string key, string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        Span<byte> buffer = stackalloc byte[4];
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '%')
            {
                if (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2]))
                {
                    throw new OnionooQueryException(key, $"Parameter '{key}' has a malformed percent escape.");
                }

                bytes.Add(Convert.FromHexString(value.AsSpan(i + 1, 2))[0]);
                i += 2;
            }
            else
            {
                int n = Encoding.UTF8.GetBytes([c], buffer);
                for (int b = 0; b < n; b++)
                {
                    bytes.Add(buffer[b]);
                }
            }
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw new OnionooQueryException(key, $"Parameter '{key}' is not valid UTF-8 after percent-decoding.");
        }
    }
}
