namespace FusionKit.Evaluation.Ranking;

/// <summary>Retrieval in both directions of a joint space and the VSE++ rsum of the two.</summary>
/// <param name="ImageToText">Image queries ranking the distinct texts.</param>
/// <param name="TextToImage">Distinct-text queries ranking the images.</param>
public sealed record CrossModalReport(RetrievalReport ImageToText, RetrievalReport TextToImage)
{
    /// <summary>VSE++ rsum in percent (<see cref="RankingMetrics.Rsum"/>).</summary>
    public double Rsum => RankingMetrics.Rsum(ImageToText, TextToImage);

    public override string ToString() =>
        $"image->text  {ImageToText}{Environment.NewLine}text->image  {TextToImage}{Environment.NewLine}" +
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"rsum {Rsum:F1}");
}
