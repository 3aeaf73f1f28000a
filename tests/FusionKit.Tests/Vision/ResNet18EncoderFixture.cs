using FusionKit.Vision;

namespace FusionKit.Tests.Vision;

/// <summary>Both encoders, loaded once for the class (each parses the 64 MB model).</summary>
public sealed class ResNet18EncoderFixture : IDisposable
{
    public ResNet18OnnxEncoder Onnx { get; } = new(new ImageEncoderOptions { BatchSize = 8 });

    public ResNet18TorchEncoder Torch { get; } = new(new ImageEncoderOptions { BatchSize = 8 });

    public void Dispose()
    {
        Onnx.Dispose();
        Torch.Dispose();
    }
}
