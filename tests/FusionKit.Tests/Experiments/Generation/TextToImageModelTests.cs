using FusionKit.Experiments.Generation;
using FusionKit.Models.Generation;
using FusionKit.Platform;
using TorchSharp;

namespace FusionKit.Tests.Experiments.Generation;

public class TextToImageModelTests
{
    public TextToImageModelTests() => TorchRuntime.EnsureReady();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SaveThenLoad_KeepsHowTheGeneratorUpsamples_AndDrawsTheSameImages(bool resize)
    {
        // A model saved with resize convolutions must load as one (its weights would not fit a transposed-conv G), and
        // models saved before the setting existed (no "resizeConvolution" in model.json) load as transposed-conv ones.
        torch.manual_seed(3);
        var architecture = new GanArchitecture(ConditionDim: 10, LatentDim: 8, ProjectedDim: 6, GeneratorWidth: 8, DiscriminatorWidth: 4, ResizeConvolution: resize);
        using var model = new TextToImageModel(new ConditionalGenerator(architecture), null, GenerationConditioning.OneHot, "minilm",
                                               Enumerable.Range(0, 10).Select(i => $"class {i}").ToArray());
        using var folder = new TempFolder();
        model.Save(folder.Path);
        using var loaded = TextToImageModel.Load(folder.Path, ComputeDevice.Cpu);
        Assert.Equal(resize, loaded.Generator.Architecture.ResizeConvolution);
        var latents = TextToImageModel.Latents(4, 8, 5);
        var labels = new[] { 0, 3, 7, 9 };
        var before = model.Generate(latents, model.OneHot(labels));
        var after = loaded.Generate(latents, loaded.OneHot(labels));
        Assert.Equal(before.Select(i => i.Pixels.ToArray()), after.Select(i => i.Pixels.ToArray()));

        if (resize) return;
        var info = Path.Combine(folder.Path, "model.json");
        File.WriteAllLines(info, File.ReadAllLines(info).Where(l => !l.Contains("resizeConvolution", StringComparison.Ordinal)));
        using var older = TextToImageModel.Load(folder.Path, ComputeDevice.Cpu);
        Assert.False(older.Generator.Architecture.ResizeConvolution);
    }
}
