using System.Diagnostics;
using FusionKit.Embeddings;
using FusionKit.Evaluation;
using FusionKit.Models;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Experiments.FusionComparison;

/// <summary>
/// Trains and evaluates one fusion method (or a single-modality baseline with the same head) on
/// <see cref="FusionInputs"/>: cached image embeddings plus simulated side text. Cross-attention reads spatial
/// tokens instead of pooled embeddings: its inputs' image rows are 49 x 512 tokens per image
/// (<see cref="FusionWorkbench.InputsFor"/> prepares them, for a training subset), and its result carries the
/// attention map of every test image.
/// </summary>
public static class FusionExperiment
{
    /// <summary>Baseline: the head reads the image embedding alone.</summary>
    public const string ImageOnly = "image-only";

    /// <summary>Baseline: the head reads the side-text embedding alone.</summary>
    public const string TextOnly = "text-only";

    /// <summary>The fusion methods this experiment runs: every one of <see cref="FusionMethods.Names"/>.</summary>
    public static IReadOnlyList<string> Methods { get; } = FusionMethods.Names;

    /// <summary>Whether <paramref name="method"/> reads spatial image tokens (cross-attention) rather than pooled embeddings.</summary>
    public static bool IsSpatial(string? method) => string.Equals(method?.Trim(), FusionMethods.CrossAttention, StringComparison.OrdinalIgnoreCase);

    /// <summary>Every name <see cref="Run"/> accepts: the two baselines, then <see cref="Methods"/>.</summary>
    public static IReadOnlyList<string> AllNames { get; } = [ImageOnly, TextOnly, .. Methods];

    /// <summary>Trains <paramref name="config"/>'s method on the training split (validating each epoch) and evaluates it on the test split.</summary>
    /// <exception cref="ArgumentException">An unknown method (the valid ones are listed), bad settings, or inputs whose
    /// image rows do not suit the method (pooled rows for cross-attention, or the reverse).</exception>
    public static FusionRunResult Run(FusionInputs inputs, FusionExperimentConfig config, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(config);
        var method = CheckMethod(config);
        CheckImageRows(inputs, config, method);
        TorchRuntime.EnsureReady();
        var trainer = new Trainer(TrainingOf(config)) { Log = log }; // validates the training settings
        if (config.Threads is { } threads) torch.set_num_threads(threads);

        torch.manual_seed(config.Seed); // the model's initial weights
        using var model = BuildModel(method, inputs, config);
        var (history, seconds) = Fit(trainer, model, inputs, method, cancel);
        using var test = Features(inputs.Test, inputs, method);

        var predictions = model.Predict(test);
        var labels = inputs.Test.Labels;
        var accuracy = ClassificationMetrics.Accuracy(labels, predictions);
        var macroF1 = ClassificationMetrics.MacroF1(labels, predictions, inputs.ClassCount);
        var parameters = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        var weights = method is ImageOnly or TextOnly ? null : FusionInterpretation.ModalityWeights(model, test);
        var ablation = method is ImageOnly or TextOnly ? null : Ablate(model, test, labels, accuracy);
        var maps = model.Fusion is ISpatialFusion ? FusionInterpretation.AttentionMaps(model, test) : null;
        return new FusionRunResult(config, accuracy, macroF1, seconds, parameters, history, predictions, labels, weights, ablation)
        {
            TrainCount = inputs.Train.Count,
            AttentionMaps = maps,
            TextSource = inputs.TextSource,
        };
    }

    /// <summary>
    /// Trains like <see cref="Run"/> and returns the validation accuracy of the final weights, reading no test row:
    /// the score <see cref="ModelSelection.ChooseOnValidation"/> compares settings by.
    /// </summary>
    public static double ValidationAccuracy(FusionInputs inputs, FusionExperimentConfig config, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(config);
        var method = CheckMethod(config);
        CheckImageRows(inputs, config, method);
        TorchRuntime.EnsureReady();
        var trainer = new Trainer(TrainingOf(config));
        if (config.Threads is { } threads) torch.set_num_threads(threads);
        torch.manual_seed(config.Seed);
        using var model = BuildModel(method, inputs, config);
        Fit(trainer, model, inputs, method, cancel);
        using var validation = Features(inputs.Validation, inputs, method);
        return ClassificationMetrics.Accuracy(inputs.Validation.Labels, model.Predict(validation));
    }

    private static TrainingConfig TrainingOf(FusionExperimentConfig config) => new()
    {
        Epochs = config.Epochs, BatchSize = config.BatchSize, LearningRate = config.LearningRate, Seed = config.Seed, Threads = config.Threads,
        Device = config.Device,
    };

    /// <summary>Trains <paramref name="model"/> on the train split, validation monitored; the test split is not read.</summary>
    private static (TrainingHistory History, double Seconds) Fit(Trainer trainer, FusionClassifier model, FusionInputs inputs, string method, CancellationToken cancel)
    {
        using var train = Features(inputs.Train, inputs, method);
        using var validation = Features(inputs.Validation, inputs, method);
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(model, train, validation, cancel);
        return (history, clock.Elapsed.TotalSeconds);
    }

    private static void CheckImageRows(FusionInputs inputs, FusionExperimentConfig config, string method)
    {
        var tokens = config.FusionOptions.ImageTokens;
        var spatial = IsSpatial(method);
        if (spatial && (inputs.ImageDim % tokens != 0 || inputs.ImageDim / tokens < 2))
            throw new ArgumentException($"cross-attention reads {tokens} spatial tokens per image, but the inputs' image rows have {inputs.ImageDim} values; " +
                                        "prepare its inputs with FusionWorkbench.InputsFor (spatial tokens from resnet18-onnx-spatial).", nameof(inputs));
        if (!spatial && inputs.ImageDim > 4096 && inputs.ImageDim % tokens == 0)
            throw new ArgumentException($"'{method}' reads pooled image embeddings, but the inputs' image rows have {inputs.ImageDim} values (spatial tokens?); " +
                                        "use FusionWorkbench.InputsFor(config) for this method.", nameof(inputs));
    }

    private static string CheckMethod(FusionExperimentConfig config)
    {
        var method = (config.Method ?? throw new ArgumentException("Method is required.", nameof(config))).Trim().ToLowerInvariant();
        if (!AllNames.Contains(method))
            throw new ArgumentException($"Unknown method '{config.Method}'; expected one of {string.Join(", ", AllNames)}.", nameof(config));
        if (config.FixedWeights is not null && method != FusionMethods.Weighted)
            throw new ArgumentException($"Fixed modality weights apply to the '{FusionMethods.Weighted}' method only, not '{method}'.", nameof(config));
        if (config.Dropout is < 0 or >= 1 || double.IsNaN(config.Dropout))
            throw new ArgumentException($"Dropout must be in [0, 1), got {config.Dropout}.", nameof(config));
        if (config.TrainPerClass is < 1)
            throw new ArgumentException($"TrainPerClass must be at least 1 (or null for every training image), got {config.TrainPerClass}.", nameof(config));
        return method;
    }

    private static FusionClassifier BuildModel(string method, FusionInputs inputs, FusionExperimentConfig config)
    {
        var classes = inputs.ClassCount;
        if (method == ImageOnly)
            return FusionClassifier.ImageOnly(new ClassifierHead(inputs.ImageDim, config.HiddenSizes, classes, HeadActivation.ReLU, config.Dropout));
        if (method == TextOnly)
            return FusionClassifier.ImageOnly(new ClassifierHead(inputs.TextDim, config.HiddenSizes, classes, HeadActivation.ReLU, config.Dropout));
        var options = config.FusionOptions with { FixedWeights = config.FixedWeights, ModalityDropout = config.ModalityDropout, ClassCount = classes };
        var imageDim = IsSpatial(method) ? inputs.ImageDim / options.ImageTokens : inputs.ImageDim; // cross-attention: width of one token
        return FusionClassifier.Create(method, imageDim, inputs.TextDim, classes, config.HiddenSizes, options, HeadActivation.ReLU, config.Dropout);
    }

    /// <summary>The split as the model reads it: text-only puts the text rows where the head reads (the "image" slot).</summary>
    private static FeatureSet Features(FusionSplit split, FusionInputs inputs, string method) => method switch
    {
        ImageOnly => FeatureSet.FromMatrices(split.Image, inputs.ImageDim, labels: split.Labels),
        TextOnly => FeatureSet.FromMatrices(split.Text, inputs.TextDim, labels: split.Labels),
        _ => FeatureSet.FromMatrices(split.Image, inputs.ImageDim, split.Text, inputs.TextDim, split.Labels),
    };

    /// <summary>Test accuracy with each modality replaced by zeros (one zero row expanded, beside an alias of the other input: no copies).</summary>
    internal static ModalityAblation Ablate(FusionClassifier model, FeatureSet test, int[] labels, double both)
    {
        static Tensor Zeros(Tensor like)
        {
            using var row = torch.zeros(1, like.shape[1]);          // (1, D): disposed here, its storage lives on in the view
            return row.expand(like.shape[0], like.shape[1]);        // (N, D)
        }
        double AccuracyWith(bool zeroImage)
        {
            using var set = FeatureSet.FromTensors(zeroImage ? Zeros(test.Image) : test.Image.alias(),
                                                   zeroImage ? test.Text!.alias() : Zeros(test.Text!), test.Labels!.alias());
            return ClassificationMetrics.Accuracy(labels, model.Predict(set));
        }
        return new ModalityAblation(both, AccuracyWith(zeroImage: true), AccuracyWith(zeroImage: false));
    }
}
