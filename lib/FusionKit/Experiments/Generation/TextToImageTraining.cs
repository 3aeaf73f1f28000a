using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Interactive;
using FusionKit.Models.Generation;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Training.Gan;
using TorchSharp;

namespace FusionKit.Experiments.Generation;

/// <summary>
/// The text-to-image pipeline end to end: a seeded, stratified subset of Fashion-MNIST's training images, each
/// captioned from its label (<see cref="CaptionBank"/>), captions embedded once through the
/// <see cref="EmbeddingCache"/>, the GAN trained with per-epoch checkpoints (resumable after Ctrl+C), a fixed grid
/// of prompts x latents rendered to PNG after every epoch, then the image-to-latent encoder, and the model saved with
/// the settings it was trained with. A folder that already holds a finished model of the same settings is loaded
/// instead of retrained; one of other settings is refused.
/// </summary>
public static class TextToImageTraining
{
    /// <summary>Latent vectors (columns) of the per-epoch progress grid.</summary>
    public const int GridColumns = 8;

    /// <summary>Seed of the progress grid's fixed latents (independent of the run's seed, so runs can be compared).</summary>
    public const int GridSeed = 20160517;

    /// <summary>The conventional folder of a run under the results folder: <c>gan/{conditioning}-{encoder}-{name}-seed{seed}</c>.</summary>
    public static string DefaultFolder(GenerationOptions options, string profileName) =>
        Path.Combine(KitPaths.ResultsDirectory(), "gan", $"{options.Conditioning.ToString().ToLowerInvariant()}-{options.TextEncoder}-{profileName}-seed{options.Seed}");

    /// <summary>The real training images of a run: a seeded stratified subset (or all) of the training split.</summary>
    public static Dataset TrainingImages(GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var train = FashionMnist.Load(FashionMnistSplit.Train);
        return options.TrainPerClass is { } perClass ? StratifiedSampling.SubsetPerClass(train, perClass, options.Seed) : train;
    }

    /// <summary>
    /// Trains (or resumes, or loads) the model of <paramref name="options"/> in <paramref name="folder"/>. Progress
    /// lines go to <paramref name="log"/>; cancellation stops before the next batch with the last epoch's checkpoint kept.
    /// </summary>
    public static TextToImageRun Train(GenerationOptions options, string folder, TextWriter? log = null, CaptionBank? captions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TorchRuntime.EnsureReady();
        log ??= TextWriter.Null;
        captions ??= CaptionBank.LoadDefault();
        var data = TrainingImages(options);
        var modelFolder = Path.Combine(folder, "model");
        var historyPath = Path.Combine(folder, "history.csv");
        var settingsPath = Path.Combine(folder, SettingsFileName);
        if (TextToImageModel.Exists(modelFolder) && File.Exists(historyPath))
        {
            CheckSettings(settingsPath, options, folder);
            log.WriteLine($"loading the trained model in {modelFolder}");
            var loaded = TextToImageModel.Load(modelFolder, options.Device);
            var (history, encoderLosses) = ReadHistory(historyPath);
            return new TextToImageRun(loaded, options, history, encoderLosses, folder, 0, data.Count);
        }

        var clock = Stopwatch.StartNew();
        var labels = data.Labels();
        using var set = BuildSet(options, data, labels, captions, log, cancellationToken);
        torch.manual_seed(options.Seed);
        var architecture = options.Architecture(set.ConditionDim, set.ClassCount);
        var generator = new ConditionalGenerator(architecture);
        using var discriminator = new MatchingAwareDiscriminator(architecture);
        var model = new TextToImageModel(generator, null, options.Conditioning, options.TextEncoder, data.ClassNames);
        var grid = ProgressGrid(model, captions);
        var trainer = new GanTrainer(options.TrainingConfig(Path.Combine(folder, "checkpoint")))
        {
            Log = log,
            EpochFinished = (record, g) => grid(g).SavePng(Path.Combine(folder, "grids", $"epoch-{record.Epoch:D3}.png")),
        };
        log.WriteLine($"captions: {CaptionBank.Declaration}");
        var historyRecords = trainer.Fit(generator, discriminator, set, cancellationToken);

        LatentEncoder? encoder = null;
        IReadOnlyList<double> losses = [];
        if (options.EncoderEpochs > 0 && options.Conditioning == GenerationConditioning.Text)
        {
            torch.manual_seed(options.Seed + 1);
            encoder = new LatentEncoder(architecture);
            losses = LatentEncoderTraining.Fit(encoder, generator, set, options.EncoderEpochs, options.Seed, options.BatchSize, log: log, cancellationToken: cancellationToken);
        }
        var trained = new TextToImageModel(generator, encoder, options.Conditioning, options.TextEncoder, data.ClassNames);
        AtomicFile.WriteAllText(settingsPath, SettingsOf(options)); // before the model: a finished model always has its settings
        trained.Save(modelFolder);
        WriteHistory(historyPath, historyRecords, losses);
        grid(generator).SavePng(Path.Combine(folder, "grid-final.png"));
        return new TextToImageRun(trained, options, historyRecords, losses, folder, clock.Elapsed.TotalSeconds, data.Count);
    }

    /// <summary>File of a run folder with the settings its model was trained with (threads and device aside).</summary>
    public const string SettingsFileName = "settings.json";

    private static string SettingsOf(GenerationOptions options) => JsonSerializer.Serialize(options with { Threads = null }, KitJson.Options);

    /// <summary>Refuses a finished model trained with other settings (or by a release that did not record them), naming
    /// the folder and each setting that differs, instead of handing it out as the model of <paramref name="options"/>.</summary>
    private static void CheckSettings(string path, GenerationOptions options, string folder)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"{folder} holds a GAN trained by an earlier release, which did not record its settings ({SettingsFileName}); " +
                                           "delete the folder to train one with these settings, or give another folder.");
        JsonObject saved, now = JsonNode.Parse(SettingsOf(options))!.AsObject();
        try
        {
            saved = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not readable ({e.Message}); delete {folder} to train again.", e);
        }
        var differences = now.Select(p => p.Key).Union(saved.Select(p => p.Key))
            .Where(k => saved[k]?.ToJsonString() != now[k]?.ToJsonString())
            .Select(k => $"{k} {saved[k]?.ToJsonString() ?? "(none)"} there, {now[k]?.ToJsonString() ?? "(none)"} now")
            .ToArray();
        if (differences.Length > 0)
            throw new InvalidDataException($"{folder} holds a GAN trained with other settings ({string.Join("; ", differences)}); " +
                                           "delete the folder to train one with these settings, or give another folder.");
    }

    /// <summary>The GAN training set of a run: images, and per conditioning the condition table (caption embeddings,
    /// one-hot rows or none), each image's condition row and each class's rows.</summary>
    public static GanTrainingSet BuildSet(GenerationOptions options, Dataset data, IReadOnlyList<int> labels, CaptionBank captions, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(captions);
        var pixels = new byte[data.Count * GanArchitecture.ImageSize * GanArchitecture.ImageSize];
        for (var i = 0; i < data.Count; i++) data.Samples[i].Image.Pixels.CopyTo(pixels, i * GanArchitecture.ImageSize * GanArchitecture.ImageSize);
        var classes = data.ClassNames.Count;
        switch (options.Conditioning)
        {
            case GenerationConditioning.Text:
                var texts = captions.TrainCaptions();
                float[][] table;
                using (var encoder = TextEncoders.Create(options.TextEncoder, texts, log))
                {
                    var m = new EmbeddingCache { Progress = log ?? TextWriter.Null }.GetOrCompute(encoder, texts, cancellationToken);
                    table = Enumerable.Range(0, m.Rows).Select(r => m.Data.AsSpan(r * m.Dimension, m.Dimension).ToArray()).ToArray();
                }
                var perClass = captions.TrainPerClass;
                var byClass = Enumerable.Range(0, classes).Select(c => (IReadOnlyList<int>)Enumerable.Range(c * perClass, perClass).ToArray()).ToArray();
                return new GanTrainingSet(pixels, labels, table, captions.AssignTrainCaptions(labels, options.Seed), byClass);
            case GenerationConditioning.OneHot:
                var oneHot = Enumerable.Range(0, classes).Select(c => { var v = new float[classes]; v[c] = 1; return v; }).ToArray();
                return new GanTrainingSet(pixels, labels, oneHot, labels, Enumerable.Range(0, classes).Select(c => (IReadOnlyList<int>)[c]).ToArray());
            default:
                return new GanTrainingSet(pixels, labels, null, null, null);
        }
    }

    /// <summary>
    /// The fixed grid drawn after each epoch: one row per class (its first held-out paraphrase for a text model,
    /// its name for a one-hot model, nothing for an unconditional one) x <see cref="GridColumns"/> fixed latents.
    /// </summary>
    public static Func<ConditionalGenerator, ImageGrid> ProgressGrid(TextToImageModel model, CaptionBank captions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(captions);
        var rows = captions.Classes.Count;
        var prompts = model.Conditioning switch
        {
            GenerationConditioning.Text => captions.Classes.Select(c => c.HeldOut[0]).ToArray(),
            GenerationConditioning.OneHot => captions.Classes.Select(c => c.Name).ToArray(),
            _ => Enumerable.Repeat("(unconditional)", rows).ToArray(),
        };
        float[][]? conditions = model.Conditioning switch
        {
            GenerationConditioning.Text => model.EmbedPrompts(prompts),
            GenerationConditioning.OneHot => model.OneHot(Enumerable.Range(0, rows).ToArray()),
            _ => null,
        };
        var oneRow = TextToImageModel.Latents(GridColumns, model.LatentDim, GridSeed);
        var latents = Enumerable.Repeat(oneRow, rows).SelectMany(r => r).ToArray();
        var perTile = conditions is null ? null : Enumerable.Range(0, rows * GridColumns).Select(i => conditions[i / GridColumns]).ToArray();
        return generator =>
        {
            var drawer = new TextToImageModel(generator, null, model.Conditioning, model.TextEncoderName, model.ClassNames);
            var images = drawer.Generate(latents, perTile);
            var tiles = images.Select((im, i) => new ImageTile(im, prompts[i / GridColumns])).ToArray();
            return new ImageGrid(tiles, GridColumns, 56, $"rows: prompts ({CaptionBank.Declaration}); columns: fixed latents");
        };
    }

    private static void WriteHistory(string path, IReadOnlyList<GanEpochRecord> history, IReadOnlyList<double> encoderLosses)
    {
        var csv = new StringBuilder("stage,epoch,discriminator_loss,generator_loss,real_score,fake_score,encoder_loss,seconds\n");
        foreach (var r in history)
            csv.Append(CultureInfo.InvariantCulture, $"gan,{r.Epoch},{r.DiscriminatorLoss:R},{r.GeneratorLoss:R},{r.RealScore:R},{r.FakeScore:R},,{r.Seconds:R}\n");
        for (var i = 0; i < encoderLosses.Count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"encoder,{i + 1},,,,,{encoderLosses[i]:R},\n");
        AtomicFile.WriteAllText(path, csv.ToString());
    }

    private static (IReadOnlyList<GanEpochRecord>, IReadOnlyList<double>) ReadHistory(string path)
    {
        var history = new List<GanEpochRecord>();
        var encoder = new List<double>();
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            if (f.Length != 8) throw new InvalidDataException($"{path}, line {i + 1}: expected 8 fields, found {f.Length}.");
            double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
            if (f[0] == "gan") history.Add(new GanEpochRecord(int.Parse(f[1], CultureInfo.InvariantCulture), D(f[2]), D(f[3]), D(f[4]), D(f[5]), D(f[7])));
            else encoder.Add(D(f[6]));
        }
        return (history, encoder);
    }
}
