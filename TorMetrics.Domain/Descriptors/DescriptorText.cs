using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Byte-level value helpers shared by all parsers: numbers, timestamps, base64 and text
/// decoding. Everything is culture-invariant and UTC.
/// </summary>
public static class DescriptorText
{
    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> s)
    {
        int i = 0;
        while (i < s.Length && (s[i] == (byte)' ' || s[i] == (byte)'\t'))
        {
            i++;
        }

        return s[i..];
    }

    public static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> s)
    {
        int n = s.Length;
        while (n > 0 && (s[n - 1] == (byte)' ' || s[n - 1] == (byte)'\t'))
        {
            n--;
        }

        return s[..n];
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s) => TrimEnd(TrimStart(s));

    /// <summary>
    /// Decodes keyword-line text. Values are ASCII in theory, but contact and platform lines
    /// carry UTF-8 and stray bytes in practice; invalid sequences become U+FFFD instead of failing.
    /// </summary>
    public static string Text(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);

    /// <summary>Decodes a token known to be ASCII (non-ASCII bytes become U+FFFD).</summary>
    public static string Ascii(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return string.Empty;
        }

        return System.Text.Ascii.IsValid(s) ? Encoding.ASCII.GetString(s) : Encoding.UTF8.GetString(s);
    }

    public static bool TryParseInt32(ReadOnlySpan<byte> s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static int ParseInt32(ReadOnlySpan<byte> s, string what, int lineNumber) =>
        TryParseInt32(s, out int v) ? v : throw new DescriptorParseException($"invalid {what} '{Ascii(s)}'", lineNumber);

    public static long ParseInt64(ReadOnlySpan<byte> s, string what, int lineNumber) =>
        TryParseInt64(s, out long v) ? v : throw new DescriptorParseException($"invalid {what} '{Ascii(s)}'", lineNumber);

    /// <summary>Parses a port; "0" means "not offered" and is returned as 0.</summary>
    public static int ParsePort(ReadOnlySpan<byte> s, string what, int lineNumber)
    {
        int v = ParseInt32(s, what, lineNumber);
        if (v is < 0 or > 65535)
        {
            throw new DescriptorParseException($"{what} out of range: {v}", lineNumber);
        }

        return v;
    }

    /// <summary>Parses <c>YYYY-MM-DD</c> and <c>HH:MM:SS</c> tokens as a UTC timestamp.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> date, ReadOnlySpan<byte> time, out DateTime value)
    {
        value = default;
        if (date.Length != 10 || time.Length != 8 || date[4] != '-' || date[7] != '-' || time[2] != ':' || time[5] != ':')
        {
            return false;
        }

        if (!TryDigits(date[..4], out int year) || !TryDigits(date.Slice(5, 2), out int month) || !TryDigits(date.Slice(8, 2), out int day)
            || !TryDigits(time[..2], out int hour) || !TryDigits(time.Slice(3, 2), out int minute) || !TryDigits(time.Slice(6, 2), out int second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        return true;
    }

    /// <summary>Reads the next two tokens as a timestamp.</summary>
    public static DateTime ParseTimestamp(ref ArgumentTokenizer tokens, string what, int lineNumber)
    {
        if (!tokens.TryNext(out var date) || !tokens.TryNext(out var time) || !TryParseTimestamp(date, time, out var value))
        {
            throw new DescriptorParseException($"invalid or missing {what} timestamp", lineNumber);
        }

        return value;
    }

    /// <summary>Parses a whole argument string "YYYY-MM-DD HH:MM:SS".</summary>
    public static DateTime ParseTimestamp(ReadOnlySpan<byte> arguments, string what, int lineNumber)
    {
        var tokens = new ArgumentTokenizer(arguments);
        return ParseTimestamp(ref tokens, what, lineNumber);
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (byte b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    /// <summary>Decodes base64 that may lack its '=' padding (tor omits it on keyword lines).</summary>
    public static bool TryDecodeBase64(ReadOnlySpan<byte> s, Span<byte> destination, out int written)
    {
        written = 0;
        int padded = (s.Length + 3) & ~3;
        if (padded > 256)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[padded];
        s.CopyTo(buffer);
        buffer[s.Length..].Fill((byte)'=');
        return Base64.DecodeFromUtf8(buffer, destination, out _, out written) == System.Buffers.OperationStatus.Done;
    }

    /// <summary>Unpadded base64 of a 20-byte value (status-entry identity/digest) to upper-case hex.</summary>
    public static string Base64ToHex(ReadOnlySpan<byte> s, int expectedBytes, string what, int lineNumber)
    {
        Span<byte> raw = stackalloc byte[64];
        if (!TryDecodeBase64(s, raw, out int n) || n != expectedBytes)
        {
            throw new DescriptorParseException($"invalid base64 {what} '{Ascii(s)}'", lineNumber);
        }

        return Convert.ToHexString(raw[..n]);
    }

    /// <summary>Base64 without '=' padding, the form tor uses on keyword lines.</summary>
    public static string ToBase64Unpadded(ReadOnlySpan<byte> data)
    {
        string s = Convert.ToBase64String(data);
        return s.TrimEnd('=');
    }

    /// <summary>True for 40 hexadecimal characters.</summary>
    public static bool IsHex(ReadOnlySpan<byte> s, int length)
    {
        if (s.Length != length)
        {
            return false;
        }

        foreach (byte b in s)
        {
            if (!char.IsAsciiHexDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Upper-cases an ASCII hex token.</summary>
    public static string UpperHex(ReadOnlySpan<byte> s)
    {
        return string.Create(s.Length, s.ToArray(), static (dst, src) =>
        {
            for (int i = 0; i < src.Length; i++)
            {
                dst[i] = char.ToUpperInvariant((char)src[i]);
            }
        });
    }
}
