namespace FusionKit.Models.Fusion;

/// <summary>
/// The fusion methods by name, so a program or notebook picks one with a string: <c>concat</c>, <c>weighted</c>,
/// <c>gated</c>, <c>attention</c>, <c>cross-attention</c>, <c>bilinear</c>, <c>late</c>. Settings come from one
/// <see cref="FusionOptions"/> record.
/// </summary>
public static class FusionMethods
{
    /// <summary>[image ; text] concatenation, <see cref="ConcatFusion"/>.</summary>
    public const string Concat = "concat";

    /// <summary>Learned or fixed weighted sum of projections, <see cref="WeightedSumFusion"/>.</summary>
    public const string Weighted = "weighted";

    /// <summary>Gated multimodal unit, <see cref="GatedFusion"/>.</summary>
    public const string Gated = "gated";

    /// <summary>Attention over modalities, <see cref="AttentionFusion"/>.</summary>
    public const string Attention = "attention";

    /// <summary>Text-to-image-region attention, <see cref="CrossAttentionFusion"/>.</summary>
    public const string CrossAttention = "cross-attention";

    /// <summary>Factorized bilinear pooling (MFB), <see cref="BilinearFusion"/>.</summary>
    public const string Bilinear = "bilinear";

    /// <summary>Mean of per-modality logits, <see cref="LateFusion"/>.</summary>
    public const string Late = "late";

    /// <summary>Every name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [Concat, Weighted, Gated, Attention, CrossAttention, Bilinear, Late];

    /// <summary>
    /// Builds the named method (any case). For <c>cross-attention</c>, <paramref name="imageDim"/> is the width of
    /// one image token and <see cref="FusionOptions.ImageTokens"/> the number of tokens; for <c>late</c>,
    /// <see cref="FusionOptions.ClassCount"/> is required.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name (the message lists the valid ones), or late fusion without a class count.</exception>
    public static FusionModule Create(string name, int imageDim, int textDim, FusionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var o = options ?? FusionOptions.Default;
        return name.ToLowerInvariant() switch
        {
            Concat => new ConcatFusion(imageDim, textDim, o.ConcatProjectionDim),
            Weighted => new WeightedSumFusion(imageDim, textDim, o.ProjectionDim, o.FixedWeights),
            Gated => new GatedFusion(imageDim, textDim, o.GatedHiddenDim),
            Attention => new AttentionFusion(imageDim, textDim, o.AttentionProjectionDim),
            CrossAttention => new CrossAttentionFusion(imageDim, o.ImageTokens, textDim, o.AttentionDim, o.Heads, o.ProjectionDim),
            Bilinear => new BilinearFusion(imageDim, textDim, o.MfbFactor, o.MfbOutputDim),
            Late => new LateFusion(imageDim, textDim,
                                   o.ClassCount ?? throw new ArgumentException("Late fusion returns class logits: set FusionOptions.ClassCount.", nameof(options)),
                                   o.LateHiddenSizes),
            _ => throw new ArgumentException($"Unknown fusion method '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
