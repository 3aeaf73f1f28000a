using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Experiments.Generation;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using FusionKit.Text;
using FusionKit.Vision;

namespace FusionKit.Tests.Experiments.Generation;

/// <summary>
/// Generated images must reach the judge in the same value range and preprocessing as real ones: real test images
/// sent down the generated images' path (grey levels -> G's tanh range [-1, 1] -> <see cref="TextToImageModel.ToImages"/>
/// -> <see cref="GenerationJudge.Score"/>, which embeds them with ResNet18) must score exactly as their cached
/// embeddings do. An inverted, rescaled or differently resized image would change the verdicts.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public sealed class GenerationJudgeImagePathTests
{
    [Fact]
    public void RealTestImages_ThroughTheGeneratedImagesPath_ScoreAsTheirCachedEmbeddings()
    {
        TorchRuntime.EnsureReady();
        var options = new GenerationJudgeOptions { PerClass = 5, Threads = 1 };
        // fp32, so that both paths give the same floats whatever the batch (bf16 kernels may round differently per batch
        // size); the image path under test is the same in both precisions.
        var embedding = new EmbeddingOptions { ImageEncoder = options.ImageEncoder, TextEncoders = [], Threads = 1, Precision = ImagePrecision.Float32 };
        var data = FashionMnistEmbeddings.Load(RunProfile.Smoke, embedding);
        using var judge = GenerationJudge.Create(data, FashionMnistEmbeddings.CreateImageEncoder(embedding), seed: 0, options);

        // The first 5 test images of each class, in the judge's label order.
        var labels = judge.IntendedLabels;
        var queues = Enumerable.Range(0, data.ClassCount)
            .Select(c => new Queue<int>(Enumerable.Range(0, data.Test.Count).Where(i => data.Test.Labels[i] == c).Take(judge.PerClass))).ToArray();
        var indices = labels.Select(l => queues[l].Dequeue()).ToArray();
        var originals = indices.Select(i => data.Test.Dataset.Samples[i].Image).ToArray();

        using var tanhRange = TextToImageModel.FromImages(originals);                                   // (50, 1, 28, 28)
        Assert.Equal(-1f, tanhRange.min().item<float>(), 5);  // Fashion-MNIST's black background, as tanh's floor
        Assert.True(tanhRange.max().item<float>() <= 1f);
        var drawn = TextToImageModel.ToImages(tanhRange);
        Assert.All(drawn.Zip(originals), p => Assert.Equal(p.Second.Pixels, p.First.Pixels)); // the round trip loses nothing

        var viaPath = judge.Score(drawn, labels, "real test images via the generated path");
        var cached = judge.ScoreFeatures(data.Test.Images.Select(indices), labels, "real test images, cached embeddings");
        // Same images, same encoder, same classifier: the same verdicts (ONNX Runtime may differ in the last float digits).
        Assert.Equal(cached.ConditionalAccuracy, viaPath.ConditionalAccuracy, 6);
        Assert.True(viaPath.FrechetDistance < cached.FrechetDistance + 1e-2 && viaPath.FrechetDistance > cached.FrechetDistance - 1e-2,
            $"{viaPath.FrechetDistance} vs {cached.FrechetDistance}");
        // and about the classifier's accuracy on all real test images (0.81 on the smoke profile; 50 images, so a few points either way)
        Assert.True(Math.Abs(viaPath.ConditionalAccuracy - judge.ClassifierTestAccuracy) < 0.2,
            $"real test images via the generated path: {viaPath.ConditionalAccuracy:F3}; classifier on all real test images {judge.ClassifierTestAccuracy:F3}");
    }
}
