using FusionKit.Data;
using FusionKit.Vision;

namespace FusionKit.Tests.Vision;

public class ResNetPreprocessorTests
{
    // Hand-made mean for a 2x2 input: planes B, G, R.
    private static readonly float[] Mean2x2 = [1, 2, 3, 4, 10, 20, 30, 40, 100, 101, 102, 103];

    [Fact]
    public void Write_RgbImage_IsPlanarBgrMinusMean()
    {
        var pre = new ResNetPreprocessor(2, Mean2x2);
        // Pixels (R,G,B): (10,20,30) (40,50,60) / (70,80,90) (200,210,220), row-major.
        var image = new RawImage(2, 2, 3, [10, 20, 30, 40, 50, 60, 70, 80, 90, 200, 210, 220]);
        var output = pre.Preprocess([image]);
        // Hand-computed: B plane = [30,60,90,220] - [1,2,3,4]; G = [20,50,80,210] - [10,20,30,40]; R = [10,40,70,200] - [100..103].
        float[] expected = [29, 58, 87, 216, 10, 30, 50, 170, -90, -61, -32, 97];
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Write_GrayImage_ReplicatesToThreeChannels()
    {
        var pre = new ResNetPreprocessor(2, Mean2x2);
        var output = pre.Preprocess([new RawImage(2, 2, 1, [0, 255, 128, 7])]);
        // Hand-computed: each plane = [0,255,128,7] minus that plane's mean.
        float[] expected = [-1, 253, 125, 3, -10, 235, 98, -33, -100, 154, 26, -96];
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Write_ResizesToResolution()
    {
        var pre = new ResNetPreprocessor(2, new float[12]);
        // A constant image stays constant under any interpolating resampler: 1x1 -> 2x2.
        var output = pre.Preprocess([new RawImage(1, 1, 3, [50, 60, 70])]);
        Assert.Equal([70f, 70, 70, 70, 60, 60, 60, 60, 50, 50, 50, 50], output);
    }

    [Fact]
    public void Load_MeanImageHasPackageChannelMeans()
    {
        var pre = ResNetPreprocessor.Load(PretrainedResNet18Files.Locate());
        var plane = 224 * 224;
        var mean = pre.MeanImage.ToArray();
        // Reference: channel means of MeanImage in ResNetPreprocess.onnx (docs/platform.md: B 103.06, G 115.90, R 123.15).
        Assert.Equal(103.06, mean.Take(plane).Average(), 2);
        Assert.Equal(115.90, mean.Skip(plane).Take(plane).Average(), 2);
        Assert.Equal(123.15, mean.Skip(2 * plane).Average(), 2);
        Assert.NotEqual(mean[0], mean[plane / 2]); // a per-pixel image, not a per-channel constant
    }

    [Fact]
    public void ResizeBilinear_HalvingAveragesEachTwoByTwo()
    {
        // Half-pixel centres: output (0,0) samples source (0.5,0.5) = mean of the four pixels (hand-computed).
        float[] source = [1, 2, 3, 4, 10, 20, 30, 40, 0, 0, 8, 8];
        Assert.Equal([2.5f, 25f, 4f], ResNetPreprocessor.ResizeBilinear(source, 2, 1));
        Assert.Equal(source, ResNetPreprocessor.ResizeBilinear(source, 2, 2));
    }

    [Fact]
    public void Locate_MissingFolder_NamesPathsTried()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fusionkit-no-models-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<FileNotFoundException>(() => PretrainedResNet18Files.Locate(dir));
        Assert.Contains(Path.Combine(dir, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx"), e.Message);
    }
}
