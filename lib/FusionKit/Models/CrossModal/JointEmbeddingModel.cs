using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Models.CrossModal;

/// <summary>
/// A joint image-text embedding space as in CLIP (Radford et al. 2021, "Learning Transferable Visual Models From
/// Natural Language Supervision"), built on cached embeddings: a linear projection per modality without bias
/// (image D_img -> d, text D_txt -> d, as CLIP's projection matrices), L2 normalisation, and a learnable
/// temperature kept in log space (<c>logit_scale</c>, initialised to log(1/0.07)) whose exponent is clamped at
/// 100. forward(image (B, D_img), text (T, D_txt)) returns the scaled cosine logits (B, T); train it with
/// <c>ContrastiveLoss.Symmetric</c> (Training: the <c>Trainer</c> with <c>ContrastiveBatchLoss</c>).
/// </summary>
public sealed class JointEmbeddingModel : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>CLIP's initial temperature 0.07, i.e. logit scale 1/0.07 ≈ 14.29.</summary>
    public const double InitialTemperature = 0.07;

    /// <summary>Upper bound of exp(logit_scale), as CLIP (the scale is clipped "to prevent scaling the logits by more than 100").</summary>
    public const double MaxLogitScale = 100;

    private readonly Linear image_projection;
    private readonly Linear text_projection;
    private readonly Parameter logit_scale;

    /// <param name="imageDim">D_img, width of the image embeddings (512 for the kit's ResNet18).</param>
    /// <param name="textDim">D_txt, width of the text embeddings (384 for MiniLM and the default word vectors).</param>
    /// <param name="jointDim">d, width of the joint space.</param>
    public JointEmbeddingModel(int imageDim, int textDim, int jointDim = 128) : base(nameof(JointEmbeddingModel))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(textDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jointDim);
        ImageDim = imageDim;
        TextDim = textDim;
        JointDim = jointDim;
        image_projection = nn.Linear(imageDim, jointDim, hasBias: false);
        text_projection = nn.Linear(textDim, jointDim, hasBias: false);
        logit_scale = nn.Parameter(torch.tensor((float)Math.Log(1 / InitialTemperature)));
        RegisterComponents();
    }

    /// <summary>D_img.</summary>
    public int ImageDim { get; }

    /// <summary>D_txt.</summary>
    public int TextDim { get; }

    /// <summary>d, the joint space's width.</summary>
    public int JointDim { get; }

    /// <summary>The current logit scale exp(logit_scale), at most <see cref="MaxLogitScale"/> (1 / temperature).</summary>
    public double LogitScale => Math.Min(Math.Exp(logit_scale.item<float>()), MaxLogitScale);

    /// <summary>Scaled cosine similarities: (B, D_img), (T, D_txt) -> (B, T).</summary>
    public override Tensor forward(Tensor image, Tensor text)
    {
        using var scope = NewDisposeScope();
        var imageEmbedding = ProjectImages(image);                        // (B, d)
        var textEmbedding = ProjectTexts(text);                           // (T, d)
        var scale = logit_scale.exp().clamp_max(MaxLogitScale);           // ()
        var logits = scale * imageEmbedding.matmul(textEmbedding.t());    // (B, T)
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>Unit-length joint embeddings of image rows (N, D_img) -> (N, d), without gradients.</summary>
    public Tensor EncodeImages(Tensor image)
    {
        using var noGrad = torch.no_grad();
        return ProjectImages(image);
    }

    /// <summary>Unit-length joint embeddings of text rows (N, D_txt) -> (N, d), without gradients.</summary>
    public Tensor EncodeTexts(Tensor text)
    {
        using var noGrad = torch.no_grad();
        return ProjectTexts(text);
    }

    /// <summary>Clips logit_scale to [0, ln 100] in place, as CLIP's training does after each optimizer step.</summary>
    public void ClampLogitScale()
    {
        using var noGrad = torch.no_grad();
        logit_scale.clamp_(0, Math.Log(MaxLogitScale));
    }

    private Tensor ProjectImages(Tensor image)
    {
        CheckRows(image, ImageDim, nameof(image));
        using var scope = NewDisposeScope();
        var projected = image_projection.call(image);                           // (N, d)
        return nn.functional.normalize(projected, p: 2, dim: 1).MoveToOuterDisposeScope();
    }

    private Tensor ProjectTexts(Tensor text)
    {
        CheckRows(text, TextDim, nameof(text));
        using var scope = NewDisposeScope();
        var projected = text_projection.call(text);                             // (N, d)
        return nn.functional.normalize(projected, p: 2, dim: 1).MoveToOuterDisposeScope();
    }

    private static void CheckRows(Tensor rows, int dim, string name)
    {
        if (rows.dim() != 2 || rows.shape[1] != dim)
            throw new ArgumentException($"{nameof(JointEmbeddingModel)}: {name} rows must be (N, {dim}), got ({string.Join(", ", rows.shape)}).", name);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            image_projection.Dispose();
            text_projection.Dispose();
            logit_scale.Dispose();
        }
        base.Dispose(disposing);
    }
}
