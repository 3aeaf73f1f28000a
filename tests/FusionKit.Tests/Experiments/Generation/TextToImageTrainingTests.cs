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

    [Fact]
    public void SmokeRun_TrainsWithGridsPerEpoch_DrawsHeldOutPromptsWellAboveChance_AndSavesAModelThatReloads()
    {
        using var folder = new TempFolder();
        var options = new GenerationOptions
        {
            TrainPerClass = 50, Epochs = 6, EncoderEpochs = 1, BatchSize = 16, Device = ComputeDevice.Cpu, Seed = 0, Threads = 1,
        };
        var captions = CaptionBank.LoadDefault();
        var run = TextToImageTraining.Train(options, folder.Path, captions: captions);
        using var model = run.Model;
        Assert.Equal(6, run.History.Count);
        Assert.True(File.Exists(Path.Combine(folder.Path, "grids", "epoch-006.png")));

        // Held-out paraphrases (never seen in training), 10 images each, judged by the nearest class centroid of the
        // run's real training images in pixel space.
        var prompts = captions.Classes.SelectMany(c => c.HeldOut.Select(p => (Prompt: p, c.Label))).ToArray();
        var conditions = model.EmbedPrompts(prompts.Select(p => p.Prompt).ToArray());
        var latents = TextToImageModel.Latents(prompts.Length * 10, model.LatentDim, 1);
        var images = model.Generate(latents, Enumerable.Range(0, prompts.Length * 10).Select(i => conditions[i / 10]).ToArray());
        Assert.Equal(prompts.Length * 10, images.Length);
        Assert.All(images, im => Assert.Equal((28, 28, 1), (im.Width, im.Height, im.Channels)));
        var real = TextToImageTraining.TrainingImages(options);
        var judge = NearestCentroid.Fit(Pixels(real.Samples.Select(s => s.Image).ToArray()), real.Labels(), captions.Classes.Count);
        var predicted = judge.Predict(Pixels(images));
        var accuracy = predicted.Where((p, i) => p == prompts[i / 10].Label).Count() / (double)images.Length;
        // Chance is 0.10 (10 classes, 10 drawings per held-out paraphrase). Measured for this seeded run with the earlier defaults
        // (transposed convolutions, no condition noise): 0.38 (1 thread); before conditions were standardised the generator
        // drew one image for every prompt and scored exactly 0.10. The current defaults pass the same threshold.
        Assert.True(accuracy > 0.25, $"conditional accuracy {accuracy:F3} on held-out paraphrases (chance 0.10)");

        // G reads z (the mode-seeking regulariser, Mao et al. 2019): the 10 drawings of one prompt differ. Spread = per-pixel
        // standard deviation across a prompt's 10 latents, grey levels scaled to [0, 1], averaged over pixels and prompts.
        // Measured with the earlier smoke settings (1,000 images, 12 epochs, seed 0, transposed convolutions): 0.105 with the
        // regulariser (λ = 0.1), 0.009 without it (ModeSeekingWeight = 0: every column of the grid the same drawing). 0.04 lies between.
        var spread = SpreadAcrossLatents(images, 10);
        Assert.True(spread > 0.04, $"spread across latents {spread:F4}: G draws one image per prompt");

        // A drawing depends on its own latent and condition only (batch norm on running statistics): drawn alone, the
        // first image is the same as drawn in its batch of 200 (to one grey level: float sums may run in another order).
        // With batch statistics a batch of one could not be drawn at all.
        var alone = model.Generate(latents.Take(model.LatentDim).ToArray(), [conditions[0]]);
        Assert.True(alone[0].Pixels.Zip(images[0].Pixels).All(p => Math.Abs(p.First - p.Second) <= 1), "the drawing depends on the rest of its batch");

        // The paper's formulation: the image embedding keeps its shape count, the text changes.
        var restyled = model.Restyle(images.Take(3).ToArray(), conditions[0]);
        Assert.Equal(3, restyled.Length);

        // A second call loads the saved model instead of retraining, and draws the same pixels.
        var again = TextToImageTraining.Train(options, folder.Path, captions: captions);
        using var reloaded = again.Model;
        Assert.Equal(0, again.TrainingSeconds);
        Assert.Equal(run.History.Count, again.History.Count);
        var redrawn = reloaded.Generate(latents, Enumerable.Range(0, prompts.Length * 10).Select(i => conditions[i / 10]).ToArray());
        Assert.Equal(images[0].Pixels, redrawn[0].Pixels); // same batch, same weights: the same drawing

        // The folder's model is never handed out for other settings: refused, naming the folder and what differs.
        // Threads and device are not settings of the model: another thread count loads it.
        var error = Assert.Throws<InvalidDataException>(() => TextToImageTraining.Train(options with { Epochs = 7 }, folder.Path, captions: captions));
        Assert.Contains(folder.Path, error.Message);
        Assert.Contains("epochs 6 there, 7 now", error.Message);
        using (TextToImageTraining.Train(options with { Threads = 2 }, folder.Path, captions: captions).Model) { }
        File.Delete(Path.Combine(folder.Path, TextToImageTraining.SettingsFileName)); // a model of an earlier release
        Assert.Contains("earlier release", Assert.Throws<InvalidDataException>(() => TextToImageTraining.Train(options, folder.Path, captions: captions)).Message);
    }

    [Fact]
    public void SmokeSectionPreset_LearnsConditioning_TheJudgeClassifiesItsDrawingsWellAboveChance()
    {
        // The generation section's smoke preset (50 images per class, many small batches, projection discriminator),
        // seed 0, scored as the section scores it: the generation judge of the smoke profile (ResNet18 features, the
        // image-only classifier trained on real images), 10 drawings per class under the training phrasings.
        using var folder = new TempFolder();
        var options = GenerationSection.Options(RunProfile.Smoke).Generation! with { Device = ComputeDevice.Cpu, Seed = 0, Threads = 1 };
        var captions = CaptionBank.LoadDefault();
        var run = TextToImageTraining.Train(options, folder.Path, captions: captions);
        using var model = run.Model;
        using var judge = GenerationJudge.Create(RunProfile.Smoke, 0, new GenerationJudgeOptions { PerClass = 10, Threads = 1 });
        var labels = judge.IntendedLabels;
        var latents = TextToImageModel.Latents(labels.Count, model.LatentDim, 1_000);
        var (_, conditions) = GenerationExperiment.Conditions(model, captions, labels).First(); // training phrasings
        var score = judge.Score(model.Generate(latents, conditions), labels);
        // Chance is 0.10 (10 classes). Measured 2026-11-30 with this preset (768 steps, resize convolutions, condition
        // noise), 1 thread: 0.56 (seed 0, this test; held-out phrasings 0.36); the earlier 960-step preset with transposed
        // convolutions scored 0.36, 0.60, 0.42 for seeds 0-2, and 8 epochs of batch 64 (64 steps) scored at chance. 0.25
        // keeps a wide margin for other processors' float rounding.
        Assert.True(score.ConditionalAccuracy >= 0.25, $"conditional accuracy {score.ConditionalAccuracy:F3} under training phrasings (chance 0.10)");
    }

    /// <summary>Mean over pixels and groups of the per-pixel std across each group of <paramref name="perGroup"/> consecutive images, grey levels in [0, 1].</summary>
    internal static double SpreadAcrossLatents(IReadOnlyList<FusionKit.Data.RawImage> images, int perGroup)
    {
        double total = 0;
        var groups = images.Count / perGroup;
        for (var g = 0; g < groups; g++)
            for (var p = 0; p < 28 * 28; p++)
            {
                var values = Enumerable.Range(0, perGroup).Select(j => images[g * perGroup + j].Pixels[p] / 255.0).ToArray();
                var mean = values.Average();
                total += Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
            }
        return total / (groups * 28 * 28);
    }

    private static EmbeddingMatrix Pixels(IReadOnlyList<FusionKit.Data.RawImage> images) =>
        new(images.Count, 28 * 28, images.SelectMany(im => im.Pixels.Select(p => p / 255f)).ToArray());
}
