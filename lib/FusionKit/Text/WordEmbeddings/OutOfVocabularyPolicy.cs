namespace FusionKit.Text.WordEmbeddings;

/// <summary>What <see cref="WordVectorEncoder"/> does with a token that has no vector.</summary>
public enum OutOfVocabularyPolicy
{
    /// <summary>Average only the known tokens; a text whose tokens are all unknown (or that has none) is an error.</summary>
    SkipToken,

    /// <summary>An unknown token counts as a zero vector in the average; a text with no known token embeds as zeros.</summary>
    Zero,

    /// <summary>Any unknown token is an error.</summary>
    Error,
}
