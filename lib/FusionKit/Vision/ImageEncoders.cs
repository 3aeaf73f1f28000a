namespace FusionKit.Vision;

/// <summary>Creates image encoders by name: "resnet18-onnx" (ONNX Runtime) or "resnet18-torch" (TorchSharp).</summary>
public static class ImageEncoders
{
    /// <summary>Every name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [ResNet18OnnxEncoder.EncoderName, ResNet18TorchEncoder.EncoderName];

    /// <summary>Encoders of spatial tokens (49 x 512 per image) for <c>ISpatialFusion</c> (Models) methods; <see cref="Create"/> accepts them too.</summary>
    public static IReadOnlyList<string> SpatialNames { get; } = [ResNet18OnnxEncoder.SpatialEncoderName, ResNet18TorchEncoder.SpatialEncoderName];

    /// <summary>Creates the encoder called <paramref name="name"/> with <paramref name="options"/> (defaults when null).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static IImageEncoder Create(string name, ImageEncoderOptions? options = null) => name switch
    {
        ResNet18OnnxEncoder.EncoderName => new ResNet18OnnxEncoder(options),
        ResNet18OnnxEncoder.SpatialEncoderName => ResNet18OnnxEncoder.Spatial(options),
        ResNet18TorchEncoder.EncoderName => new ResNet18TorchEncoder(options),
        ResNet18TorchEncoder.SpatialEncoderName => ResNet18TorchEncoder.Spatial(options),
        _ => throw new ArgumentException($"Unknown image encoder '{name}'; known: {string.Join(", ", Names.Concat(SpatialNames))}.", nameof(name)),
    };

    /// <summary>
    /// The spatial-token encoder whose tokens belong with the pooled embeddings of <paramref name="options"/>' precision
    /// (resolved with <see cref="ImagePrecisionChoice.Resolve(ImagePrecision)"/>): fp32 is ONNX Runtime's graph, bf16 the
    /// TorchSharp network in bfloat16, the backends that compute each precision's pooled embeddings. Cross-attention's
    /// tokens and the pooled rows of the other methods thus always come from the same arithmetic.
    /// </summary>
    public static IImageEncoder CreateSpatial(ImageEncoderOptions? options = null)
    {
        options ??= new ImageEncoderOptions();
        var precision = ImagePrecisionChoice.Resolve(options.Precision).Precision;
        return precision == ImagePrecision.BFloat16
            ? ResNet18TorchEncoder.Spatial(options with { Precision = precision })
            : ResNet18OnnxEncoder.Spatial(options with { Precision = precision });
    }

    /// <summary>How reports name <paramref name="encoder"/>'s embeddings: its name, with " bf16" appended when it computes in
    /// bfloat16 (the label data embedded with it carries, so two labels are equal exactly when encoder and precision are).</summary>
    public static string Label(IImageEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return Label(encoder.Name, encoder is ResNet18TorchEncoder { Precision: ImagePrecision.BFloat16 } ? ImagePrecision.BFloat16 : ImagePrecision.Float32);
    }

    /// <summary>The one rule behind every embeddings label: <paramref name="encoderName"/>, with " bf16" appended for bfloat16.</summary>
    public static string Label(string encoderName, ImagePrecision precision) =>
        precision == ImagePrecision.BFloat16 ? $"{encoderName} bf16" : encoderName;
}
