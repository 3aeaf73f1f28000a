namespace FusionKit.Vision;

/// <summary>Number format of the image network's arithmetic (<c>--precision fp32|bf16|auto</c>).</summary>
public enum ImagePrecision
{
    /// <summary>bfloat16 where the processor computes it natively and the kit has verified it there, float32 elsewhere
    /// (<see cref="ImagePrecisionChoice.Resolve(ImagePrecision)"/> says which and why).</summary>
    Auto,

    /// <summary>float32 throughout: the kit's reference numbers and the existing embedding cache entries.</summary>
    Float32,

    /// <summary>The TorchSharp ResNet18 with bfloat16 weights and activations in channels-last layout (oneDNN's
    /// bf16 convolutions); pooled outputs are returned as float32. Cached under keys of their own.</summary>
    BFloat16,
}
