using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FusionKit.Data.Manifest;

/// <summary>
/// Writes a dataset in the kit's user-data format: PNG images in <c>images/</c>, a CSV manifest
/// (<c>image,text,label</c>, RFC 4180 quoting) and <c>classes.txt</c>, so it loads back with
/// <see cref="ManifestDataset.Load"/>. Useful to export a subset or to start a dataset of one's own.
/// </summary>
public static class ManifestWriter
{
    /// <summary>Writes the samples of <paramref name="dataset"/>; returns the manifest's path.</summary>
    public static string WriteCsv(Dataset dataset, string folder)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var images = Path.Combine(folder, "images");
        Directory.CreateDirectory(images);
        var csv = new StringBuilder("image,text,label\n");
        for (var i = 0; i < dataset.Count; i++)
        {
            var sample = dataset.Samples[i];
            var file = $"images/{i:D6}.png";
            WritePng(sample.Image, Path.Combine(folder, file));
            csv.Append(CsvField.Quote(file)).Append(',').Append(CsvField.Quote(sample.Text ?? "")).Append(',').Append(CsvField.Quote(dataset.ClassNames[sample.Label])).Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(folder, ManifestDataset.ClassesFileName), string.Join('\n', dataset.ClassNames) + "\n");
        var manifest = Path.Combine(folder, "manifest.csv");
        AtomicFile.WriteAllText(manifest, csv.ToString());
        return manifest;
    }

    private static void WritePng(RawImage raw, string path)
    {
        if (raw.Channels == 1)
        {
            using var gray = Image.LoadPixelData<L8>(raw.Pixels, raw.Width, raw.Height);
            AtomicFile.Write(path, s => gray.SaveAsPng(s));
        }
        else
        {
            using var rgb = Image.LoadPixelData<Rgb24>(raw.Pixels, raw.Width, raw.Height);
            AtomicFile.Write(path, s => rgb.SaveAsPng(s));
        }
    }
}
