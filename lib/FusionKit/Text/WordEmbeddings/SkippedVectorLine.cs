namespace FusionKit.Text.WordEmbeddings;

/// <summary>A line (or binary record) of a word-vector file left out under <see cref="FusionKit.Data.Manifest.BadRowPolicy.Skip"/>.</summary>
/// <param name="File">The vector file (and zip entry).</param>
/// <param name="Line">1-based line of a text file, or record number of a binary word2vec file.</param>
/// <param name="Word">The line's word as far as it could be read, or null.</param>
/// <param name="Reason">What was wrong.</param>
public sealed record SkippedVectorLine(string File, long Line, string? Word, string Reason)
{
    /// <summary>"glove.txt: line 3, word 'cat': reason" - the same text a <see cref="FusionKit.Data.Manifest.BadRowPolicy.Fail"/> load throws.</summary>
    public override string ToString() =>
        Word is null ? $"{File}: line {Line}: {Reason}" : $"{File}: line {Line}, word '{Word}': {Reason}";
}
