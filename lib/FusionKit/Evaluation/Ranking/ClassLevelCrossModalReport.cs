using System.Globalization;

namespace FusionKit.Evaluation.Ranking;

/// <summary>Class-level retrieval in both directions (<see cref="ClassLevelRetrieval"/>) and which queries it left out.</summary>
/// <param name="Report">The two directions' figures.</param>
/// <param name="TextQueries">Texts used as text→image queries (they name a class that has images).</param>
/// <param name="TextsNamingNoClass">Boilerplate texts, left out as queries (still ranked as items image→text).</param>
/// <param name="TextsNamingAbsentClass">Texts naming a class without images, left out as queries.</param>
/// <param name="ImageQueries">Images used as image→text queries.</param>
/// <param name="ImagesOfUnnamedClass">Images whose class no text names, left out as queries.</param>
public sealed record ClassLevelCrossModalReport(CrossModalReport Report, int TextQueries, int TextsNamingNoClass, int TextsNamingAbsentClass,
                                                int ImageQueries, int ImagesOfUnnamedClass)
{
    /// <summary>One line on which queries were used and which were left out.</summary>
    public string Coverage => string.Create(CultureInfo.InvariantCulture,
        $"{TextQueries} of {TextQueries + TextsNamingNoClass + TextsNamingAbsentClass} texts are text->image queries " +
        $"({TextsNamingNoClass} name no class and are excluded{(TextsNamingAbsentClass > 0 ? $", {TextsNamingAbsentClass} name a class without images" : "")}); " +
        $"{ImageQueries} of {ImageQueries + ImagesOfUnnamedClass} images are image->text queries over all texts");

    public override string ToString() => $"{Report}{Environment.NewLine}{Coverage}";
}
