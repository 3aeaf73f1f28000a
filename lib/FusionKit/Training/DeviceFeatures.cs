using static TorchSharp.torch;

namespace FusionKit.Training;

/// <summary>A <see cref="FeatureSet"/>'s tensors on the training device (copied only when not already there).</summary>
internal sealed class DeviceFeatures : IDisposable
{
    private readonly bool _owns;

    private DeviceFeatures(Tensor image, Tensor? text, Tensor? labels, IReadOnlyList<int>? labelArray, IReadOnlyList<int>? groups, bool owns)
    {
        Groups = groups;
        Image = image;
        Text = text;
        Labels = labels;
        LabelArray = labelArray;
        _owns = owns;
    }

    public Tensor Image { get; }
    public Tensor? Text { get; }
    public Tensor? Labels { get; }
    public IReadOnlyList<int>? LabelArray { get; }
    public IReadOnlyList<int>? Groups { get; }
    public int Count => (int)Image.shape[0];

    public static DeviceFeatures On(FeatureSet set, Device device)
    {
        if (set.Image.device == device) return new DeviceFeatures(set.Image, set.Text, set.Labels, set.LabelArray, set.Groups, owns: false);
        return new DeviceFeatures(set.Image.to(device).DetachFromDisposeScope(), set.Text?.to(device).DetachFromDisposeScope(),
                                  set.Labels?.to(device).DetachFromDisposeScope(), set.LabelArray, set.Groups, owns: true);
    }

    /// <summary>The rows at <paramref name="index"/> (b) as a batch; <paramref name="rows"/> holds the same indices on the CPU.</summary>
    public FeatureBatch Select(Tensor index, IReadOnlyList<long> rows) => new(
        Image.index_select(0, index),                                   // (b, D_img)
        Text?.index_select(0, index),                                   // (b, D_txt)
        Labels?.index_select(0, index),                                 // (b)
        LabelArray is null ? null : rows.Select(r => LabelArray[(int)r]).ToArray());

    /// <summary>Rows start..start+count-1 as a batch (views, no copy).</summary>
    public FeatureBatch Range(int start, int count) => new(
        Image.narrow(0, start, count),                                  // (b, D_img)
        Text?.narrow(0, start, count),                                  // (b, D_txt)
        Labels?.narrow(0, start, count),                                // (b)
        LabelArray is null ? null : Enumerable.Range(start, count).Select(r => LabelArray[r]).ToArray());

    public void Dispose()
    {
        if (!_owns) return;
        Image.Dispose();
        Text?.Dispose();
        Labels?.Dispose();
    }
}
