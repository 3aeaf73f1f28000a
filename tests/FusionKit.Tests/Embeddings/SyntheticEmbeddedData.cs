using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Embeddings;

/// <summary>
/// Small class-structured <see cref="EmbeddedData"/> built directly (no images are embedded): image rows are
/// Gaussian noise plus a shift of <c>imageSignal</c> along the class's own direction, so the image alone predicts
/// the class well but not perfectly; each label text is a fixed random vector (entries N(0, 3²), norm about 8), a strong, perfect cue.
/// </summary>
internal static class SyntheticEmbeddedData
{
    public const int ImageDim = 12;
    public const int TextDim = 8;

    public static EmbeddedData Create(int classes = 5, int trainPerClass = 40, int validationPerClass = 8, int testPerClass = 20,
                                      double imageSignal = 2.0, int seed = 7)
    {
        var random = new Random(seed);
        var classNames = Enumerable.Range(0, classes).Select(c => $"class-{c}").ToArray();
        EmbeddedSplit Split(string name, int perClass)
        {
            var labels = Enumerable.Range(0, classes * perClass).Select(i => i % classes).ToArray();
            var pixel = new RawImage(1, 1, 1, [0]);
            var samples = labels.Select((l, i) => new Sample($"{name}-{i}", pixel, l)).ToArray();
            var data = new float[labels.Length * ImageDim];
            for (var i = 0; i < labels.Length; i++)
            for (var d = 0; d < ImageDim; d++)
                data[i * ImageDim + d] = (float)(TorchTestSupport.Gaussian(random) + (d % classes == labels[i] ? imageSignal : 0));
            return new EmbeddedSplit(new Dataset($"synthetic-{name}", classNames, samples, $"synthetic-{name}-{seed}"), new EmbeddingMatrix(labels.Length, ImageDim, data));
        }
        EmbeddingMatrix LabelTexts() => new(classes, TextDim,
            Enumerable.Range(0, classes * TextDim).Select(_ => (float)(3 * TorchTestSupport.Gaussian(random))).ToArray());

        var train = Split("train", trainPerClass);
        var validation = Split("validation", validationPerClass);
        var test = Split("test", testPerClass);
        var labelEmbeddings = new Dictionary<string, EmbeddingMatrix> { ["wordvec"] = LabelTexts(), ["minilm"] = LabelTexts() };
        var profile = new RunProfile("synthetic", trainPerClass, testPerClass, 0.1, [0]);
        return new EmbeddedData(profile, classNames, train, validation, test, classNames, labelEmbeddings, "synthetic-image");
    }

    /// <summary>A fast configuration for these sizes (the paper's shape, narrower and fewer epochs).</summary>
    public static CaseStudyConfig Config(int epochs = 8) => new()
    {
        HiddenSizes = [32],
        Epochs = epochs,
        BatchSize = 16,
        LearningRate = 0.01,
    };
}
