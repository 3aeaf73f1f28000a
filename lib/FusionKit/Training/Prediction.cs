using FusionKit.Models;
using FusionKit.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Training;

/// <summary>Batched inference for any <see cref="IFeatureClassifier"/> on a <see cref="FeatureSet"/> (labels not needed).</summary>
public static class Prediction
{
    /// <summary>Softmax class probabilities, one row of C per sample.</summary>
    public static float[][] PredictProba<TModel>(this TModel model, FeatureSet data, int batchSize = 1024)
        where TModel : nn.Module, IFeatureClassifier
    {
        var result = new float[data.Count][];
        var classes = model.ClassCount;
        Run(model, data, batchSize, (start, logits) =>
        {
            using var probabilities = nn.functional.softmax(logits, 1).cpu(); // (b, C)
            var flat = probabilities.data<float>().ToArray();
            for (var i = 0; i < flat.Length / classes; i++) result[start + i] = flat.AsSpan(i * classes, classes).ToArray();
        });
        return result;
    }

    /// <summary>The most likely class (argmax of the logits) per sample.</summary>
    public static int[] Predict<TModel>(this TModel model, FeatureSet data, int batchSize = 1024)
        where TModel : nn.Module, IFeatureClassifier
    {
        var result = new int[data.Count];
        Run(model, data, batchSize, (start, logits) =>
        {
            using var best = logits.argmax(1).cpu(); // (b)
            var i = start;
            foreach (var c in best.data<long>()) result[i++] = (int)c;
        });
        return result;
    }

    internal static Device DeviceOf(nn.Module model) =>
        model.parameters().FirstOrDefault()?.device ?? torch.CPU;

    private static void Run<TModel>(TModel model, FeatureSet data, int batchSize, Action<int, Tensor> consume)
        where TModel : nn.Module, IFeatureClassifier
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        TorchRuntime.EnsureReady();
        if (data.ImageDim != model.ImageDim)
            throw new ArgumentException($"The set's image rows have {data.ImageDim} values; the model reads {model.ImageDim}.", nameof(data));
        if (model.SampleTextDim is { } textDim && data.TextDim != textDim)
            throw new ArgumentException($"The model fuses {textDim}-d text rows; the set has {(data.TextDim is null ? "no text" : $"{data.TextDim}-d text")}.", nameof(data));
        var device = DeviceOf(model);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            for (var start = 0; start < data.Count; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var rows = Math.Min(batchSize, data.Count - start);
                var image = data.Image.narrow(0, start, rows).to(device);               // (b, D_img)
                var text = model.SampleTextDim is null ? null : data.Text!.narrow(0, start, rows).to(device); // (b, D_txt)
                consume(start, model.Logits(image, text));                               // (b, C)
            }
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
