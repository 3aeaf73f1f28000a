using FusionKit.Data;

namespace FusionKit.Vision;

/// <summary>Maps images to fixed-size embedding vectors (pooled CNN features).</summary>
public interface IImageEncoder : IDisposable
{
    /// <summary>Short name used in reports and on the command line, e.g. "resnet18-onnx".</summary>
    string Name { get; }

    /// <summary>Length of every returned vector.</summary>
    int Dimension { get; }

    /// <summary>Identifies the encoder, its weights and every setting that changes its output (resolution,
    /// preprocessing); keys the embedding cache. Two backends over the same weights and settings share no key,
    /// since their outputs differ in the last bits.</summary>
    string CacheKey { get; }

    /// <summary>Embeds each image; one vector of <see cref="Dimension"/> floats per image, in order.</summary>
    float[][] Encode(IReadOnlyList<RawImage> images);
}
