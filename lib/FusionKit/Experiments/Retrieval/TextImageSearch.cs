using System.Globalization;
using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Interactive;
using FusionKit.Models.CrossModal;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Training;
using FusionKit.Training.Losses;
using TorchSharp;

namespace FusionKit.Experiments.Retrieval;

/// <summary>
/// Free-text search over the test images: a CLIP-style <see cref="JointEmbeddingModel"/> trained on the training
/// images and their text (<see cref="SearchOptions"/>) is loaded from the cache folder when one with the same data
/// and settings exists, else trained once and saved there (atomically); each query is embedded with the text
/// encoder and the test images are ranked by cosine in the joint space.
/// </summary>
public sealed class TextImageSearch : IDisposable
{
    private readonly JointEmbeddingModel _model;
    private readonly ITextEncoder _queryEncoder;
    private readonly EmbeddedSplit _gallery;
    private readonly torch.Tensor _galleryJoint;   // (N, d), unit rows
    private readonly IReadOnlyList<string> _classNames;

    private TextImageSearch(JointEmbeddingModel model, ITextEncoder queryEncoder, EmbeddedData data, string modelPath, bool fromCache)
    {
        _model = model;
        _queryEncoder = queryEncoder;
        _gallery = data.Test;
        _classNames = data.ClassNames;
        using var images = torch.tensor(data.Test.Images.Data, data.Test.Count, data.Test.Images.Dimension, device: Prediction.DeviceOf(model)); // (N, D_img)
        _galleryJoint = model.EncodeImages(images).DetachFromDisposeScope();
        ModelPath = modelPath;
        LoadedFromCache = fromCache;
    }

    /// <summary>Where the trained joint model lives.</summary>
    public string ModelPath { get; }

    /// <summary>Whether the model was read from the cache rather than trained now.</summary>
    public bool LoadedFromCache { get; }

    /// <summary>Number of searchable (test) images.</summary>
    public int GalleryCount => _gallery.Count;

    /// <summary>
    /// Loads or trains the joint model for <paramref name="data"/> and <paramref name="options"/>.
    /// </summary>
    /// <param name="embedTexts">Embeds the training texts (cached: e.g. <see cref="TextEmbedding.Cached"/>).</param>
    /// <param name="queryEncoder">Embeds queries; its <see cref="ITextEncoder.Name"/> must be <see cref="SearchOptions.TextEncoder"/>. The search owns and disposes it.</param>
    /// <param name="cacheDirectory">Folder of trained search models; null = <c>search-models</c> under <see cref="KitPaths.CacheDirectory"/>.</param>
    public static TextImageSearch Open(EmbeddedData data, TextEmbedder embedTexts, ITextEncoder queryEncoder, SearchOptions? options = null,
                                       string? cacheDirectory = null, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(embedTexts);
        ArgumentNullException.ThrowIfNull(queryEncoder);
        options ??= new SearchOptions();
        if (queryEncoder.Name != options.TextEncoder)
            throw new ArgumentException($"The query encoder is '{queryEncoder.Name}' but the model is trained on '{options.TextEncoder}' text.", nameof(queryEncoder));
        TorchRuntime.EnsureReady();
        var path = Path.Combine(cacheDirectory ?? Path.Combine(KitPaths.CacheDirectory(), "search-models"), ModelKey(data, options, queryEncoder) + ".fkm");
        var experimentOptions = new RetrievalExperimentOptions { JointTextEncoder = options.TextEncoder, SideTextReliability = options.SideTextReliability, SideTextSeed = options.Seed };
        using var train = RetrievalExperiment.JointPairs(data.Train, embedTexts, experimentOptions, options.TrainingText, options.Seed);
        torch.manual_seed(options.Seed);
        var model = new JointEmbeddingModel(train.ImageDim, train.TextDim!.Value, options.JointDim);
        try
        {
            var fromCache = File.Exists(path);
            if (fromCache)
            {
                ModelFiles.Load(model, path);
                log?.WriteLine($"search model: {path} (cached)");
            }
            else
            {
                log?.WriteLine($"search model: training on {train.Count:N0} image-text pairs ({options.Epochs} epochs)");
                var config = new TrainingConfig { Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed, Threads = options.Threads, Device = options.Device };
                new Trainer(config) { Log = log }.Fit(model, ContrastiveBatchLoss.Instance, train, cancellationToken: cancel);
                ModelFiles.Save(model, path);
                log?.WriteLine($"search model: saved {path}");
            }
            model.eval();
            return new TextImageSearch(model, queryEncoder, data, path, fromCache);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The <paramref name="top"/> test images closest to <paramref name="query"/>, best first (ties: lower index first).</summary>
    /// <exception cref="ArgumentException">An empty query.</exception>
    public IReadOnlyList<SearchHit> Search(string query, int top = 16)
    {
        if (string.IsNullOrWhiteSpace(query)) throw new ArgumentException("The query is empty.", nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var vector = _queryEncoder.Encode([query])[0];
        if (vector.Length != _model.TextDim)
            throw new InvalidOperationException($"The query encoder returned {vector.Length} values; the model reads {_model.TextDim}.");
        float[] scores;
        using (var scope = torch.NewDisposeScope())
        {
            var text = _model.EncodeTexts(torch.tensor(vector, 1, vector.Length, device: _galleryJoint.device)); // (1, d)
            scores = _galleryJoint.matmul(text.t()).squeeze(1).cpu().data<float>().ToArray();                    // (N)
        }
        var labels = _gallery.Labels;
        return Enumerable.Range(0, scores.Length)
            .OrderByDescending(i => scores[i]).ThenBy(i => i)
            .Take(Math.Min(top, scores.Length))
            .Select((i, rank) => new SearchHit(rank + 1, i, labels[i], _classNames[labels[i]], scores[i]))
            .ToArray();
    }

    /// <summary>The hits as a captioned picture grid ("Sandal 0.83"), titled with the query.</summary>
    public ImageGrid Grid(string query, IReadOnlyList<SearchHit> hits, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var tiles = hits.Select(h => new ImageTile(_gallery.Dataset.Samples[h.TestIndex].Image,
                                                   string.Create(CultureInfo.InvariantCulture, $"{h.ClassName} {h.Score:F2}"))).ToArray();
        return new ImageGrid(tiles, columns, title: $"\"{query}\": top {hits.Count} of {GalleryCount} test images");
    }

    /// <summary>Searches and returns the grid in one step (the notebook's query cell).</summary>
    public ImageGrid SearchGrid(string query, int top = 16) => Grid(query, Search(query, top));

    public void Dispose()
    {
        _galleryJoint.Dispose();
        _model.Dispose();
        _queryEncoder.Dispose();
    }

    /// <summary>Data (train and test fingerprints, image encoder) and every setting, hashed.</summary>
    private static string ModelKey(EmbeddedData data, SearchOptions options, ITextEncoder encoder)
    {
        var key = string.Join('\n',
            "text-image-search v2", data.ImageEncoder, data.Train.Dataset.Fingerprint, data.Train.Count.ToString(CultureInfo.InvariantCulture),
            data.Train.Images.Dimension.ToString(CultureInfo.InvariantCulture), encoder.CacheKey,
            options with { Threads = null, Device = ComputeDevice.Auto });
        return $"{data.Profile.Name}-{Hashing.Sha256Hex(key)[..24]}";
    }
}
