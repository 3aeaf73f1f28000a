using FusionKit.Data;

namespace FusionKit.Text;

/// <summary>Label embeddings for zero-shot models: one vector per class from any text encoder.</summary>
public static class LabelEmbeddings
{
    /// <summary>
    /// The 10 Fashion-MNIST label embeddings, row c = class c: the bare class names or the short descriptions of
    /// <see cref="FashionMnistLabelText"/>, through e.g. <c>TextEncoders.Create("wordvec")</c> or <c>("minilm")</c>.
    /// </summary>
    public static float[][] FashionMnist(ITextEncoder encoder, bool descriptions = false)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return Encode(encoder, descriptions ? FashionMnistLabelText.Descriptions : FashionMnistLabelText.ClassNames);
    }

    /// <summary>One embedding per text, in order; checks the encoder kept the count and width.</summary>
    public static float[][] Encode(ITextEncoder encoder, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = encoder.Encode(texts);
        if (vectors.Length != texts.Count)
            throw new InvalidOperationException($"{encoder.Name} returned {vectors.Length} vectors for {texts.Count} texts.");
        for (var i = 0; i < vectors.Length; i++)
            if (vectors[i].Length != encoder.Dimension)
                throw new InvalidOperationException($"{encoder.Name} returned {vectors[i].Length} values for \"{texts[i]}\"; its dimension is {encoder.Dimension}.");
        return vectors;
    }
}
