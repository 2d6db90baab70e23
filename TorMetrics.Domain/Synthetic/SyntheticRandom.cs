namespace TorMetrics.Domain.Synthetic;

/// <summary>
/// xoshiro256** seeded through SplitMix64. System.Random's sequence is not promised to stay the same across .NET
/// versions, and a synthetic network must be byte-identical for a seed; separate streams per relay and purpose keep
/// one relay's values independent of how many others were generated before it.
/// </summary>
public struct SyntheticRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SyntheticRandom(ulong seed, ulong stream = 0, ulong index = 0)
    {
        var x = seed ^ (stream * 0x9E3779B97F4A7C15UL) ^ (index * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>Uniform in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public bool Chance(double probability) => NextDouble() < probability;

    public void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i += 8)
        {
            var value = NextUInt64();
            for (int j = 0; j < 8 && i + j < buffer.Length; j++)
            {
                buffer[i + j] = (byte)(value >> (8 * j));
            }
        }
    }

    public byte[] NextBytes(int length)
    {
        var bytes = new byte[length];
        NextBytes(bytes);
        return bytes;
    }

    /// <summary>Standard normal (Box–Muller), for small multiplicative noise.</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
