using System.Globalization;

namespace TorMetrics.Domain.Descriptors;

/// <summary>
/// Unix-epoch and ISO-8601 timestamps as the measurement formats write them: bandwidth files
/// (integer seconds, <c>YYYY-MM-DDTHH:MM:SS</c>) and torperf results (seconds with decimals).
/// Decimals are parsed as <see cref="decimal"/> so <c>1491891870.51</c> stays exact.
/// </summary>
public static class UnixTime
{
    /// <summary>Integer seconds since 1970-01-01 UTC.</summary>
    public static bool TryParseSeconds(ReadOnlySpan<byte> s, out DateTime value)
    {
        value = default;
        if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            || seconds > 253402300799L)
        {
            return false;
        }

        value = DateTime.UnixEpoch.AddSeconds(seconds);
        return true;
    }

    /// <summary>Seconds since the epoch with an optional fraction, to 100 ns (the tick).</summary>
    public static bool TryParseFractionalSeconds(ReadOnlySpan<byte> s, out DateTime value)
    {
        value = default;
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal seconds)
            || seconds > 253402300799m)
        {
            return false;
        }

        value = DateTime.UnixEpoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary><c>YYYY-MM-DDTHH:MM:SS</c> in UTC, the bandwidth-file header and <c>time=</c> format.</summary>
    public static bool TryParseIso(string s, out DateTime value) =>
        DateTime.TryParseExact(
            s,
            "yyyy-MM-dd'T'HH:mm:ss",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
            out value);
}
