using FusionKit.Training;

namespace FusionKit.Tests.Training;

public class FeatureSetTests
{
    [Fact]
    public void FromArrays_HoldsRowsAsTensors()
    {
        using var set = FeatureSet.FromArrays([[1f, 2], [3f, 4], [5f, 6]], [[7f], [8f], [9f]], [2, 0, 1]);
        Assert.Equal(3, set.Count);
        Assert.Equal(2, set.ImageDim);
        Assert.Equal(1, set.TextDim);
        Assert.Equal(3, set.ClassCount);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, TorchTestSupport.Values(set.Image));
        Assert.Equal(new long[] { 2, 0, 1 }, set.Labels!.data<long>().ToArray());
        using var tail = set.Slice(1, 2);
        Assert.Equal(new float[] { 8, 9 }, TorchTestSupport.Values(tail.Text!));
        Assert.Equal([0, 1], tail.LabelArray);
    }

    [Fact]
    public void FromArrays_BadInput_NamesTheRow()
    {
        Assert.Contains("image[1] has 1 values", Assert.Throws<ArgumentException>(() => FeatureSet.FromArrays([[1f, 2], [3f]])).Message);
        Assert.Contains("text has 1 rows", Assert.Throws<ArgumentException>(() => FeatureSet.FromArrays([[1f], [2f]], [[1f]])).Message);
        Assert.Contains("labels[1] = -1", Assert.Throws<ArgumentException>(() => FeatureSet.FromArrays([[1f], [2f]], labels: [0, -1])).Message);
        Assert.Contains("labels has 1 entries", Assert.Throws<ArgumentException>(() => FeatureSet.FromArrays([[1f], [2f]], labels: [0])).Message);
        Assert.Throws<ArgumentException>(() => FeatureSet.FromMatrices([1f, 2, 3], imageDim: 2));
    }
}

public class EpochShuffleTests
{
    [Fact]
    public void GroupedPermutation_KeepsEachGroupTogether_InTheOrderOfTheGroupsPermutation()
    {
        int[] groups = [5, 5, 9, 1, 9, 5, 1, 7];
        var order = EpochShuffle.Permutation(groups, seed: 3, epoch: 2);
        Assert.Equal(Enumerable.Range(0, groups.Length).Select(i => (long)i), order.Order());
        // Groups in order of first appearance: 5 -> rows 0, 1, 5; 9 -> 2, 4; 1 -> 3, 6; 7 -> 7. They follow the
        // ungrouped permutation of 4 items for the same seed and epoch, each group's rows in their original order.
        long[][] members = [[0, 1, 5], [2, 4], [3, 6], [7]];
        var expected = EpochShuffle.Permutation(4, seed: 3, epoch: 2).SelectMany(g => members[g]);
        Assert.Equal(expected, order);
        Assert.Equal(order, EpochShuffle.Permutation(groups, seed: 3, epoch: 2));
        var many = Enumerable.Range(0, 600).Select(i => i % 200).ToArray(); // 200 groups of 3
        Assert.NotEqual(EpochShuffle.Permutation(many, seed: 3, epoch: 0), EpochShuffle.Permutation(many, seed: 3, epoch: 1));
    }

    [Fact]
    public void Groups_TravelWithTheSet_AndChangeItsHash()
    {
        using var plain = FeatureSet.FromMatrices([1f, 2, 3], 1, labels: [0, 1, 0]);
        using var grouped = FeatureSet.FromMatrices([1f, 2, 3], 1, labels: [0, 1, 0], groups: [4, 4, 2]);
        Assert.Null(plain.Groups);
        Assert.Equal([4, 4, 2], grouped.Groups);
        Assert.NotEqual(plain.ContentHash(), grouped.ContentHash()); // the groups change the training order
        using var tail = grouped.Slice(1, 2);
        Assert.Equal([4, 2], tail.Groups);
        Assert.Contains("groups has 2 entries for 3 rows", Assert.Throws<ArgumentException>(() => FeatureSet.FromMatrices([1f, 2, 3], 1, groups: [0, 1])).Message);
    }

    [Fact]
    public void Permutation_IsAPermutation_FixedBySeedAndEpoch()
    {
        var order = EpochShuffle.Permutation(1000, seed: 3, epoch: 0);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), order.Order());
        Assert.Equal(order, EpochShuffle.Permutation(1000, seed: 3, epoch: 0));
        Assert.NotEqual(order, EpochShuffle.Permutation(1000, seed: 3, epoch: 1));
        Assert.NotEqual(order, EpochShuffle.Permutation(1000, seed: 4, epoch: 0));
        Assert.NotEqual(Enumerable.Range(0, 1000).Select(i => (long)i), order);
    }

    [Fact]
    public void ContentHash_ChangesWithAnyValue_NotWithTheCopy()
    {
        float[][] image = [[1, 2], [3, 4]];
        float[][] text = [[5], [6]];
        using var a = FeatureSet.FromArrays(image, text, [0, 1]);
        using var same = FeatureSet.FromArrays([[1, 2], [3, 4]], [[5], [6]], [0, 1]);
        using var otherImage = FeatureSet.FromArrays([[1, 2], [3, 4.0001f]], [[5], [6]], [0, 1]);
        using var otherText = FeatureSet.FromArrays(image, [[5], [7]], [0, 1]);
        using var otherLabels = FeatureSet.FromArrays(image, text, [1, 1]);
        using var noText = FeatureSet.FromArrays(image, null, [0, 1]);
        Assert.Matches("^[0-9a-f]{64}$", a.ContentHash());
        Assert.Equal(a.ContentHash(), same.ContentHash());
        using var copy = a.Slice(0, 2);
        Assert.Equal(a.ContentHash(), copy.ContentHash());
        var hashes = new[] { a, otherImage, otherText, otherLabels, noText }.Select(s => s.ContentHash()).ToArray();
        Assert.Equal(hashes.Length, hashes.Distinct().Count());
    }
}
