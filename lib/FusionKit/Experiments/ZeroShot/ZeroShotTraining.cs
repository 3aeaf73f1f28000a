using FusionKit.Evaluation.ZeroShot;
using FusionKit.Models.CrossModal;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Training;
using FusionKit.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Experiments.ZeroShot;

/// <summary>
/// Zero-shot training on the seen classes of a <see cref="ClassSplit"/> only, for any label embeddings (word
/// vectors or sentence-encoder vectors of bare class names or of short descriptions, e.g.
/// <see cref="LabelEmbeddings.FashionMnist"/>): rows of unseen classes are dropped and the models never see an
/// unseen label's embedding in training. Both models then score any label set (<see cref="Scores"/>), so
/// <see cref="ZeroShotEvaluation"/> can predict over the unseen or over all labels.
/// </summary>
public static class ZeroShotTraining
{
    /// <summary>
    /// Trains DeViSE's linear map with the hinge rank loss against the other seen labels (margin 0.1 by default)
    /// through the kit's <see cref="Trainer"/> (<see cref="HingeRankBatchLoss"/>), using the config's epochs, batch
    /// size, optimizer, learning rate, seed, device and checkpoint folder. A validation set, when given, is scored
    /// against the seen labels as well (its rows of unseen classes are dropped).
    /// </summary>
    /// <param name="model">The map to train in place.</param>
    /// <param name="train">Image rows and their class labels over all C classes.</param>
    /// <param name="labelEmbeddings">One embedding per class, C rows, row c = class c.</param>
    /// <exception cref="ArgumentException">Sizes that do not fit, or no training row of a seen class.</exception>
    public static TrainingHistory TrainDevise(DeviseModel model, FeatureSet train, float[][] labelEmbeddings, ClassSplit split,
                                              TrainingConfig config, TextWriter? log = null, double margin = HingeRankLoss.DefaultMargin,
                                              CancellationToken cancellationToken = default, FeatureSet? validation = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Check(train, labelEmbeddings, split, model.ImageDim, model.TextDim);
        using var seen = SeenRows(train, split);
        using var seenValidation = validation is null ? null : SeenRows(validation, split);
        using var loss = new HingeRankBatchLoss(split.Seen.Select(c => labelEmbeddings[c]).ToArray(), margin);
        return new Trainer(config) { Log = log }.Fit(model, loss, seen, seenValidation, cancellationToken);
    }

    /// <summary>
    /// Builds a <see cref="CompatibilityModel"/> ([image ; label text] concatenation then a head with
    /// <paramref name="hiddenSizes"/>) over the seen labels, with weights seeded by the config's seed, and trains
    /// it with the kit's <see cref="Trainer"/> (softmax cross-entropy over the seen labels).
    /// </summary>
    public static (CompatibilityModel Model, TrainingHistory History) TrainCompatibility(FeatureSet train, float[][] labelEmbeddings, ClassSplit split,
                                                                                       IReadOnlyList<int> hiddenSizes, TrainingConfig config, TextWriter? log = null,
                                                                                       CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        Check(train, labelEmbeddings, split, train.ImageDim, labelEmbeddings[0].Length);
        TorchRuntime.EnsureReady();
        using var seen = SeenRows(train, split);
        torch.manual_seed(config.Seed);
        var model = CompatibilityModel.Concat(split.Seen.Select(c => labelEmbeddings[c]).ToArray(), train.ImageDim, hiddenSizes);
        try
        {
            var history = new Trainer(config) { Log = log }.Fit(model, seen, cancellationToken: cancellationToken);
            return (model, history);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Scores (N, C) of every image against every given label embedding, from a DeViSE map or a compatibility
    /// model (any module scoring (B, D_img) images against (C, D_txt) labels), without gradients.
    /// </summary>
    public static float[][] Scores(nn.Module<Tensor, Tensor, Tensor> model, Tensor images, float[][] labelEmbeddings, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        TorchRuntime.EnsureReady();
        var n = (int)images.shape[0];
        var result = new float[n][];
        var device = Prediction.DeviceOf(model);   // scored where the model lives (a model trained on CUDA stays there)
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            using var labels = Table(labelEmbeddings, Enumerable.Range(0, labelEmbeddings.Length).ToArray());   // (C, D_txt)
            for (var start = 0; start < n; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var rows = Math.Min(batchSize, n - start);
                var image = images.narrow(0, start, rows);                                                   // (b, D_img)
                if (image.device != device) image = image.to(device);
                var scores = model.call(image, labels.device == device ? labels : labels.to(device)).cpu().contiguous(); // (b, C)
                var flat = scores.data<float>().ToArray();
                var c = labelEmbeddings.Length;
                for (var i = 0; i < rows; i++) result[start + i] = flat.AsSpan(i * c, c).ToArray();
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return result;
    }

    /// <summary>The rows of seen classes, labels renumbered to positions in <see cref="ClassSplit.Seen"/>.</summary>
    internal static FeatureSet SeenRows(FeatureSet train, ClassSplit split)
    {
        var seenIndex = split.SeenIndex();
        var labels = train.LabelArray!;
        var rows = Enumerable.Range(0, labels.Count).Where(i => seenIndex[labels[i]] >= 0).Select(i => (long)i).ToArray();
        if (rows.Length == 0) throw new ArgumentException($"The training set has no row of a seen class ({split}).", nameof(train));
        using var index = torch.tensor(rows);
        var image = train.Image.index_select(0, index);
        var remapped = torch.tensor(rows.Select(i => (long)seenIndex[labels[(int)i]]).ToArray());
        return FeatureSet.FromTensors(image, null, remapped);
    }

    private static Tensor Table(float[][] labelEmbeddings, IReadOnlyList<int> classes)
    {
        var dim = labelEmbeddings[0].Length;
        return torch.tensor(classes.SelectMany(c => labelEmbeddings[c]).ToArray(), classes.Count, dim).DetachFromDisposeScope();
    }

    private static void Check(FeatureSet train, float[][] labelEmbeddings, ClassSplit split, int imageDim, int textDim)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(labelEmbeddings);
        ArgumentNullException.ThrowIfNull(split);
        if (train.LabelArray is not { } labels) throw new ArgumentException("The training set has no labels.", nameof(train));
        if (train.ImageDim != imageDim) throw new ArgumentException($"The training rows have {train.ImageDim} values; the model reads {imageDim}.", nameof(train));
        if (labelEmbeddings.Length != split.ClassCount)
            throw new ArgumentException($"{labelEmbeddings.Length} label embeddings for a split of {split.ClassCount} classes.", nameof(labelEmbeddings));
        for (var c = 0; c < labelEmbeddings.Length; c++)
            if (labelEmbeddings[c]?.Length != textDim)
                throw new ArgumentException($"Label embedding {c} has {labelEmbeddings[c]?.Length ?? 0} values; expected {textDim}.", nameof(labelEmbeddings));
        for (var i = 0; i < labels.Count; i++)
            if (labels[i] >= split.ClassCount)
                throw new ArgumentException($"Training label at row {i} is {labels[i]}; the split has {split.ClassCount} classes.", nameof(train));
    }
}
