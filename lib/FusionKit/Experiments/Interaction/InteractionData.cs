using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Evaluation;
using FusionKit.Experiments.Interaction.QuestionGeneration;
using FusionKit.Text;
using FusionKit.Vision;

namespace FusionKit.Experiments.Interaction;

/// <summary>
/// Everything the interaction experiment reads, embedded once through the cache: the profile's train, validation and
/// test images (test images are never seen in training), the generated questions of each split (train and
/// validation phrased with seen templates; the test questions phrased twice, with seen and with held-out templates,
/// over the same images and answers), and the embedding of every distinct question text per question encoder.
/// </summary>
public sealed class InteractionData
{
    private InteractionData(RunProfile profile, AttributeTable table, QuestionTemplates templates, InteractionImages train, InteractionImages validation,
                            InteractionImages test, IReadOnlyList<GeneratedQuestion>[] questions, IReadOnlyList<string> texts,
                            IReadOnlyDictionary<string, EmbeddingMatrix> questionEmbeddings)
    {
        Profile = profile;
        Table = table;
        Templates = templates;
        Train = train;
        Validation = validation;
        testImages = test;
        TrainQuestions = questions[0];
        ValidationQuestions = questions[1];
        testSeen = questions[2];
        testHeldOut = questions[3];
        QuestionTexts = texts;
        QuestionEmbeddings = questionEmbeddings;
        Answers = table.AnswerVocabulary();
        var textRows = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++) textRows[texts[i]] = i;
        TextRow = textRows;
        var answerRows = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Answers.Count; i++) answerRows[Answers[i]] = i;
        AnswerIndex = answerRows;
    }

    public RunProfile Profile { get; }
    public AttributeTable Table { get; }
    public QuestionTemplates Templates { get; }
    public InteractionImages Train { get; }
    public InteractionImages Validation { get; }

    /// <summary>The test images; reading them while <see cref="ModelSelection.IsSelecting"/> throws (settings are chosen on validation).</summary>
    public InteractionImages Test => ModelSelection.GuardTest(testImages);

    /// <summary>Training questions (seen phrasings) over <see cref="Train"/>'s images.</summary>
    public IReadOnlyList<GeneratedQuestion> TrainQuestions { get; }

    /// <summary>Validation questions (seen phrasings): every model choice is made on these.</summary>
    public IReadOnlyList<GeneratedQuestion> ValidationQuestions { get; }

    /// <summary>Test questions over held-out images with seen phrasings (guarded as <see cref="Test"/>).</summary>
    public IReadOnlyList<GeneratedQuestion> TestSeen => ModelSelection.GuardTest(testSeen);

    /// <summary>The same test (image, question, answer) draws as <see cref="TestSeen"/>, phrased with held-out paraphrases (guarded as <see cref="Test"/>).</summary>
    public IReadOnlyList<GeneratedQuestion> TestHeldOut => ModelSelection.GuardTest(testHeldOut);

    private readonly InteractionImages testImages;
    private readonly IReadOnlyList<GeneratedQuestion> testSeen;
    private readonly IReadOnlyList<GeneratedQuestion> testHeldOut;

    /// <summary>Every distinct question text, sorted: row i of each <see cref="QuestionEmbeddings"/> matrix embeds text i.</summary>
    public IReadOnlyList<string> QuestionTexts { get; }

    /// <summary>Question encoder name -> embeddings of <see cref="QuestionTexts"/>.</summary>
    public IReadOnlyDictionary<string, EmbeddingMatrix> QuestionEmbeddings { get; }

    /// <summary>The answer vocabulary: the classifier's outputs, index = class.</summary>
    public IReadOnlyList<string> Answers { get; }

    /// <summary>Question text -> its row in <see cref="QuestionTexts"/>.</summary>
    public IReadOnlyDictionary<string, int> TextRow { get; }

    /// <summary>Answer -> its index in <see cref="Answers"/>.</summary>
    public IReadOnlyDictionary<string, int> AnswerIndex { get; }

    private readonly EmbeddingMatrix?[] trainingTables = new EmbeddingMatrix?[2];

    /// <summary>
    /// The training images' rows followed by the validation images' (pooled, or spatial tokens when
    /// <paramref name="spatial"/>): the one table training and validation questions index, built on first use and
    /// shared by every model (for cross-attention on the default profile it is about a gigabyte, too much to copy per model).
    /// </summary>
    /// <exception cref="ArgumentException">Spatial tokens asked for but not loaded (no spatial method in the config).</exception>
    public EmbeddingMatrix TrainingImageTable(bool spatial)
    {
        var slot = spatial ? 1 : 0;
        if (trainingTables[slot] is { } built) return built;
        var (train, validation) = spatial
            ? (Train.Spatial ?? throw new ArgumentException("Cross-attention reads spatial tokens: load the data with a config that names cross-attention.", nameof(spatial)), Validation.Spatial!)
            : (Train.Pooled, Validation.Pooled);
        var data = new float[train.Data.Length + validation.Data.Length];
        train.Data.CopyTo(data, 0);
        validation.Data.CopyTo(data, train.Data.Length);
        return trainingTables[slot] = new EmbeddingMatrix(train.Rows + validation.Rows, train.Dimension, data);
    }

    /// <summary>
    /// Loads the profile's images (restricted to <see cref="InteractionConfig.TrainImagesPerClass"/>), generates the
    /// questions and embeds images and questions through the cache (nothing already cached is recomputed).
    /// </summary>
    public static InteractionData Load(RunProfile profile, InteractionConfig config, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        log ??= TextWriter.Null;
        var table = AttributeTable.LoadDefault();
        var templates = QuestionTemplates.LoadDefault(table);
        var cache = new EmbeddingCache { Progress = log };
        var threads = config.Threads ?? 1;
        var embedded = FashionMnistEmbeddings.Load(profile, new EmbeddingOptions { TextEncoders = [], Threads = threads, Cache = cache, Precision = config.ImagePrecision, Device = config.Device }, log, cancel);
        var train = embedded.Train;
        var validation = embedded.Validation;
        var (trainRows, validationRows) = ImageRows(train.Labels, validation.Labels, embedded.ClassCount, config.TrainImagesPerClass);
        // A subset is selected even when it holds every image, exactly as the fusion section selects cross-attention's,
        // so both find the same spatial tokens in the cache.
        var trainDataset = config.TrainImagesPerClass is null ? train.Dataset : train.Dataset.Select(trainRows);
        var validationDataset = config.TrainImagesPerClass is null ? validation.Dataset : validation.Dataset.Select(validationRows);
        EmbeddingMatrix? trainSpatial = null, validationSpatial = null, testSpatial = null;
        if (config.NeedsSpatial)
        {
            log.WriteLine($"spatial tokens (49 x 512 per image) for {trainDataset.Count:N0} train, {validationDataset.Count:N0} validation and {embedded.Test.Count:N0} test images");
            using var encoder = ImageEncoders.CreateSpatial(new ImageEncoderOptions { Threads = threads, Precision = embedded.ImagePrecision, Device = config.Device });
            trainSpatial = cache.GetOrCompute(encoder, trainDataset, cancel);
            validationSpatial = cache.GetOrCompute(encoder, validationDataset, cancel);
            testSpatial = cache.GetOrCompute(encoder, embedded.Test.Dataset, cancel);
        }
        var trainImages = new InteractionImages(trainDataset, train.Images.Select(trainRows), trainSpatial);
        var validationImages = new InteractionImages(validationDataset, validation.Images.Select(validationRows), validationSpatial);
        var testImages = new InteractionImages(embedded.Test.Dataset, embedded.Test.Images, testSpatial);

        var generator = new QuestionGenerator(table, templates);
        var seed = config.DataSeed * 3;
        var trainQuestions = generator.Generate(trainImages.Labels, trainImages.Labels.Length * config.QuestionsPerImage, seed);
        var validationQuestions = generator.Generate(validationImages.Labels, validationImages.Labels.Length * config.QuestionsPerImage, seed + 1);
        var (testSeen, testHeldOut) = generator.GeneratePaired(testImages.Labels, testImages.Labels.Length * config.QuestionsPerImage, seed + 2);
        IReadOnlyList<GeneratedQuestion>[] questions = [trainQuestions, validationQuestions, testSeen, testHeldOut];
        var texts = questions.SelectMany(q => q).Select(q => q.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        log.WriteLine($"questions (generated): {trainQuestions.Count:N0} train, {validationQuestions.Count:N0} validation, {testSeen.Count:N0} test with seen and the same with held-out phrasings; {texts.Length} distinct texts");

        var questionEmbeddings = new Dictionary<string, EmbeddingMatrix>(StringComparer.Ordinal);
        foreach (var name in config.TextEncoders)
        {
            using var encoder = FusionKit.Text.TextEncoders.Create(name, texts, log, threads);
            questionEmbeddings[name] = cache.GetOrCompute(encoder, texts, cancel);
        }
        return new InteractionData(profile, table, templates, trainImages, validationImages, testImages, questions, texts, questionEmbeddings);
    }

    /// <summary>
    /// The rows of the profile's training and validation images the task uses: all, or a stratified
    /// <paramref name="trainPerClass"/> per class with validation in proportion (<see cref="FusionSubset.Stratified(int[], int[], int, int, int)"/>,
    /// the subset cross-attention's cached tokens cover). The test split is always whole.
    /// </summary>
    public static (int[] Train, int[] Validation) ImageRows(int[] trainLabels, int[] validationLabels, int classCount, int? trainPerClass)
    {
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(validationLabels);
        if (trainPerClass is not { } perClass) return (Enumerable.Range(0, trainLabels.Length).ToArray(), Enumerable.Range(0, validationLabels.Length).ToArray());
        var subset = FusionSubset.Stratified(trainLabels, validationLabels, classCount, perClass);
        return (subset.Train, subset.Validation);
    }
}
