using System.Buffers.Binary;
using System.IO.Compression;

namespace FusionKit.Data;

/// <summary>Images of an IDX file (magic 2051): <see cref="Count"/> images of <see cref="Rows"/> x <see cref="Columns"/> bytes, row-major.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    /// <summary>Bytes per image (rows x columns).</summary>
    public int ImageSize => Rows * Columns;

    /// <summary>The pixels of image <paramref name="index"/>, copied into a new grayscale <see cref="RawImage"/>.</summary>
    public RawImage Image(int index) =>
        new(Columns, Rows, 1, Pixels.AsSpan(index * ImageSize, ImageSize).ToArray());
}
