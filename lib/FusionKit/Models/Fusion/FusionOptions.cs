namespace FusionKit.Models.Fusion;

/// <summary>
/// Settings of the fusion methods built by <see cref="FusionMethods.Create"/>, with every default in this one place;
/// change one with <c>FusionOptions.Default with { Heads = 8 }</c>. Each setting names the methods that read it;
/// the others ignore it.
/// </summary>
public sealed record FusionOptions
{
    /// <summary>The defaults below.</summary>
    public static FusionOptions Default { get; } = new();

    /// <summary>weighted, cross-attention: width both modalities are projected to (cross-attention: width of
    /// the fused output). 256: half the 512-d image embedding, a common choice that keeps the head small.</summary>
    public int ProjectionDim { get; init; } = 256;

    /// <summary>concat: optional per-modality projection width; null (default) concatenates the raw embeddings,
    /// the paper's case study.</summary>
    public int? ConcatProjectionDim { get; init; }

    /// <summary>attention: TorchMultimodal's <c>encoding_projection_dim</c>; null (default) = min(D_img, D_txt),
    /// TorchMultimodal's own default (384 for 512-d images and 384-d texts).</summary>
    public int? AttentionProjectionDim { get; init; }

    /// <summary>gated: width H of the gated multimodal unit's hidden units h_v, h_t and gate z. 256.</summary>
    public int GatedHiddenDim { get; init; } = 256;

    /// <summary>weighted: user-fixed (image, text) weights that must sum to 1, e.g. (0.7, 0.3); null (default)
    /// learns them (two logits, softmax-normalised, starting at 0.5/0.5).</summary>
    public (double Image, double Text)? FixedWeights { get; init; }

    /// <summary>cross-attention: number of attention heads; must divide <see cref="AttentionDim"/>. 4.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>cross-attention: width of queries, keys and values (all heads together). 256.</summary>
    public int AttentionDim { get; init; } = 256;

    /// <summary>cross-attention: image tokens per sample, 49 = ResNet18's final 7x7 grid at 224x224. The factory's
    /// imageDim is then the width of one token (512), and the fusion reads (B, 49, 512), (B, 512, 7, 7) or the
    /// flattened rows (B, 49 * 512).</summary>
    public int ImageTokens { get; init; } = 49;

    /// <summary>bilinear: MFB's factor k (sum-pooling window). 5, Yu et al.'s choice (ICCV 2017, Sec. 5).</summary>
    public int MfbFactor { get; init; } = 5;

    /// <summary>bilinear: MFB's output width o. 1000, Yu et al.'s choice.</summary>
    public int MfbOutputDim { get; init; } = 1000;

    /// <summary>late: number of classes C of the per-modality classifiers; required for late fusion only
    /// (<see cref="FusionClassifier.Create"/> sets it from its own class count).</summary>
    public int? ClassCount { get; init; }

    /// <summary>late: hidden widths of each per-modality classifier; empty (default) = one linear layer each.</summary>
    public IReadOnlyList<int> LateHiddenSizes { get; init; } = [];

    /// <summary>Any method, via <see cref="FusionClassifier.Create"/>: probability that a training sample loses one
    /// whole modality (<see cref="ModalityDropout"/>). 0 (default) = off.</summary>
    public double ModalityDropout { get; init; }
}
