using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Experiments.Interaction.QuestionGeneration;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Speech;
using FusionKit.Text;
using FusionKit.Text.WordEmbeddings;
using FusionKit.Training;
using FusionKit.Vision;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Experiments.Interaction;

/// <summary>
/// Answers a question about an image of one's own with an answer model trained on the generated questions: the
/// image is decoded as elsewhere in the kit (<see cref="ImageFileDecoder"/>) and embedded with ResNet18 (7x7 tokens for
/// cross-attention), the question with the model's question encoder. Before answering, it checks the question: empty,
/// not English-looking (most words unknown to the kit's English word list), or unlike every question the model was
/// trained for (cosine below <see cref="AskOptions.MinSimilarity"/>): each gets a clear reply instead of a guess.
/// The model is trained on first use (progress on the log, resumable after an interruption) and cached.
/// </summary>
public sealed partial class QuestionAnswerer : IDisposable
{
    private const string ModelFile = "model.fkm";
    private const string MetaFile = "model.json";

    private readonly FusionClassifier model;
    private readonly ITextEncoder text;
    private readonly IImageEncoder images;
    private readonly IReadOnlySet<string> englishWords;
    private readonly string[] knownQuestions;
    private readonly float[][] knownEmbeddings;

    private QuestionAnswerer(AskOptions options, FusionClassifier model, ITextEncoder text, IImageEncoder images, IReadOnlySet<string> englishWords,
                             string[] knownQuestions, float[][] knownEmbeddings, IReadOnlyList<string> answers, string description)
    {
        Options = options;
        this.model = model;
        this.text = text;
        this.images = images;
        this.englishWords = englishWords;
        this.knownQuestions = knownQuestions;
        this.knownEmbeddings = knownEmbeddings;
        Answers = answers;
        Description = description;
    }

    /// <summary>The options it was opened with.</summary>
    public AskOptions Options { get; }

    /// <summary>The answer vocabulary.</summary>
    public IReadOnlyList<string> Answers { get; }

    /// <summary>How the model was trained ("cross-attention · minilm, smoke profile, seed 0, validation accuracy 0.93, ...").</summary>
    public string Description { get; }

    /// <summary>Whether the model reads the 7x7 grid and so returns attention maps.</summary>
    public bool HasAttention => model.Fusion is ISpatialFusion;

    /// <summary>The folder that holds (or will hold) the model of <paramref name="options"/>: keyed by its settings and the data files.</summary>
    public static string ModelDirectory(AskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDir = Path.Combine(DataLocator.FindDataDirectory(), "interaction");
        var c = options.Config;
        var setting = c.SpeedSettingOf(options.Method);
        var key = string.Join('|', options.Profile.Name, options.Method, options.Encoder, options.Seed, c.QuestionsPerImage, c.TrainImagesPerClass,
                              string.Join('-', c.HiddenSizes), c.LearningRate.ToString("R", CultureInfo.InvariantCulture), setting.BatchSize, setting.Epochs, c.Patience,
                              c.FusionOptions.MfbOutputDim, c.FusionOptions.AttentionDim, c.DataSeed,
                              "questions-grouped-by-image", // the training order since batches read each image once; a model trained in the old order is retrained
                              // the arithmetic of the image embeddings it learned from: a model of fp32 images is not reused on bf16 ones
                              ImagePrecisionChoice.Name(ImagePrecisionChoice.Resolve(c.ImagePrecision).Precision),
                              Hashing.FileSha256Hex(Path.Combine(dataDir, AttributeTable.FileName)), Hashing.FileSha256Hex(Path.Combine(dataDir, QuestionTemplates.FileName)));
        return Path.Combine(KitPaths.CacheDirectory(), "interaction", $"{options.Profile.Name}-{options.Method}-{options.Encoder}-seed{options.Seed}-{Hashing.Sha256Hex(key)[..12]}");
    }

    /// <summary>Whether the model of <paramref name="options"/> is trained and cached.</summary>
    public static bool IsTrained(AskOptions options) => File.Exists(Path.Combine(ModelDirectory(options), MetaFile));

    /// <summary>
    /// Trains the model of <paramref name="options"/> on its profile's generated questions (the epoch best on validation is
    /// kept) and caches it. Interrupted (<paramref name="cancel"/>), it keeps the last finished epoch and a rerun resumes.
    /// </summary>
    public static void Train(AskOptions options, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        log ??= TextWriter.Null;
        var dir = ModelDirectory(options);
        var config = options.Config with { Methods = [options.Method], TextEncoders = [options.Encoder], Threads = options.Threads, Device = options.Device };
        log.WriteLine($"training the answer model ({options.Method} · {options.Encoder}, {options.Profile.Name} profile) on generated questions; it is cached in {dir}");
        var data = InteractionData.Load(options.Profile, config, log, cancel);
        using var trained = InteractionExperiment.Fit(data, config, options.Method, options.Encoder, options.Seed, Path.Combine(dir, "checkpoint"), log, cancel,
                                                      out var seconds, out var history);
        ModelFiles.Save(trained.Inner, Path.Combine(dir, ModelFile));
        var best = history.BestEpoch is { } b ? history.Epochs[b - 1].ValidationAccuracy ?? double.NaN : double.NaN;
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{options.Method} · {options.Encoder}, trained on {data.TrainQuestions.Count:N0} generated questions about {data.Train.Dataset.Count:N0} images ({options.Profile.Name} profile, seed {options.Seed}); validation accuracy {best:0.000} at epoch {history.BestEpoch}; {seconds:0} s");
        AtomicFile.WriteAllText(Path.Combine(dir, MetaFile), JsonSerializer.Serialize(new { answers = data.Answers, description }));
        Directory.Delete(Path.Combine(dir, "checkpoint"), recursive: true);
        log.WriteLine($"trained: {description}");
    }

    /// <summary>Opens the cached model of <paramref name="options"/>, training it first when <paramref name="trainIfMissing"/>.</summary>
    /// <exception cref="InvalidOperationException">The model is not trained and <paramref name="trainIfMissing"/> is false (the message says how to train it).</exception>
    public static QuestionAnswerer Open(AskOptions options, bool trainIfMissing = true, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        TorchRuntime.EnsureReady();
        if (!IsTrained(options))
        {
            if (!trainIfMissing)
                throw new InvalidOperationException($"The {options.Method} · {options.Encoder} answer model of the {options.Profile.Name} profile is not trained yet; run `fusionkit ask --train --model-profile {options.Profile.Name}` (a minute or two on the smoke profile).");
            Train(options, log, cancel);
        }
        var dir = ModelDirectory(options);
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, MetaFile)));
        var answers = meta.RootElement.GetProperty("answers").EnumerateArray().Select(a => a.GetString()!).ToArray();
        var description = meta.RootElement.GetProperty("description").GetString()!;

        var table = AttributeTable.LoadDefault();
        var templates = QuestionTemplates.LoadDefault(table);
        var known = templates.All.SelectMany(t => t.Type == QuestionType.IsClass ? table.Classes.Select(t.Render) : [t.Render(null)])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var textEncoder = TextEncoders.Create(options.Encoder, known.Concat(["what", "is", "this"]), log, options.Threads);
        var cache = new EmbeddingCache { Progress = log ?? TextWriter.Null };
        var knownEmbeddings = cache.GetOrCompute(textEncoder, known, cancel).ToJagged().Select(Normalized).ToArray();

        var spatial = FusionExperiment.IsSpatial(options.Method);
        // The image is embedded as the training images were: the same precision (InteractionData.Load's).
        var embedding = new EmbeddingOptions { Threads = options.Threads, Precision = options.Config.ImagePrecision };
        var imageEncoder = spatial ? FashionMnistEmbeddings.CreateSpatialEncoder(embedding) : FashionMnistEmbeddings.CreateImageEncoder(embedding);
        var tokenDim = spatial ? imageEncoder.Dimension / SpatialPooling.Tokens : imageEncoder.Dimension;
        var (classifier, _) = InteractionExperiment.Build(options.Method, tokenDim, textEncoder.Dimension, answers.Length, options.Config);
        ModelFiles.Load(classifier, Path.Combine(dir, ModelFile));
        classifier.eval();
        return new QuestionAnswerer(options, classifier, textEncoder, imageEncoder, EnglishWords(), known, knownEmbeddings, answers, description);
    }

    /// <summary>
    /// The recogniser grammar of the questions the model was trained for: every seen and held-out phrasing, with each
    /// class's noun filled in (<see cref="SpeechGrammar.FromPhrases"/>). Every word is in the CMU pronouncing dictionary.
    /// </summary>
    public SpeechGrammar Grammar() => SpeechGrammar.FromPhrases(knownQuestions);

    /// <summary>
    /// Answers a spoken question: <paramref name="audioPath"/> (any WAV file) is transcribed by
    /// <paramref name="transcriber"/>, restricted to <see cref="Grammar"/> when <paramref name="useGrammar"/> (else its
    /// generic language model), and the text is answered as a typed question. Silence, or audio in which the recogniser
    /// hears no words, gets an <see cref="AskStatus.Empty"/> reply saying so.
    /// </summary>
    /// <exception cref="SpeechException">The recogniser is not installed (the message says how to install it), the audio
    /// file is unreadable, or the recogniser failed: each message names the file or program.</exception>
    public (AskAnswer Answer, SpeechTranscript? Transcript) AskSpoken(RawImage image, string audioPath, ISpeechTranscriber transcriber, bool useGrammar = true,
                                                                      CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(transcriber);
        SpeechTranscript transcript;
        try
        {
            transcript = transcriber.Transcribe(audioPath, useGrammar ? Grammar() : null, cancel);
        }
        catch (SpeechException e) when (e.Kind == SpeechErrorKind.NoSpeech)
        {
            return (Refuse("", AskStatus.Empty, $"No question was heard: {e.Message}"), null);
        }
        return (Ask(image, transcript.Text), transcript);
    }

    /// <summary>Answers <paramref name="question"/> about the image file at <paramref name="imagePath"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a readable image (the message names the file and what is wrong).</exception>
    public AskAnswer Ask(string imagePath, string question) => Ask(ImageFileDecoder.Decode(imagePath), question);

    /// <summary>Answers <paramref name="question"/> about <paramref name="image"/> (any size, grayscale or RGB).</summary>
    public AskAnswer Ask(RawImage image, string question)
    {
        ArgumentNullException.ThrowIfNull(image);
        question ??= "";
        var words = Words().Matches(question.ToLowerInvariant()).Select(m => m.Value).ToArray();
        if (string.IsNullOrWhiteSpace(question))
            return Refuse(question, AskStatus.Empty, $"Ask a question about the picture, e.g. \"{knownQuestions.First(q => q.StartsWith("what", StringComparison.Ordinal))}\" or \"would i wear this on my feet?\".");
        var knownShare = words.Length == 0 ? 0 : (double)words.Count(englishWords.Contains) / words.Length;
        if (knownShare < 0.5)
            return Refuse(question, AskStatus.NotEnglish, "That does not look like an English question; the model understands English questions about clothes, shoes and bags, e.g. \"what is this?\".");

        var q = Normalized(text.Encode([question])[0]);
        var (nearest, similarity) = Nearest(q);
        if (similarity < Options.MinSimilarity)
            return Refuse(question, AskStatus.OutOfScope,
                "That question is outside what the model was trained on. It answers what the item is, whether it is a given item (t-shirt, trousers, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle boot), " +
                "whether it is footwear, has sleeves, keeps you warm or is carried, where it is worn and for which season.", nearest, similarity);

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var device = Prediction.DeviceOf(model);
        var imageRow = torch.tensor(images.Encode([image])[0], device: device).unsqueeze(0); // (1, D_img) or (1, 49 * 512)
        var questionRow = torch.tensor(text.Encode([question])[0], device: device).unsqueeze(0); // (1, D_q)
        var probabilities = nn.functional.softmax(model.call(imageRow, questionRow), 1)[0].cpu().data<float>().ToArray(); // (C)
        var ranked = Enumerable.Range(0, probabilities.Length).OrderByDescending(i => probabilities[i]).ToArray();
        var map = model.Fusion is ISpatialFusion spatial ? spatial.AttentionMap(imageRow, questionRow)[0].cpu().data<float>().ToArray() : null; // (49)
        var answer = Answers[ranked[0]];
        return new AskAnswer(question, AskStatus.Answered, string.Create(CultureInfo.InvariantCulture, $"{answer} (probability {probabilities[ranked[0]]:0.00})"),
                             answer, probabilities[ranked[0]], ranked.Skip(1).Take(3).Select(i => (Answers[i], (double)probabilities[i])).ToArray(),
                             nearest, similarity, map);
    }

    private static AskAnswer Refuse(string question, AskStatus status, string message, string? nearest = null, double similarity = double.NaN) =>
        new(question, status, message, null, double.NaN, [], nearest, similarity, null);

    private (string Question, double Similarity) Nearest(float[] q)
    {
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < knownEmbeddings.Length; i++)
        {
            double dot = 0;
            for (var d = 0; d < q.Length; d++) dot += q[d] * knownEmbeddings[i][d];
            if (dot > bestScore) (best, bestScore) = (i, dot);
        }
        return (knownQuestions[best], bestScore);
    }

    private static float[] Normalized(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return norm == 0 ? v : v.Select(x => (float)(x / norm)).ToArray();
    }

    /// <summary>The English word list: the vocabulary of the kit's default word vectors (about 9,000 common words).</summary>
    private static IReadOnlySet<string> EnglishWords()
    {
        var dir = WordVectorDiscovery.FindEmbeddingsDirectory() ?? throw new DirectoryNotFoundException("No data/embeddings folder found: run from the repository or set FUSIONKIT_DATA.");
        return WordVectors.Load(WordVectorDiscovery.Find(dir).Path).Words.ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\p{L}+(?:'\p{L}+)?")]
    private static partial Regex Words();

    public void Dispose()
    {
        model.Dispose();
        text.Dispose();
        images.Dispose();
    }
}
