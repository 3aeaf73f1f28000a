using System.Text.Json;
using FusionKit.Data;

namespace FusionKit.Experiments.Generation;

/// <summary>
/// Captions for text-conditioned generation, read from <c>data/generation/captions.json</c>. Fashion-MNIST has no
/// captions: each training image's caption is GENERATED FROM ITS LABEL by drawing one of its class's training
/// paraphrases with a seeded <see cref="SplitMix64"/>, so every output that carries captions says so
/// (<see cref="Declaration"/>). Each class also has held-out paraphrases that training never sees.
/// </summary>
public sealed class CaptionBank
{
    /// <summary>The sentence every table, chart, grid and report carrying these captions includes.</summary>
    public const string Declaration = "captions are generated from the class label (paraphrases drawn by seed), not written for each image";

    /// <summary>File name inside the data folder's <c>generation</c> sub-folder.</summary>
    public const string FileName = "captions.json";

    public CaptionBank(IReadOnlyList<ClassCaptions> classes, string source)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count == 0) throw new ArgumentException($"{source}: no classes.", nameof(classes));
        for (var c = 0; c < classes.Count; c++)
        {
            var k = classes[c];
            if (k.Label != c) throw new ArgumentException($"{source}: class {c} has label {k.Label}; list the classes in label order 0..{classes.Count - 1}.", nameof(classes));
            if (k.Train.Count == 0 || k.HeldOut.Count == 0) throw new ArgumentException($"{source}: class {c} ({k.Name}) needs at least one training and one held-out paraphrase.", nameof(classes));
            if (k.Train.Count != classes[0].Train.Count) throw new ArgumentException($"{source}: class {c} ({k.Name}) has {k.Train.Count} training paraphrases, class 0 has {classes[0].Train.Count}; give every class the same number.", nameof(classes));
            if (k.Train.Concat(k.HeldOut).Any(string.IsNullOrWhiteSpace)) throw new ArgumentException($"{source}: class {c} ({k.Name}) has an empty paraphrase.", nameof(classes));
            if (k.HeldOut.Any(k.Train.Contains)) throw new ArgumentException($"{source}: class {c} ({k.Name}) lists a paraphrase both as training and held out.", nameof(classes));
        }
        Classes = classes;
        Source = source;
    }

    public IReadOnlyList<ClassCaptions> Classes { get; }

    /// <summary>Where the captions came from (a file path).</summary>
    public string Source { get; }

    /// <summary>Training paraphrases per class (every class has this many).</summary>
    public int TrainPerClass => Classes[0].Train.Count;

    /// <summary>All training paraphrases, class by class: row c * <see cref="TrainPerClass"/> + p is class c's paraphrase p.</summary>
    public IReadOnlyList<string> TrainCaptions() => Classes.SelectMany(c => c.Train).ToArray();

    /// <summary>The bundled file (<c>data/generation/captions.json</c>, found like the rest of the data).</summary>
    public static CaptionBank LoadDefault() => Load(Path.Combine(DataLocator.FindDataDirectory(), "generation", FileName));

    /// <summary>Reads a captions file; a missing or malformed file gives an error naming it and what is wrong.</summary>
    public static CaptionBank Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: captions file not found (the repository bundles data/generation/{FileName}).", path);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var classes = new List<ClassCaptions>();
            foreach (var c in doc.RootElement.GetProperty("classes").EnumerateArray())
                classes.Add(new ClassCaptions(c.GetProperty("label").GetInt32(), c.GetProperty("name").GetString() ?? "",
                    c.GetProperty("train").EnumerateArray().Select(t => t.GetString() ?? "").ToArray(),
                    c.GetProperty("heldout").EnumerateArray().Select(t => t.GetString() ?? "").ToArray()));
            return new CaptionBank(classes, path);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a valid captions file ({e.Message}). Expected {{\"classes\": [{{\"label\", \"name\", \"train\": [...], \"heldout\": [...]}}]}}.", e);
        }
    }

    /// <summary>
    /// The training-paraphrase row (class * P + p) each image is captioned with: p drawn uniformly per image, in
    /// order, by a <see cref="SplitMix64"/> seeded with <paramref name="seed"/>. Same labels and seed, same captions.
    /// </summary>
    public int[] AssignTrainCaptions(IReadOnlyList<int> labels, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var rng = new SplitMix64(seed);
        var rows = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0 || labels[i] >= Classes.Count) throw new ArgumentException($"Label {labels[i]} at row {i} has no captions (classes 0..{Classes.Count - 1}).", nameof(labels));
            rows[i] = labels[i] * TrainPerClass + rng.NextInt(TrainPerClass);
        }
        return rows;
    }
}
