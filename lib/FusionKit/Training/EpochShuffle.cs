namespace FusionKit.Training;

/// <summary>
/// The order in which an epoch visits the training rows: a Fisher-Yates permutation drawn from SplitMix64
/// (Steele, Lea and Flood 2014) seeded by (seed, epoch). Each epoch's order depends on nothing but those two
/// numbers, so a resumed run visits rows exactly as an uninterrupted one, and the order is the same on every
/// platform and .NET version.
/// </summary>
public static class EpochShuffle
{
    /// <summary>A permutation of 0..n-1 for the given seed and zero-based epoch.</summary>
    public static long[] Permutation(int n, long seed, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var order = new long[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var state = (ulong)seed ^ (0x9E3779B97F4A7C15UL * (ulong)(epoch + 1));
        for (var i = n - 1; i > 0; i--)
        {
            var j = (long)(Next(ref state) % (ulong)(i + 1)); // modulo bias < 2^-40 for n < 2^24: immaterial here
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>
    /// A permutation of the rows 0..n-1 (n = <paramref name="groups"/>.Count) that keeps each group's rows together:
    /// the distinct groups (in order of first appearance) are permuted by <see cref="Permutation(int, long, int)"/>
    /// for the same seed and epoch, then each group's rows follow in their original order.
    /// </summary>
    /// <param name="groups">The group of each row, any integers.</param>
    public static long[] Permutation(IReadOnlyList<int> groups, long seed, int epoch)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var slot = new Dictionary<int, int>();
        var members = new List<List<long>>();
        for (var i = 0; i < groups.Count; i++)
        {
            if (!slot.TryGetValue(groups[i], out var g))
            {
                slot[groups[i]] = g = members.Count;
                members.Add([]);
            }
            members[g].Add(i);
        }
        var order = new long[groups.Count];
        var next = 0;
        foreach (var g in Permutation(members.Count, seed, epoch))
            foreach (var row in members[(int)g])
                order[next++] = row;
        return order;
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
