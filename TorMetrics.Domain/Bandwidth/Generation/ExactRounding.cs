using System.Globalization;
using System.Numerics;

namespace TorMetrics.Domain.Bandwidth.Generation;

/// <summary>
/// Decimal rounding of a double's exact binary value, halves to even: what Python's <c>round(x, n)</c> and
/// <c>"{:.2f}"</c> do, and what the bandwidth file's figures must match. <c>Math.Round(x, n)</c> scales by a power
/// of ten first, which can move a value across a half; this never does.
/// </summary>
public static class ExactRounding
{
    /// <summary>The integer N nearest to x × 10^digits (digits may be negative).</summary>
    public static BigInteger ScaledRound(double value, int digits)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "not a finite number");
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger mantissa = exponent == 0 ? fraction : fraction | (1L << 52);
        int power = (exponent == 0 ? 1 : exponent) - 1075;

        // |value| × 10^digits = numerator / denominator, exactly.
        BigInteger numerator = mantissa, denominator = BigInteger.One;
        if (power >= 0)
        {
            numerator <<= power;
        }
        else
        {
            denominator <<= -power;
        }

        if (digits >= 0)
        {
            numerator *= BigInteger.Pow(10, digits);
        }
        else
        {
            denominator *= BigInteger.Pow(10, -digits);
        }

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        return negative ? -quotient : quotient;
    }

    /// <summary>
    /// Bytes per second to the file's <c>bw</c>: kilobytes (1000 B) to <paramref name="significantDigits"/>
    /// significant digits, never below 1 (sbws <c>kb_round_x_sig_dig</c>, proposal 276).
    /// </summary>
    public static long KilobytesToSignificantDigits(double bytesPerSecond, int significantDigits)
    {
        double kilobytes = bytesPerSecond / 1000;
        if (kilobytes <= 1)
        {
            return 1;
        }

        int integerDigits = (int)Math.Floor(Math.Log10(kilobytes)) + 1;
        int dropped = Math.Max(integerDigits - significantDigits, 0);
        return (long)(ScaledRound(kilobytes, -dropped) * BigInteger.Pow(10, dropped));
    }

    /// <summary>Python's <c>"{:.nf}"</c>.</summary>
    public static string Format(double value, int decimals)
    {
        var scaled = ScaledRound(value, decimals);
        var text = BigInteger.Abs(scaled).ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var sign = scaled.Sign < 0 || (scaled.IsZero && double.IsNegative(value)) ? "-" : "";
        return decimals == 0 ? sign + text : sign + text[..^decimals] + "." + text[^decimals..];
    }
}
