namespace FusionKit.Caching;

/// <summary>A dense row-major float matrix of embeddings: one row of <see cref="Dimension"/> floats per item.</summary>
public sealed class EmbeddingMatrix
{
    public EmbeddingMatrix(int rows, int dimension, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != (long)rows * dimension)
            throw new ArgumentException($"Expected {rows}x{dimension} = {(long)rows * dimension} floats, got {data.Length}.", nameof(data));
        Rows = rows;
        Dimension = dimension;
        Data = data;
    }

    public int Rows { get; }
    public int Dimension { get; }
    /// <summary>Row-major values: row i is Data[i*Dimension .. (i+1)*Dimension).</summary>
    public float[] Data { get; }

    public ReadOnlySpan<float> Row(int i) => Data.AsSpan(i * Dimension, Dimension);

    /// <summary>Stacks equal-length vectors into a matrix.</summary>
    public static EmbeddingMatrix FromRows(IReadOnlyList<float[]> rows, int? dimension = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var dim = dimension ?? (rows.Count > 0 ? rows[0].Length : throw new ArgumentException("No rows and no dimension given.", nameof(rows)));
        var data = new float[rows.Count * dim];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != dim) throw new ArgumentException($"Row {i} has {rows[i].Length} values, expected {dim}.", nameof(rows));
            rows[i].CopyTo(data, i * dim);
        }
        return new EmbeddingMatrix(rows.Count, dim, data);
    }

    public float[][] ToJagged() => Enumerable.Range(0, Rows).Select(i => Row(i).ToArray()).ToArray();

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public EmbeddingMatrix Select(IReadOnlyList<int> indices)
    {
        var data = new float[indices.Count * Dimension];
        for (var k = 0; k < indices.Count; k++) Row(indices[k]).CopyTo(data.AsSpan(k * Dimension));
        return new EmbeddingMatrix(indices.Count, Dimension, data);
    }
}
