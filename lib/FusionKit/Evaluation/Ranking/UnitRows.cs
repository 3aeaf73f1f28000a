using System.Numerics;
using FusionKit.Caching;

namespace FusionKit.Evaluation.Ranking;

/// <summary>Rows of an embedding matrix scaled to unit L2 norm, for cosine similarity by dot product.</summary>
internal sealed class UnitRows
{
    private readonly float[] _data;

    private UnitRows(float[] data, int rows, int dimension)
    {
        _data = data;
        Rows = rows;
        Dimension = dimension;
    }

    public int Rows { get; }
    public int Dimension { get; }

    /// <exception cref="ArgumentException">A row that is all zeros or holds a non-finite value (named).</exception>
    public static UnitRows Of(EmbeddingMatrix matrix, string name)
    {
        ArgumentNullException.ThrowIfNull(matrix, name);
        var data = (float[])matrix.Data.Clone();
        var d = matrix.Dimension;
        for (var r = 0; r < matrix.Rows; r++)
        {
            var row = data.AsSpan(r * d, d);
            double squares = 0;
            foreach (var v in row)
            {
                if (!float.IsFinite(v)) throw new ArgumentException($"{name} row {r} holds a non-finite value ({v}).", name);
                squares += (double)v * v;
            }
            if (squares == 0) throw new ArgumentException($"{name} row {r} is all zeros; its cosine similarity is undefined.", name);
            var scale = (float)(1 / Math.Sqrt(squares));
            for (var i = 0; i < row.Length; i++) row[i] *= scale;
        }
        return new UnitRows(data, matrix.Rows, d);
    }

    public ReadOnlySpan<float> Row(int r) => _data.AsSpan(r * Dimension, Dimension);

    /// <summary>Cosine similarity of row <paramref name="a"/> of this matrix and row <paramref name="b"/> of <paramref name="other"/>.</summary>
    public float Cosine(int a, UnitRows other, int b) => Dot(Row(a), other.Row(b));

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            sum += new Vector<float>(x[i..]) * new Vector<float>(y[i..]);
        var total = Vector.Sum(sum);
        for (; i < x.Length; i++) total += x[i] * y[i];
        return total;
    }
}
