namespace FusionKit.Text;

/// <summary>Cosine similarities between embedding vectors.</summary>
public static class TextSimilarity
{
    /// <summary>cos(a, b) = a·b / (|a| |b|); 0 when either vector is all zeros.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Vectors differ in length: {a.Length} vs {b.Length}.", nameof(b));
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>The n x n matrix of pairwise cosines.</summary>
    public static double[,] CosineMatrix(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var m = new double[vectors.Count, vectors.Count];
        for (var i = 0; i < vectors.Count; i++)
            for (var j = i; j < vectors.Count; j++)
                m[i, j] = m[j, i] = Cosine(vectors[i], vectors[j]);
        return m;
    }
}
