namespace FusionKit.Text;

/// <summary>Maps texts (labels, phrases, sentences) to fixed-size embedding vectors.</summary>
public interface ITextEncoder : IDisposable
{
    /// <summary>Short name used in reports and on the command line, e.g. "minilm" or "glove-100d".</summary>
    string Name { get; }

    /// <summary>Length of every returned vector.</summary>
    int Dimension { get; }

    /// <summary>Identifies the encoder, its weights and every setting that changes its output; keys the embedding cache.</summary>
    string CacheKey { get; }

    /// <summary>Embeds each text; returns one vector of <see cref="Dimension"/> floats per text, in order.</summary>
    float[][] Encode(IReadOnlyList<string> texts);
}
