using System.Text.Json;
using FusionKit.Data;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Vision;

namespace FusionKit.Caching;

/// <summary>
/// Embeddings stored on disk, keyed by the encoder's <c>CacheKey</c> (model and settings) and the data's
/// fingerprint, reused across runs, notebooks and the CLI. Work is split into shards of
/// <see cref="ShardSize"/> items written atomically as they finish, so an interrupted extraction resumes
/// without recomputing finished shards; when all are done they are joined into one file.
/// Layout: <c>{root}/{encoder name}/{hash of keys}/</c> holding <c>meta.json</c>, <c>shard-NNNNNN.fkemb</c>
/// while in progress and <c>all.fkemb</c> when complete.
/// </summary>
public sealed class EmbeddingCache
{
    public EmbeddingCache(string? root = null)
    {
        Root = Path.GetFullPath(root ?? Path.Combine(KitPaths.CacheDirectory(), "embeddings"));
    }

    public string Root { get; }

    /// <summary>Items per shard: the unit of resumption.</summary>
    public int ShardSize { get; init; } = 2048;

    /// <summary>Items passed to the encoder at once.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Where progress lines go (default: standard error; TextWriter.Null for silence).</summary>
    public TextWriter Progress { get; init; } = Console.Error;

    /// <summary>Image embeddings of every sample of <paramref name="dataset"/>, computed once.</summary>
    public EmbeddingMatrix GetOrCompute(IImageEncoder encoder, Dataset dataset, CancellationToken cancel = default) =>
        GetOrCompute(encoder, dataset, _ => null, cancel);

    /// <summary>Image embeddings of every sample of <paramref name="dataset"/>, computed once, where
    /// <paramref name="known"/>(i) supplies sample i's vector when it is already known (e.g. derived from the same
    /// network's spatial output, <see cref="SpatialPooling.Mean"/>) and null when the encoder must run.</summary>
    public EmbeddingMatrix GetOrCompute(IImageEncoder encoder, Dataset dataset, Func<int, float[]?> known, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(known);
        return GetOrCompute(encoder.Name, encoder.CacheKey, encoder.Dimension, DataKey(dataset), dataset.Count, (start, count) =>
        {
            var rows = Enumerable.Range(start, count).Select(known).ToArray();
            var missing = Enumerable.Range(0, count).Where(i => rows[i] is null).ToArray();
            if (missing.Length == 0) return rows!;
            var computed = encoder.Encode(missing.Select(i => dataset.Samples[start + i].Image).ToArray());
            for (var m = 0; m < missing.Length; m++) rows[missing[m]] = computed[m];
            return rows!;
        }, "img", cancel);
    }

    /// <summary>True when <paramref name="encoder"/>'s embeddings of <paramref name="dataset"/> are complete on disk.</summary>
    public bool Contains(IImageEncoder encoder, Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(dataset);
        return Contains(encoder.Name, encoder.CacheKey, DataKey(dataset));
    }

    private static string DataKey(Dataset dataset) => $"{dataset.Name}:{dataset.Fingerprint}";

    /// <summary>Text embeddings of <paramref name="texts"/>, computed once; the key is derived from the texts themselves.</summary>
    public EmbeddingMatrix GetOrCompute(ITextEncoder encoder, IReadOnlyList<string> texts, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(texts);
        var dataKey = $"texts:{texts.Count}:{Hashing.Sha256Hex(string.Join('\u001f', texts))}";
        return GetOrCompute(encoder.Name, encoder.CacheKey, encoder.Dimension, dataKey, texts.Count,
            (start, count) => encoder.Encode(texts.Skip(start).Take(count).ToArray()), "texts", cancel);
    }

    /// <summary>The general form: <paramref name="encodeRange"/>(start, count) returns the vectors of items [start, start+count).</summary>
    public EmbeddingMatrix GetOrCompute(string encoderName, string encoderKey, int dimension, string dataKey, int count,
        Func<int, int, float[][]> encodeRange, string unit = "items", CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(encodeRange);
        var dir = EntryDirectory(encoderName, encoderKey, dataKey);
        var complete = Path.Combine(dir, "all.fkemb");
        if (File.Exists(complete))
        {
            try
            {
                var cached = EmbeddingFile.Read(complete);
                if (cached.Rows == count && cached.Dimension == dimension) return cached;
            }
            catch (InvalidDataException e)
            {
                Progress.WriteLine($"cache: {e.Message}; recomputing.");
            }
        }

        Directory.CreateDirectory(dir);
        WriteMeta(dir, encoderName, encoderKey, dataKey, count, dimension);
        var shards = (count + ShardSize - 1) / ShardSize;
        var parts = new EmbeddingMatrix[shards];
        var done = 0L;
        for (var s = 0; s < shards; s++)
        {
            var path = ShardPath(dir, s);
            if (TryReadShard(path, Math.Min(ShardSize, count - s * ShardSize), dimension) is { } existing)
            {
                parts[s] = existing;
                done += existing.Rows;
            }
        }
        var label = $"embedding {count:N0} {unit} with {encoderName}";
        if (done > 0 && done < count) Progress.WriteLine($"{label}: resuming, {done:N0} already cached.");
        var progress = new ProgressLog(Progress, label, count, unit + "", done);
        for (var s = 0; s < shards; s++)
        {
            if (parts[s] is not null) continue;
            cancel.ThrowIfCancellationRequested();
            var start = s * ShardSize;
            var size = Math.Min(ShardSize, count - start);
            var data = new float[size * dimension];
            for (var b = 0; b < size; b += BatchSize)
            {
                cancel.ThrowIfCancellationRequested();
                var n = Math.Min(BatchSize, size - b);
                var vectors = encodeRange(start + b, n);
                if (vectors.Length != n) throw new InvalidOperationException($"{encoderName} returned {vectors.Length} vectors for {n} inputs.");
                for (var i = 0; i < n; i++)
                {
                    if (vectors[i].Length != dimension) throw new InvalidOperationException($"{encoderName} returned a {vectors[i].Length}-d vector, expected {dimension}.");
                    vectors[i].CopyTo(data, (b + i) * dimension);
                }
                progress.Report(done + b + n);
            }
            parts[s] = new EmbeddingMatrix(size, dimension, data);
            EmbeddingFile.Write(ShardPath(dir, s), parts[s]);
            done += size;
        }

        var all = new float[(long)count * dimension];
        var offset = 0;
        foreach (var part in parts)
        {
            part.Data.CopyTo(all, offset);
            offset += part.Data.Length;
        }
        var matrix = new EmbeddingMatrix(count, dimension, all);
        EmbeddingFile.Write(complete, matrix);
        for (var s = 0; s < shards; s++) File.Delete(ShardPath(dir, s));
        return matrix;
    }

    /// <summary>True when the embeddings for these keys are complete on disk.</summary>
    public bool Contains(string encoderName, string encoderKey, string dataKey) =>
        File.Exists(Path.Combine(EntryDirectory(encoderName, encoderKey, dataKey), "all.fkemb"));

    internal string EntryDirectory(string encoderName, string encoderKey, string dataKey)
    {
        var safeName = string.Concat(encoderName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(Root, safeName, Hashing.Sha256Hex(encoderKey + "\n" + dataKey)[..24]);
    }

    private static string ShardPath(string dir, int shard) => Path.Combine(dir, $"shard-{shard:D6}.fkemb");

    private EmbeddingMatrix? TryReadShard(string path, int rows, int dimension)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var m = EmbeddingFile.Read(path);
            if (m.Rows == rows && m.Dimension == dimension) return m;
            Progress.WriteLine($"cache: {path} holds {m.Rows}x{m.Dimension}, expected {rows}x{dimension}; recomputing it.");
        }
        catch (InvalidDataException e)
        {
            Progress.WriteLine($"cache: {e.Message}; recomputing it.");
        }
        return null;
    }

    private static void WriteMeta(string dir, string name, string encoderKey, string dataKey, int count, int dimension)
    {
        var meta = Path.Combine(dir, "meta.json");
        if (File.Exists(meta)) return;
        AtomicFile.WriteAllText(meta, JsonSerializer.Serialize(new { encoder = name, encoderKey, dataKey, count, dimension, created = DateTimeOffset.UtcNow },
            new JsonSerializerOptions { WriteIndented = true }));
    }
}
