using System.Security.Cryptography;
using System.Text;
using FusionKit.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Training;

/// <summary>
/// Cached embeddings of N samples held as CPU tensors: image rows (N, D_img) float32, optional text rows
/// (N, D_txt) float32 and optional labels (N) int64. Build one from jagged arrays (<see cref="FromArrays"/>) or
/// row-major matrices (<see cref="FromMatrices"/>). The set owns its tensors: dispose it when done.
/// </summary>
public sealed class FeatureSet : IDisposable
{
    private FeatureSet(Tensor image, Tensor? text, Tensor? labels, int[]? labelArray, int[]? groups = null)
    {
        Image = image;
        Text = text;
        Labels = labels;
        LabelArray = labelArray;
        Groups = groups;
    }

    /// <summary>Image embeddings (N, D_img), float32.</summary>
    public Tensor Image { get; }

    /// <summary>Text embeddings (N, D_txt), float32, or null.</summary>
    public Tensor? Text { get; }

    /// <summary>Class labels (N), int64, or null for unlabelled data.</summary>
    public Tensor? Labels { get; }

    /// <summary>The labels as an array, or null.</summary>
    public IReadOnlyList<int>? LabelArray { get; }

    /// <summary>
    /// The group of each row (N), or null: the <see cref="Trainer"/> shuffles the groups and visits each group's rows
    /// together, in their order in the set (<see cref="EpochShuffle.Permutation(IReadOnlyList{int}, long, int)"/>),
    /// so a batch holds whole groups, e.g. the questions about one image, whose shared part a model can compute once.
    /// </summary>
    public IReadOnlyList<int>? Groups { get; }

    /// <summary>N, number of samples.</summary>
    public int Count => (int)Image.shape[0];

    /// <summary>D_img.</summary>
    public int ImageDim => (int)Image.shape[1];

    /// <summary>D_txt, or null without text.</summary>
    public int? TextDim => Text is null ? null : (int)Text.shape[1];

    /// <summary>One more than the largest label (0 when unlabelled).</summary>
    public int ClassCount => LabelArray is { Count: > 0 } l ? l.Max() + 1 : 0;

    /// <summary>Builds a set from per-sample rows; every row of a matrix must have the same length.</summary>
    /// <exception cref="ArgumentException">Ragged rows, mismatched counts or negative labels; the message names the row.</exception>
    public static FeatureSet FromArrays(float[][] image, float[][]? text = null, int[]? labels = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (flatImage, imageDim) = Flatten(image, nameof(image));
        float[]? flatText = null;
        var textDim = 0;
        if (text is not null)
        {
            if (text.Length != image.Length)
                throw new ArgumentException($"text has {text.Length} rows but image has {image.Length}.", nameof(text));
            (flatText, textDim) = Flatten(text, nameof(text));
        }
        return FromMatrices(flatImage, imageDim, flatText, textDim, labels);
    }

    /// <summary>
    /// Builds a set from row-major matrices: image holds N * imageDim values, text N * textDim. The tensors share
    /// the arrays' memory (no copy), so the arrays must not change while the set lives.
    /// </summary>
    /// <param name="groups">Optional group of each row (<see cref="Groups"/>).</param>
    /// <exception cref="ArgumentException">Sizes that do not divide into N rows, negative labels, or groups of another length.</exception>
    public static FeatureSet FromMatrices(float[] image, int imageDim, float[]? text = null, int textDim = 0, int[]? labels = null, int[]? groups = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageDim);
        if (image.Length == 0 || image.Length % imageDim != 0)
            throw new ArgumentException($"image holds {image.Length} values, not a positive multiple of imageDim {imageDim}.", nameof(image));
        var n = image.Length / imageDim;
        if (text is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(textDim);
            if (text.Length != (long)n * textDim)
                throw new ArgumentException($"text holds {text.Length} values; {n} rows of {textDim} need {(long)n * textDim}.", nameof(text));
        }
        CheckLabels(labels, n);
        if (groups is not null && groups.Length != n) throw new ArgumentException($"groups has {groups.Length} entries for {n} rows.", nameof(groups));
        TorchRuntime.EnsureReady();
        var imageTensor = Matrix(image, n, imageDim);
        var textTensor = text is null ? null : Matrix(text, n, textDim);
        var labelTensor = labels is null ? null : torch.tensor(labels.Select(l => (long)l).ToArray(), [n]).DetachFromDisposeScope();
        return new FeatureSet(imageTensor, textTensor, labelTensor, labels?.ToArray(), groups?.ToArray());
    }

    /// <summary>
    /// Wraps tensors the caller hands over (the set disposes them): image (N, D_img) and text (N, D_txt) become
    /// float32 CPU tensors, labels (N) int64.
    /// </summary>
    public static FeatureSet FromTensors(Tensor image, Tensor? text = null, Tensor? labels = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.dim() != 2) throw new ArgumentException($"image must be (N, D_img), got ({string.Join(", ", image.shape)}).", nameof(image));
        var n = image.shape[0];
        if (text is not null && (text.dim() != 2 || text.shape[0] != n))
            throw new ArgumentException($"text must be ({n}, D_txt), got ({string.Join(", ", text.shape)}).", nameof(text));
        if (labels is not null && (labels.dim() != 1 || labels.shape[0] != n))
            throw new ArgumentException($"labels must be ({n}), got ({string.Join(", ", labels.shape)}).", nameof(labels));
        int[]? labelArray = null;
        if (labels is not null)
        {
            using var asLong = labels.to_type(ScalarType.Int64);
            using var onCpu = asLong.cpu();   // cpu() returns a new handle: both are disposed here
            labelArray = onCpu.data<long>().Select(l => checked((int)l)).ToArray();
            CheckLabels(labelArray, (int)n);
        }
        return new FeatureSet(Own(image, ScalarType.Float32), text is null ? null : Own(text, ScalarType.Float32),
                              labels is null ? null : Own(labels, ScalarType.Int64), labelArray);
    }

    /// <summary>Rows <paramref name="start"/>..start+count-1 as a new set (copies), e.g. to split train/validation.</summary>
    public FeatureSet Slice(int start, int count)
    {
        if (start < 0 || count < 1 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows {start}..{start + count - 1} are outside 0..{Count - 1}.");
        Tensor Rows(Tensor t) => t.narrow(0, start, count).clone().DetachFromDisposeScope();
        return new FeatureSet(Rows(Image), Text is null ? null : Rows(Text), Labels is null ? null : Rows(Labels),
                              LabelArray?.Skip(start).Take(count).ToArray(), Groups?.Skip(start).Take(count).ToArray());
    }

    /// <summary>
    /// SHA-256 (lower-case hex) of the set's shapes and values (image, text, labels, and the row groups where there
    /// are any, since they change the training order): two sets of the same size
    /// with any value changed hash differently. The checkpoint fingerprint uses it, so a run never resumes on other
    /// data. Reads every value once (about 0.3 s per 100 MB).
    /// </summary>
    public string ContentHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, "image", Image);
        Append(hash, "text", Text);
        Append(hash, "labels", Labels);
        if (Groups is not null) hash.AppendData(Encoding.UTF8.GetBytes($"groups:{string.Join(',', Groups)};"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string name, Tensor? tensor)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(tensor is null ? $"{name}:none;" : $"{name}:{tensor.dtype}:{string.Join('x', tensor.shape)};"));
        if (tensor is null) return;
        using var dense = tensor.contiguous();
        hash.AppendData(dense.bytes);
    }

    public void Dispose()
    {
        Image.Dispose();
        Text?.Dispose();
        Labels?.Dispose();
    }

    /// <summary>
    /// A float32 (rows, cols) tensor over <paramref name="values"/> itself (pinned, no copy): copying a gigabyte of
    /// spatial tokens into fresh memory costs seconds on VMs where first-touch page faults are slow, and the kit
    /// treats embedding arrays as read-only.
    /// </summary>
    private static Tensor Matrix(float[] values, int rows, int cols)
    {
        using var flat = torch.from_array(values);
        return flat.view(rows, cols).DetachFromDisposeScope();
    }

    private static Tensor Own(Tensor t, ScalarType type)
    {
        if (t.dtype == type && t.device_type == DeviceType.CPU) return t.DetachFromDisposeScope();
        using var typed = t.to_type(type);
        var converted = typed.cpu().DetachFromDisposeScope();
        t.Dispose();
        return converted;
    }

    private static (float[] Flat, int Dim) Flatten(float[][] rows, string name)
    {
        if (rows.Length == 0) throw new ArgumentException($"{name} has no rows.", name);
        var dim = rows[0]?.Length ?? throw new ArgumentException($"{name}[0] is null.", name);
        if (dim == 0) throw new ArgumentException($"{name}[0] is empty.", name);
        var flat = new float[(long)rows.Length * dim];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"{name}[{i}] is null.", name);
            if (row.Length != dim) throw new ArgumentException($"{name}[{i}] has {row.Length} values; {name}[0] has {dim}.", name);
            row.CopyTo(flat, (long)i * dim);
        }
        return (flat, dim);
    }

    private static void CheckLabels(IReadOnlyList<int>? labels, int n)
    {
        if (labels is null) return;
        if (labels.Count != n) throw new ArgumentException($"labels has {labels.Count} entries for {n} rows.", nameof(labels));
        for (var i = 0; i < labels.Count; i++)
            if (labels[i] < 0) throw new ArgumentException($"labels[{i}] = {labels[i]} is negative.", nameof(labels));
    }
}
