namespace FusionKit.Text.WordEmbeddings;

/// <summary>Layout of a word-vector file.</summary>
public enum WordVectorFormat
{
    /// <summary>Decide from the content: a "count dim" first line means word2vec, then text or binary by the first record.</summary>
    Auto,

    /// <summary>GloVe text: one "word f1 f2 ... fd" line per word, space separated, no header.</summary>
    GloveText,

    /// <summary>word2vec / fastText text: a "count dim" header line, then GloVe-style lines.</summary>
    Word2VecText,

    /// <summary>word2vec binary: a "count dim" header line, then per word its UTF-8 bytes, a space and d little-endian float32 values.</summary>
    Word2VecBinary,
}
