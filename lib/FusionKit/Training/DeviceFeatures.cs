using static TorchSharp.torch;

namespace FusionKit.Training;

/// <summary>A labelled <see cref="FeatureSet"/>'s tensors on the training device (copied only when not already there).</summary>
internal sealed class DeviceFeatures : IDisposable
{
    private readonly bool _owns;

    private DeviceFeatures(Tensor image, Tensor? text, Tensor labels, bool owns)
    {
        Image = image;
        Text = text;
        Labels = labels;
        _owns = owns;
    }

    public Tensor Image { get; }
    public Tensor? Text { get; }
    public Tensor Labels { get; }
    public int Count => (int)Image.shape[0];

    public static DeviceFeatures On(FeatureSet set, Device device)
    {
        var labels = set.Labels ?? throw new ArgumentException("The set has no labels.", nameof(set));
        if (set.Image.device == device) return new DeviceFeatures(set.Image, set.Text, labels, owns: false);
        return new DeviceFeatures(set.Image.to(device).DetachFromDisposeScope(), set.Text?.to(device).DetachFromDisposeScope(),
                                  labels.to(device).DetachFromDisposeScope(), owns: true);
    }

    public void Dispose()
    {
        if (!_owns) return;
        Image.Dispose();
        Text?.Dispose();
        Labels.Dispose();
    }
}
