namespace FusionKit.Data;

/// <summary>
/// Stratified train/validation splits and class-balanced subsets, reproducible from a seed on any machine:
/// each class's indices are shuffled by one <see cref="SplitMix64"/> stream (classes in label order), and every
/// selection takes a prefix of those orders. So the same seed gives the same indices, and for one seed a
/// smaller subset is contained in a larger one. Returned indices are sorted ascending.
/// </summary>
public static class StratifiedSampling
{
    /// <summary>
    /// Splits <paramref name="dataset"/> into (train, validation): each class c with n_c samples gives
    /// round(n_c x <paramref name="validationFraction"/>) samples (midpoint away from zero) to validation.
    /// </summary>
    /// <remarks>With <paramref name="minimumPerClass"/> &gt; 0, see <see cref="SplitIndices"/>.</remarks>
    public static (Dataset Train, Dataset Validation) TrainValidationSplit(Dataset dataset, double validationFraction, int seed, int minimumPerClass = 0)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var (train, validation) = SplitIndices(dataset.Labels(), dataset.ClassNames.Count, validationFraction, seed, minimumPerClass);
        if (validation.Length == 0)
            throw new ArgumentException($"Dataset '{dataset.Name}': a validation fraction of {validationFraction} leaves the validation set empty.", nameof(validationFraction));
        if (train.Length == 0)
            throw new ArgumentException($"Dataset '{dataset.Name}': a validation fraction of {validationFraction} leaves the training set empty.", nameof(validationFraction));
        var tag = $"s{seed}-v{validationFraction.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}" + (minimumPerClass > 0 ? $"-min{minimumPerClass}" : "");
        return (dataset.Select(train, $"train-{tag}"), dataset.Select(validation, $"val-{tag}"));
    }

    /// <summary>A subset with <paramref name="perClass"/> samples of every class (each class must have that many).</summary>
    public static Dataset SubsetPerClass(Dataset dataset, int perClass, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.Select(SubsetIndicesPerClass(dataset.Labels(), dataset.ClassNames.Count, perClass, seed), $"{perClass}pc-s{seed}");
    }

    /// <summary>
    /// A subset of <paramref name="total"/> samples with the classes in the dataset's proportions
    /// (largest-remainder apportionment; ties go to the lower label).
    /// </summary>
    public static Dataset SubsetTotal(Dataset dataset, int total, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.Select(SubsetIndicesTotal(dataset.Labels(), dataset.ClassNames.Count, total, seed), $"{total}-s{seed}");
    }

    /// <summary>Index form of <see cref="TrainValidationSplit"/>.</summary>
    /// <param name="labels">Each sample's class.</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="validationFraction">Share of each class sent to the second part.</param>
    /// <param name="seed">Shuffling seed.</param>
    /// <param name="minimumPerClass">
    /// The fallback for tiny data: a class of at least <paramref name="minimumPerClass"/> + 1 samples sends at least
    /// this many to the second part even where its fraction rounds to fewer (default 0: the fraction alone).
    /// </param>
    public static (int[] Train, int[] Validation) SplitIndices(IReadOnlyList<int> labels, int classCount, double validationFraction, int seed,
                                                               int minimumPerClass = 0)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must lie strictly between 0 and 1.");
        var orders = ShuffledByClass(labels, classCount, seed);
        var train = new List<int>();
        var validation = new List<int>();
        foreach (var order in orders)
        {
            var take = (int)Math.Round(order.Length * validationFraction, MidpointRounding.AwayFromZero);
            if (take < minimumPerClass && order.Length > minimumPerClass) take = minimumPerClass;
            validation.AddRange(order.Take(take));
            train.AddRange(order.Skip(take));
        }
        return (Sorted(train), Sorted(validation));
    }

    /// <summary>Index form of <see cref="SubsetPerClass"/>.</summary>
    public static int[] SubsetIndicesPerClass(IReadOnlyList<int> labels, int classCount, int perClass, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perClass);
        var orders = ShuffledByClass(labels, classCount, seed);
        for (var c = 0; c < classCount; c++)
        {
            if (orders[c].Length < perClass)
                throw new ArgumentException($"Class {c} has {orders[c].Length} samples, fewer than the {perClass} per class asked for.", nameof(perClass));
        }
        return Sorted(orders.SelectMany(o => o.Take(perClass)));
    }

    /// <summary>Index form of <see cref="SubsetTotal"/>.</summary>
    public static int[] SubsetIndicesTotal(IReadOnlyList<int> labels, int classCount, int total, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total);
        if (total > labels.Count)
            throw new ArgumentOutOfRangeException(nameof(total), total, $"Asked for {total} samples, the dataset has {labels.Count}.");
        var orders = ShuffledByClass(labels, classCount, seed);
        var quota = Apportion(orders.Select(o => o.Length).ToArray(), total);
        return Sorted(orders.SelectMany((o, c) => o.Take(quota[c])));
    }

    /// <summary>
    /// Splits <paramref name="total"/> over classes in proportion to <paramref name="sizes"/>: floor of each
    /// exact share, then one more to the largest remainders (ties: lower class first).
    /// </summary>
    internal static int[] Apportion(int[] sizes, int total)
    {
        long n = sizes.Sum(s => (long)s);
        var quota = sizes.Select(s => (int)(s * (long)total / n)).ToArray();
        var left = total - quota.Sum();
        var byRemainder = Enumerable.Range(0, sizes.Length)
            .OrderByDescending(c => sizes[c] * (long)total % n)
            .ThenBy(c => c)
            .Take(left);
        foreach (var c in byRemainder) quota[c]++;
        return quota;
    }

    private static int[][] ShuffledByClass(IReadOnlyList<int> labels, int classCount, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var members = Enumerable.Range(0, classCount).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0 || labels[i] >= classCount)
                throw new ArgumentException($"Label {labels[i]} at index {i} is outside 0..{classCount - 1}.", nameof(labels));
            members[labels[i]].Add(i);
        }
        var rng = new SplitMix64(seed);
        var orders = new int[classCount][];
        for (var c = 0; c < classCount; c++)
        {
            orders[c] = members[c].ToArray();
            rng.Shuffle<int>(orders[c]);
        }
        return orders;
    }

    private static int[] Sorted(IEnumerable<int> indices)
    {
        var array = indices.ToArray();
        Array.Sort(array);
        return array;
    }
}
