using TorMetrics.Domain.Bandwidth.Generation;

namespace TorMetrics.Tests.Bandwidth;

/// <summary>Python's rounding of the exact binary value, halves to even, which the oracle files depend on.</summary>
public sealed class ExactRoundingTests
{
    [Theory]
    [InlineData(8570436.0, 2, 8600)]   // the synthetic oracle's capped relay
    [InlineData(8570436.0, 3, 8570)]
    [InlineData(123456.0, 2, 120)]
    [InlineData(123456.0, 3, 123)]
    [InlineData(6172.8, 2, 6)]
    [InlineData(12.3456, 3, 1)]        // at most 1 KB becomes the minimum, 1
    [InlineData(0.0, 2, 1)]
    [InlineData(2500.0, 1, 2)]         // 2.5 KB: the half goes to even
    [InlineData(3500.0, 1, 4)]
    [InlineData(1500000.0, 2, 1500)]
    [InlineData(1450000.0, 2, 1400)]   // 1450 has an exact binary value: a true tie, to even
    public void KilobytesToSignificantDigits_MatchesPythonRound(double bytes, int digits, long expected) =>
        Assert.Equal(expected, ExactRounding.KilobytesToSignificantDigits(bytes, digits));

    [Theory]
    [InlineData(0.125, "0.12")]        // exact tie: even
    [InlineData(0.375, "0.38")]
    [InlineData(1.005, "1.00")]        // 1.005 is stored just below the half
    [InlineData(4.2070, "4.21")]
    [InlineData(1.0, "1.00")]
    [InlineData(0.0775, "0.08")]
    public void Format_TwoDecimals_MatchesPythonFormat(double value, string expected) =>
        Assert.Equal(expected, ExactRounding.Format(value, 2));
}
