using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace FusionKit.Text;

/// <summary>
/// Sentence embeddings from all-MiniLM-L6-v2 (Reimers and Gurevych, "Sentence-BERT", EMNLP 2019; model card
/// sentence-transformers/all-MiniLM-L6-v2) run by ONNX Runtime: WordPiece tokens truncated to
/// <see cref="MaxTokens"/> (with [CLS] and [SEP]), attention-masked mean pooling of last_hidden_state, L2
/// normalisation - the same pipeline as sentence-transformers' Transformer + Pooling(mean) + Normalize modules.
/// </summary>
public sealed class SentenceEncoder : ITextEncoder
{
    /// <summary>Most tokens per text, [CLS] and [SEP] included (the model's max_seq_length).</summary>
    public const int MaxTokens = 256;

    /// <summary>Width of every embedding.</summary>
    public const int EmbeddingDimension = 384;

    private static string? _modelHash;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly bool _needsTokenTypes;
    private int _batchSize;

    /// <param name="intraOpThreads">ONNX Runtime intra-op threads (0 lets ONNX Runtime choose).</param>
    /// <param name="batchSize">Texts per model run; each batch is padded to its longest text.</param>
    public SentenceEncoder(int intraOpThreads = 1, int batchSize = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        BatchSize = batchSize;
        IntraOpThreads = intraOpThreads;
        using (var vocabulary = MiniLmModel.VocabularyStream())
            _tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        var modelBytes = MiniLmModel.ReadModelBytes();
        _modelHash ??= Convert.ToHexStringLower(SHA256.HashData(modelBytes))[..16];
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(modelBytes, options);
        _needsTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        if (!_session.OutputMetadata.ContainsKey("last_hidden_state"))
            throw new InvalidOperationException($"{MiniLmModel.ModelName}: the ONNX graph has no output 'last_hidden_state'; outputs: {string.Join(", ", _session.OutputMetadata.Keys)}.");
    }

    /// <inheritdoc />
    public string Name => "minilm";

    /// <inheritdoc />
    public int Dimension => EmbeddingDimension;

    /// <summary>Texts per model run (each run is padded to its longest text); at least 1. Does not change the vectors.</summary>
    public int BatchSize
    {
        get => _batchSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _batchSize = value;
        }
    }

    /// <summary>ONNX Runtime intra-op thread count this encoder was created with.</summary>
    public int IntraOpThreads { get; }

    /// <inheritdoc />
    public string CacheKey => $"minilm:{MiniLmModel.ModelName}:onnx-sha256-{_modelHash}:max{MaxTokens}:mean-pool:l2";

    /// <summary>WordPiece ids of <paramref name="text"/> as the model sees them: [CLS] ... [SEP], at most <see cref="MaxTokens"/>.</summary>
    public IReadOnlyList<int> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = _tokenizer.EncodeToIds(text, MaxTokens - 2, addSpecialTokens: false, out _, out _);
        var ids = new List<int>(body.Count + 2) { _tokenizer.ClassificationTokenId };
        ids.AddRange(body);
        ids.Add(_tokenizer.SeparatorTokenId);
        return ids;
    }

    /// <inheritdoc />
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var tokenized = new IReadOnlyList<int>[texts.Count];
        for (var i = 0; i < texts.Count; i++)
            tokenized[i] = Tokenize(texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts)));

        // Similar lengths share a batch so little is padded; results go back to the callers' order.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokenized[i].Count).ThenBy(i => i).ToArray();
        var result = new float[texts.Count][];
        for (var start = 0; start < order.Length; start += _batchSize)
        {
            var batch = order.AsSpan(start, Math.Min(_batchSize, order.Length - start)).ToArray();
            var vectors = EncodeBatch(batch.Select(i => tokenized[i]).ToArray());
            for (var j = 0; j < batch.Length; j++) result[batch[j]] = vectors[j];
        }
        return result;
    }

    private float[][] EncodeBatch(IReadOnlyList<int>[] batch)
    {
        var rows = batch.Length;
        var width = batch.Max(t => t.Count);
        var ids = new long[rows * width];
        var mask = new long[rows * width];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < batch[r].Count; c++)
            {
                ids[r * width + c] = batch[r][c];
                mask[r * width + c] = 1;
            }
        }
        long[] shape = [rows, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[rows * width], shape);
        var inputs = new Dictionary<string, OrtValue> { ["input_ids"] = idsValue, ["attention_mask"] = maskValue };
        if (_needsTokenTypes) inputs["token_type_ids"] = typesValue;
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, inputs, ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>(); // (rows, width, 384)
        if (hidden.Length != rows * width * EmbeddingDimension)
            throw new InvalidOperationException($"{MiniLmModel.ModelName}: last_hidden_state has {hidden.Length} values, expected {rows}x{width}x{EmbeddingDimension}.");

        var vectors = new float[rows][];
        for (var r = 0; r < rows; r++)
        {
            var sum = new float[EmbeddingDimension];
            var count = batch[r].Count; // the unmasked positions are exactly the first `count`
            for (var c = 0; c < count; c++)
            {
                var token = hidden.Slice((r * width + c) * EmbeddingDimension, EmbeddingDimension);
                for (var d = 0; d < EmbeddingDimension; d++) sum[d] += token[d];
            }
            var norm = 0.0;
            for (var d = 0; d < EmbeddingDimension; d++)
            {
                sum[d] /= count;
                norm += (double)sum[d] * sum[d];
            }
            var scale = (float)(1.0 / Math.Max(Math.Sqrt(norm), 1e-12)); // sentence-transformers Normalize: eps 1e-12
            for (var d = 0; d < EmbeddingDimension; d++) sum[d] *= scale;
            vectors[r] = sum;
        }
        return vectors;
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();
}
