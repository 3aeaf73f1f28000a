using System.Globalization;
using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Interactive;

namespace FusionKit.Experiments.FusionComparison;

/// <summary>
/// The picture grid of where a cross-attention model looked: for each chosen test image, the image and the same
/// image under its attention map (<see cref="AttentionOverlay"/>), captioned with the side text that asked, the
/// true class and the prediction.
/// </summary>
public static class AttentionGrid
{
    /// <summary>Builds the grid for <paramref name="testIndices"/> (rows of the run's test split); two tiles per image.</summary>
    /// <param name="run">A cross-attention run (its <see cref="FusionRunResult.AttentionMaps"/> are drawn).</param>
    /// <param name="test">The run's test images, row i = test sample i.</param>
    /// <param name="sideTexts">The test samples' side texts (<see cref="FusionInputs"/>' Test.SideTexts), or null.</param>
    /// <exception cref="ArgumentException">A run without attention maps, a test set of another size, or an index outside it (named).</exception>
    public static ImageGrid Build(FusionRunResult run, Dataset test, IReadOnlyList<int> testIndices, IReadOnlyList<string>? sideTexts = null,
                                  int imagesPerRow = 4, int tileSize = 112)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(testIndices);
        var maps = run.AttentionMaps
                   ?? throw new ArgumentException($"The '{run.Config.Method}' run has no attention maps; only cross-attention looks at image regions.", nameof(run));
        if (maps.Length != test.Count)
            throw new ArgumentException($"The run has {maps.Length} test attention maps but the test set has {test.Count} images.", nameof(test));
        if (testIndices.Count == 0) throw new ArgumentException("Choose at least one test image.", nameof(testIndices));
        var tiles = new List<ImageTile>();
        foreach (var i in testIndices)
        {
            if (i < 0 || i >= test.Count) throw new ArgumentException($"Test index {i} is outside 0..{test.Count - 1}.", nameof(testIndices));
            var image = test.Samples[i].Image;
            var truth = test.ClassNames[run.TestLabels[i]];
            var predicted = test.ClassNames[run.Predictions[i]];
            var text = sideTexts is null ? "" : $"“{sideTexts[i]}” ";
            tiles.Add(new ImageTile(image, string.Format(CultureInfo.InvariantCulture, "#{0} true: {1}", i, truth)));
            tiles.Add(new ImageTile(AttentionOverlay.Draw(image, maps[i]), $"{text}→ {predicted}"));
        }
        return new ImageGrid(tiles, columns: 2 * imagesPerRow, tileSize: tileSize,
                             title: $"Where {run.Config.Method} looked (seed {run.Config.Seed}): each image, then its attention over the 7x7 grid");
    }

    /// <summary>The first <paramref name="perClass"/> test rows of each class, in class order: a balanced default choice.</summary>
    public static IReadOnlyList<int> FirstPerClass(IReadOnlyList<int> testLabels, int classCount, int perClass = 1)
    {
        ArgumentNullException.ThrowIfNull(testLabels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perClass);
        return Enumerable.Range(0, classCount)
            .SelectMany(c => Enumerable.Range(0, testLabels.Count).Where(i => testLabels[i] == c).Take(perClass))
            .ToArray();
    }
}
