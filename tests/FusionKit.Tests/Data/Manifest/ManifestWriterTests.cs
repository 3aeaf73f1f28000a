using FusionKit.Data;
using FusionKit.Data.Manifest;

namespace FusionKit.Tests.Data.Manifest;

public sealed class ManifestWriterTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WrittenManifest_LoadsBackIdentically()
    {
        var gray = new RawImage(3, 2, 1, [0, 50, 100, 150, 200, 250]);
        var rgb = new RawImage(2, 1, 3, [255, 0, 0, 0, 0, 255]);
        var dataset = new Dataset("tiny", ["T-shirt/top", "Bag, large"], [
            new Sample("a", gray, 0, "a \"quoted\", text"),
            new Sample("b", rgb, 1, "plain"),
        ], "fp");
        var manifest = ManifestWriter.WriteCsv(dataset, _dir);

        var loaded = ManifestDataset.Load(manifest).Dataset;
        Assert.Equal(["T-shirt/top", "Bag, large"], loaded.ClassNames);
        Assert.Equal([0, 1], loaded.Labels());
        Assert.Equal("a \"quoted\", text", loaded.Samples[0].Text);
        Assert.Equal(gray.Pixels, loaded.Samples[0].Image.Pixels);
        Assert.Equal(1, loaded.Samples[0].Image.Channels);
        Assert.Equal(rgb.Pixels, loaded.Samples[1].Image.Pixels);
    }
}
