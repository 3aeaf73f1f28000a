using FusionKit.Data;
using Microsoft.Data.Analysis;

namespace FusionKit.Interactive;

/// <summary>Tables and picture grids that describe datasets, for notebooks and reports.</summary>
public static class DatasetViews
{
    /// <summary>One row per class, one count column per named split, plus a total row.</summary>
    public static DataFrame ClassCounts(params (string Name, Dataset Data)[] splits)
    {
        if (splits.Length == 0) throw new ArgumentException("Give at least one split.", nameof(splits));
        var classes = splits[0].Data.ClassNames;
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("class", classes.Append("total")) };
        foreach (var (name, data) in splits)
        {
            var counts = new long[classes.Count];
            foreach (var label in data.Labels()) counts[label]++;
            columns.Add(new Int64DataFrameColumn(name, counts.Append(counts.Sum())));
        }
        return new DataFrame(columns);
    }

    /// <summary>The first <paramref name="perClass"/> images of every class, one row per class, captioned by class.</summary>
    public static ImageGrid SampleGrid(Dataset dataset, int perClass = 6, int tileSize = 56)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var tiles = Enumerable.Range(0, dataset.ClassNames.Count)
            .SelectMany(c => dataset.Samples.Where(s => s.Label == c).Take(perClass).Select(s => new ImageTile(s.Image, dataset.ClassNames[c])))
            .ToList();
        return new ImageGrid(tiles, columns: perClass, tileSize: tileSize, title: $"{dataset.Name}: {perClass} images per class");
    }
}
