using FusionKit.Caching;

namespace FusionKit.Embeddings;

/// <summary>Row selection and image replacement on <see cref="FusionInputs"/>.</summary>
public static class FusionInputsSelection
{
    /// <summary>The inputs restricted to <paramref name="subset"/>'s training and validation rows (test unchanged).</summary>
    public static FusionInputs Select(this FusionInputs inputs, FusionSubset subset)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(subset);
        return inputs with
        {
            Train = Rows(inputs.Train, subset.Train, inputs.ImageDim, inputs.TextDim),
            Validation = Rows(inputs.Validation, subset.Validation, inputs.ImageDim, inputs.TextDim),
        };
    }

    /// <summary>
    /// The same samples and side texts with other image rows, e.g. spatial tokens instead of pooled embeddings;
    /// each matrix must hold one row per sample of its split, in order.
    /// </summary>
    /// <exception cref="ArgumentException">A matrix whose shape does not fit its split (named).</exception>
    public static FusionInputs WithImages(this FusionInputs inputs, EmbeddingMatrix train, EmbeddingMatrix validation, EmbeddingMatrix test)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var dimension = train.Dimension;
        void Check(EmbeddingMatrix m, FusionSplit split, string name)
        {
            if (m.Rows != split.Count || m.Dimension != dimension)
                throw new ArgumentException($"The {name} image matrix is {m.Rows} x {m.Dimension}; its split has {split.Count} samples of width {dimension}.", name);
        }
        Check(train, inputs.Train, nameof(train));
        Check(validation, inputs.Validation, nameof(validation));
        Check(test, inputs.Test, nameof(test));
        return inputs with
        {
            ImageDim = dimension,
            Train = inputs.Train with { Image = train.Data },
            Validation = inputs.Validation with { Image = validation.Data },
            Test = inputs.Test with { Image = test.Data },
        };
    }

    private static FusionSplit Rows(FusionSplit split, int[] indices, int imageDim, int textDim)
    {
        var image = new float[(long)indices.Length * imageDim];
        var text = new float[(long)indices.Length * textDim];
        for (var i = 0; i < indices.Length; i++)
        {
            var r = indices[i];
            Array.Copy(split.Image, (long)r * imageDim, image, (long)i * imageDim, imageDim);
            Array.Copy(split.Text, (long)r * textDim, text, (long)i * textDim, textDim);
        }
        return new FusionSplit(image, text, indices.Select(i => split.Labels[i]).ToArray(), indices.Select(i => split.SideTexts[i]).ToArray());
    }
}
