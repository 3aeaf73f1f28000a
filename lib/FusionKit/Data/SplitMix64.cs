namespace FusionKit.Data;

/// <summary>
/// A small seeded pseudo-random generator whose sequence is fixed by its seed on every machine and runtime
/// (unlike <see cref="Random"/>, whose algorithm is not a documented contract). SplitMix64 as defined by
/// Steele, Lea and Flood, "Fast Splittable Pseudorandom Number Generators", OOPSLA 2014, in the constants of
/// Vigna's reference implementation <see href="https://prng.di.unimi.it/splitmix64.c"/>.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator seeded from a signed integer (the seed's two's-complement bits).</summary>
    public SplitMix64(int seed) : this(unchecked((ulong)(long)seed)) { }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (rejection sampling).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var b = (ulong)bound;
        var threshold = (0UL - b) % b; // 2^64 mod b: values below it would over-represent small results
        while (true)
        {
            var r = NextUInt64();
            if (r >= threshold) return (int)(r % b);
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates, from the end).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
