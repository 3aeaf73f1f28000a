using FusionKit.Data;
using Onnx;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace FusionKit.Vision;

/// <summary>
/// Turns <see cref="RawImage"/>s into the input the shipped pretrained ResNet18 expects, as its own
/// preprocessing graph (ResNetPreprocess.onnx: Split RGB, Concat BGR, Sub MeanImage) defines it:
/// resize to <see cref="Resolution"/> squared with ImageSharp's bicubic resampler, grayscale replicated to three
/// channels, pixel values 0..255 (not scaled), planar, channels reordered to B, G, R, minus the per-pixel mean
/// image the package ships (1x3x224x224; channel means B 103.06, G 115.90, R 123.15).
/// At resolutions other than 224 the mean image is resized bilinearly (PyTorch's interpolate with
/// align_corners=false), so it keeps its spatial pattern.
/// </summary>
public sealed class ResNetPreprocessor
{
    /// <summary>Changes whenever the preprocessing output changes; part of every encoder's cache key.</summary>
    public const string Version = "resnet-bgr-meanimage-bicubic-v1";

    /// <summary>Side of the mean image in ResNetPreprocess.onnx, and the network's native input size.</summary>
    public const int NativeResolution = 224;

    private readonly float[] _mean; // (3, S, S), B G R planes

    /// <summary>Uses <paramref name="meanImage"/> (3 x resolution x resolution, planes B, G, R) as the mean.</summary>
    public ResNetPreprocessor(int resolution, float[] meanImage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        ArgumentNullException.ThrowIfNull(meanImage);
        if (meanImage.Length != 3 * resolution * resolution)
            throw new ArgumentException($"The mean image must hold 3x{resolution}x{resolution} = {3 * resolution * resolution} values, got {meanImage.Length}.", nameof(meanImage));
        Resolution = resolution;
        _mean = meanImage;
    }

    /// <summary>Output side length in pixels.</summary>
    public int Resolution { get; }

    /// <summary>Floats per preprocessed image: 3 x Resolution x Resolution.</summary>
    public int ValuesPerImage => 3 * Resolution * Resolution;

    /// <summary>The subtracted mean image, (3, S, S) planes B, G, R.</summary>
    public ReadOnlySpan<float> MeanImage => _mean;

    /// <summary>Reads the mean image from the package's ResNetPreprocess.onnx and fits it to <paramref name="resolution"/>.</summary>
    /// <exception cref="InvalidDataException">The preprocessing graph is not the one expected; the message names the file.</exception>
    public static ResNetPreprocessor Load(PretrainedResNet18Files files, int resolution = NativeResolution)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        var mean = ReadMeanImage(files.PreprocessPath);
        return new ResNetPreprocessor(resolution, resolution == NativeResolution ? mean : ResizeBilinear(mean, NativeResolution, resolution));
    }

    /// <summary>Preprocesses a batch into one (B, 3, S, S) buffer.</summary>
    public float[] Preprocess(IReadOnlyList<RawImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new float[images.Count * ValuesPerImage];
        for (var i = 0; i < images.Count; i++) Write(images[i], result.AsSpan(i * ValuesPerImage, ValuesPerImage));
        return result;
    }

    /// <summary>Writes one preprocessed image, (3, S, S) planes B, G, R, into <paramref name="destination"/>.</summary>
    public void Write(RawImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (destination.Length != ValuesPerImage)
            throw new ArgumentException($"Destination must hold {ValuesPerImage} floats, got {destination.Length}.", nameof(destination));
        var pixels = image.Width == Resolution && image.Height == Resolution ? image.Pixels : Resize(image, Resolution);
        var plane = Resolution * Resolution;
        var mean = _mean.AsSpan();
        var b = destination[..plane];
        var g = destination.Slice(plane, plane);
        var r = destination.Slice(2 * plane, plane);
        var meanB = mean[..plane];
        var meanG = mean.Slice(plane, plane);
        var meanR = mean.Slice(2 * plane, plane);
        if (image.Channels == 1)
        {
            for (var p = 0; p < plane; p++)
            {
                float v = pixels[p];
                b[p] = v - meanB[p];
                g[p] = v - meanG[p];
                r[p] = v - meanR[p];
            }
        }
        else
        {
            for (var p = 0; p < plane; p++)
            {
                b[p] = pixels[3 * p + 2] - meanB[p];
                g[p] = pixels[3 * p + 1] - meanG[p];
                r[p] = pixels[3 * p] - meanR[p];
            }
        }
    }

    /// <summary>Resizes to size x size with ImageSharp's bicubic resampler, keeping the channel count.</summary>
    internal static byte[] Resize(RawImage image, int size)
    {
        var result = new byte[size * size * image.Channels];
        if (image.Channels == 1)
        {
            using var img = Image.LoadPixelData<L8>(image.Pixels, image.Width, image.Height);
            img.Mutate(x => x.Resize(size, size, KnownResamplers.Bicubic));
            img.CopyPixelDataTo(result);
        }
        else
        {
            using var img = Image.LoadPixelData<Rgb24>(image.Pixels, image.Width, image.Height);
            img.Mutate(x => x.Resize(size, size, KnownResamplers.Bicubic));
            img.CopyPixelDataTo(result);
        }
        return result;
    }

    private static float[] ReadMeanImage(string path)
    {
        var model = OnnxModelFile.Read(path);
        var sub = model.Graph.Node.FirstOrDefault(n => n.OpType == "Sub")
                  ?? throw new InvalidDataException($"{path}: expected a Sub node subtracting the mean image; found {string.Join(", ", model.Graph.Node.Select(n => n.OpType))}.");
        var name = sub.Input.Count == 2 ? sub.Input[1] : "";
        var tensor = model.Graph.Initializer.FirstOrDefault(t => t.Name == name)
                     ?? throw new InvalidDataException($"{path}: the Sub node's second input '{name}' is not an initializer.");
        long[] expected = [1, 3, NativeResolution, NativeResolution];
        if (!tensor.Dims.SequenceEqual(expected) || tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"{path}: mean image '{name}' is {string.Join("x", tensor.Dims)} of data type {tensor.DataType}; expected float 1x3x224x224.");
        return OnnxTensors.ToFloats(tensor, path);
    }

    /// <summary>Bilinear resize of (3, from, from) planes to (3, to, to), half-pixel centres (align_corners=false).</summary>
    internal static float[] ResizeBilinear(float[] source, int from, int to)
    {
        var result = new float[3 * to * to];
        var scale = (double)from / to;
        for (var y = 0; y < to; y++)
        {
            var (y0, y1, wy) = Taps(y, scale, from);
            for (var x = 0; x < to; x++)
            {
                var (x0, x1, wx) = Taps(x, scale, from);
                for (var c = 0; c < 3; c++)
                {
                    var s = c * from * from;
                    var top = source[s + y0 * from + x0] * (1 - wx) + source[s + y0 * from + x1] * wx;
                    var bottom = source[s + y1 * from + x0] * (1 - wx) + source[s + y1 * from + x1] * wx;
                    result[c * to * to + y * to + x] = (float)(top * (1 - wy) + bottom * wy);
                }
            }
        }
        return result;
    }

    private static (int Low, int High, double Weight) Taps(int index, double scale, int size)
    {
        var src = Math.Max((index + 0.5) * scale - 0.5, 0);
        var low = Math.Min((int)src, size - 1);
        var high = Math.Min(low + 1, size - 1);
        return (low, high, src - low);
    }
}
