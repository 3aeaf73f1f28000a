namespace FusionKit.Vision;

/// <summary>Creates image encoders by name: "resnet18-onnx" (ONNX Runtime) or "resnet18-torch" (TorchSharp).</summary>
public static class ImageEncoders
{
    /// <summary>Every name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [ResNet18OnnxEncoder.EncoderName, ResNet18TorchEncoder.EncoderName];

    /// <summary>Encoders of spatial tokens (49 x 512 per image) for <c>ISpatialFusion</c> (Models) methods; <see cref="Create"/> accepts them too.</summary>
    public static IReadOnlyList<string> SpatialNames { get; } = [ResNet18OnnxEncoder.SpatialEncoderName];

    /// <summary>Creates the encoder called <paramref name="name"/> with <paramref name="options"/> (defaults when null).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static IImageEncoder Create(string name, ImageEncoderOptions? options = null) => name switch
    {
        ResNet18OnnxEncoder.EncoderName => new ResNet18OnnxEncoder(options),
        ResNet18OnnxEncoder.SpatialEncoderName => ResNet18OnnxEncoder.Spatial(options),
        ResNet18TorchEncoder.EncoderName => new ResNet18TorchEncoder(options),
        _ => throw new ArgumentException($"Unknown image encoder '{name}'; known: {string.Join(", ", Names.Concat(SpatialNames))}.", nameof(name)),
    };
}
