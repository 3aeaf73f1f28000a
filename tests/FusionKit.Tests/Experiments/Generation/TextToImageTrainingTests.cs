using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Evaluation;
using FusionKit.Experiments.Generation;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using FusionKit.Training;

namespace FusionKit.Tests.Experiments.Generation;

[Collection(TorchTrainingCollection.Name)]
public class TextToImageTrainingTests
{
    public TextToImageTrainingTests() => TorchRuntime.EnsureReady();

    /// <summary>Pixel-space nearest-centroid classifier fitted on real test-split images: a judge independent of the GAN.</summary>
    private static NearestCentroid RealImageClassifier()
    {
        var real = StratifiedSampling.SubsetPerClass(FashionMnist.Load(FashionMnistSplit.Test), 100, 0);
        return NearestCentroid.Fit(Pixels(real.Images()), real.Labels(), 10);
    }

    private static EmbeddingMatrix Pixels(IReadOnlyList<RawImage> images) =>
        new(images.Count, 784, images.SelectMany(i => i.Pixels.Select(p => p / 255f)).ToArray());

    [Fact]
    public void SmokeRun_DrawsHeldOutPromptsAsTheirClass_WellAboveChance_AndSavesAModelThatReloads()
    {
        using var folder = new TempFolder();
        var options = new GenerationOptions
        {
            TrainPerClass = 60, Epochs = 8, EncoderEpochs = 1, GeneratorWidth = 32, DiscriminatorWidth = 16, BatchSize = 32, Device = ComputeDevice.Cpu, Seed = 0, Threads = 1,
        };
        var captions = CaptionBank.LoadDefault();
        var run = TextToImageTraining.Train(options, folder.Path, captions: captions);
        using var model = run.Model;
        Assert.Equal(8, run.History.Count);
        Assert.True(File.Exists(Path.Combine(folder.Path, "grids", "epoch-008.png")));

        // Held-out paraphrases (never seen in training), 10 images each, judged by a classifier of real images.
        var judge = RealImageClassifier();
        var prompts = captions.Classes.SelectMany(c => c.HeldOut.Select(p => (Prompt: p, c.Label))).ToArray();
        var conditions = model.EmbedPrompts(prompts.Select(p => p.Prompt).ToArray());
        var latents = TextToImageModel.Latents(prompts.Length * 10, model.LatentDim, 1);
        var images = model.Generate(latents, Enumerable.Range(0, prompts.Length * 10).Select(i => conditions[i / 10]).ToArray());
        var predicted = judge.Predict(Pixels(images));
        var accuracy = predicted.Where((p, i) => p == prompts[i / 10].Label).Count() / (double)predicted.Length;
        Assert.True(accuracy > 0.3, $"conditional accuracy on held-out prompts {accuracy:F3}; chance is 0.10");

        // The paper's formulation: the image embedding keeps its shape count, the text changes.
        var restyled = model.Restyle(images.Take(3).ToArray(), conditions[0]);
        Assert.Equal(3, restyled.Length);

        // A second call loads the saved model instead of retraining, and draws the same pixels.
        var again = TextToImageTraining.Train(options, folder.Path, captions: captions);
        using var reloaded = again.Model;
        Assert.Equal(0, again.TrainingSeconds);
        Assert.Equal(run.History.Count, again.History.Count);
        Assert.Equal(images[0].Pixels, reloaded.Generate(latents.AsSpan(0, model.LatentDim).ToArray(), [conditions[0]])[0].Pixels);
    }
}
