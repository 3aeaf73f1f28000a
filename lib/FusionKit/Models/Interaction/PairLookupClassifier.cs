using FusionKit.Models.Fusion;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Models.Interaction;

/// <summary>
/// Trains a <see cref="FusionClassifier"/> on (image, question) pairs without copying embeddings per pair: each
/// training row holds two indices, an image row and a question row, and this module looks them up in two tables
/// it keeps outside its parameters. In question answering many questions share an image (and many images a
/// phrasing); a cross-attention image is 49 x 512 floats (100 KB), so one copy per pair would need gigabytes where
/// the tables need megabytes. Rows are (B, 1) float indices, exact up to 2^24, so the kit's
/// <c>Trainer</c> and <c>Prediction</c> run it unchanged; only the inner model is a
/// checkpoint worth keeping (<see cref="Inner"/>), the tables stay with the data.
/// </summary>
public sealed class PairLookupClassifier : nn.Module<Tensor, Tensor?, Tensor>, IFeatureClassifier
{
    private readonly FusionClassifier inner;
    private Tables tables;

    /// <param name="inner">The model that reads the looked-up rows.</param>
    /// <param name="images">Image table (M, D_img), float32; this module disposes it.</param>
    /// <param name="questions">Question table (Q, D_q), float32; this module disposes it.</param>
    /// <param name="inputs">What the inner model reads.</param>
    /// <exception cref="ArgumentException">Tables that do not have the widths the inner model reads.</exception>
    public PairLookupClassifier(FusionClassifier inner, Tensor images, Tensor questions, PairInputs inputs = PairInputs.Both) : base(nameof(PairLookupClassifier))
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(questions);
        if (images.dim() != 2 || questions.dim() != 2) throw new ArgumentException("The image and question tables must be matrices (rows, width).");
        var headWidth = inputs == PairInputs.QuestionOnly ? questions.shape[1] : images.shape[1];
        if (headWidth != inner.ImageDim)
            throw new ArgumentException($"The inner model reads {inner.ImageDim}-wide rows in its first input; the {(inputs == PairInputs.QuestionOnly ? "question" : "image")} table has {headWidth}.", nameof(inner));
        if (inputs == PairInputs.Both && inner.SampleTextDim != questions.shape[1])
            throw new ArgumentException($"The inner model fuses {inner.SampleTextDim?.ToString() ?? "no"} question values; the question table has {questions.shape[1]}.", nameof(inner));
        this.inner = inner;
        tables = new Tables(images.DetachFromDisposeScope(), questions.DetachFromDisposeScope());
        Inputs = inputs;
        RegisterComponents();
    }

    /// <summary>The trained model on (image, question) embeddings: what to save and to answer new questions with.</summary>
    public FusionClassifier Inner => inner;

    /// <summary>What the inner model reads.</summary>
    public PairInputs Inputs { get; }

    /// <inheritdoc />
    public int ClassCount => inner.ClassCount;

    /// <summary>1: a row holds the index of its image.</summary>
    public int ImageDim => 1;

    /// <summary>1: a row's "text" holds the index of its question.</summary>
    public int? SampleTextDim => 1;

    /// <summary>
    /// Logits (B, C) of the pairs (image index (B, 1), question index (B, 1)). Each distinct image and question of the
    /// batch is looked up and read once: a baseline's head runs per distinct image (or question) and its logits are
    /// gathered per pair; an <see cref="IPairwiseFusion"/> computes its image side per distinct image and its text
    /// side per distinct question, and only combines them per pair (<see cref="IPairwiseFusion.CombineShared"/>); an
    /// unprojected concatenation applies the head's first layer in column blocks, the image block per distinct image and
    /// the question block per distinct question (<see cref="ClassifierHead.FirstLayerTerms"/>). The
    /// outputs and gradients are those of the inner model on the looked-up rows (<see cref="Inner"/> called on (B, D)
    /// rows); the work shrinks with the number of pairs that share an image, which is why the interaction experiment
    /// shuffles questions grouped by image (the training set's row groups).
    /// </summary>
    public override Tensor forward(Tensor imageIndex, Tensor? questionIndex)
    {
        ArgumentNullException.ThrowIfNull(questionIndex);
        using var scope = NewDisposeScope();
        var (images, imageOf) = Distinct(tables.Images, imageIndex);          // (U, D_img), (B)
        var (questions, questionOf) = Distinct(tables.Questions, questionIndex); // (V, D_q), (B)
        Tensor logits;
        if (Inputs == PairInputs.ImageOnly)
        {
            logits = inner.call(images, null).index_select(0, imageOf);       // (U, C) -> (B, C)
        }
        else if (Inputs == PairInputs.QuestionOnly)
        {
            logits = inner.call(questions, null).index_select(0, questionOf); // (V, C) -> (B, C)
        }
        else if (inner.Fusion is IPairwiseFusion pairwise && inner.ModalityDropout is null && inner.Head is { } head)
        {
            var textSide = pairwise.TextSide(questions).index_select(0, questionOf);   // (V, S_txt) -> (B, S_txt)
            logits = head.call(pairwise.CombineShared(pairwise.ImageSide(images), imageOf, textSide)); // (U, S_img) sides, (B, F) -> (B, C)
        }
        else if (inner.Fusion is ConcatFusion { ProjectionDim: null } && inner.ModalityDropout is null && inner.Head is { HiddenSizes.Count: > 0 } concatHead)
        {
            // W_1 [x ; q] + b_1 = W_x x + (W_q q + b_1): the first layer's image part per distinct image, its question part
            // per distinct question, summed per pair; the rest of the head per pair.
            var (imageTerm, questionTerm) = concatHead.FirstLayerTerms(images, questions);                                           // (U, H), (V, H)
            logits = concatHead.FromFirstLayer(imageTerm.index_select(0, imageOf) + questionTerm.index_select(0, questionOf));       // (B, H) -> (B, C)
        }
        else
        {
            logits = inner.call(images.index_select(0, imageOf), questions.index_select(0, questionOf)); // (B, C)
        }
        return logits.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Logits(Tensor image, Tensor? text) => call(image, text);

    /// <summary>The (image, question) rows of index pairs, e.g. to ask the inner model for attention maps.</summary>
    public (Tensor Image, Tensor Question) Rows(Tensor imageIndex, Tensor questionIndex) =>
        (Lookup(tables.Images, imageIndex), Lookup(tables.Questions, questionIndex));

    /// <summary>
    /// Replaces the image table (disposing the old one), e.g. with the test images after training on the training
    /// images; the new table must have the same width.
    /// </summary>
    /// <exception cref="ArgumentException">A table of another width.</exception>
    public void ReplaceImages(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 2 || images.shape[1] != tables.Images.shape[1])
            throw new ArgumentException($"The new image table must be (rows, {tables.Images.shape[1]}), got ({string.Join(", ", images.shape)}).", nameof(images));
        var old = tables.Images;
        tables = tables with { Images = images.DetachFromDisposeScope() };
        old.Dispose();
    }

    /// <summary>The distinct rows a batch of indices (B, 1) names, (U, D), and for each index the position of its row among them, (B).</summary>
    private static (Tensor Rows, Tensor Position) Distinct(Tensor table, Tensor index)
    {
        using var flat = index.reshape(-1).to_type(ScalarType.Int64); // (B)
        var (distinct, position, counts) = flat.unique(sorted: true, return_inverse: true);
        counts?.Dispose();
        using (distinct)
            return (table.to(index.device).index_select(0, distinct), position!); // (U, D), (B)
    }

    private static Tensor Lookup(Tensor table, Tensor index)
    {
        // The tables stay where the data was loaded (the CPU); only the batch's rows travel to the model's device.
        using var rows = index.reshape(-1).to_type(ScalarType.Int64).to(table.device); // (B)
        using var picked = table.index_select(0, rows);                                // (B, D)
        return picked.to(index.device);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            tables.Images.Dispose();
            tables.Questions.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Held in a plain object so RegisterComponents does not make them buffers (saved with the model).</summary>
    private sealed record Tables(Tensor Images, Tensor Questions);
}
