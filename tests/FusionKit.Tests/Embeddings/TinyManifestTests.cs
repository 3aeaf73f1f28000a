using FusionKit.Caching;
using FusionKit.Cli;
using FusionKit.Embeddings;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Tests.Experiments.FusionComparison;
using FusionKit.Tests.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace FusionKit.Tests.Embeddings;

/// <summary>
/// Issue 10, item 8: data of one's own of any size. Photographs of mixed sizes and formats (RGBA PNG, palette PNG,
/// grayscale PNG, a large JPEG), 2 to 5 per class, end in results with the tiny-data fallback said; a class of a
/// single image ends in one sentence naming it, never in an exception's parameter name.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class TinyManifestTests
{
    private static readonly string[] Classes = ["boot", "scarf", "tote", "cap"];

    /// <summary>Writes <paramref name="perClass"/>[c] images of class c, cycling through four formats; returns the manifest path.</summary>
    private static string WritePhotos(string folder, int[] perClass)
    {
        Directory.CreateDirectory(Path.Combine(folder, "photos"));
        var lines = new List<string> { "image,text,label" };
        var n = 0;
        for (var c = 0; c < perClass.Length; c++)
        for (var i = 0; i < perClass[c]; i++, n++)
        {
            var name = (n % 4) switch
            {
                0 => $"photos/{n}.png",
                1 => $"photos/{n}-palette.png",
                2 => $"photos/{n}-gray.png",
                _ => $"photos/{n}.jpg",
            };
            var path = Path.Combine(folder, name);
            // a colour gradient whose hue depends on the class; sizes differ per image
            var (w, h) = (n % 4) == 3 ? (2400, 1800) : (60 + 17 * i, 40 + 11 * c);
            using var image = new Image<Rgba32>(w, h);
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    var row = rows.GetRowSpan(y);
                    for (var x = 0; x < row.Length; x++)
                        row[x] = new Rgba32((byte)(c * 60 + x % 50), (byte)(255 - c * 50 - y % 40), (byte)((x + y + 30 * i) % 256), (byte)(128 + (x % 128)));
                }
            });
            switch (n % 4)
            {
                case 0: image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.RgbWithAlpha }); break;
                case 1: image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.Palette }); break;
                case 2: image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.Grayscale }); break;
                default: image.SaveAsJpeg(path, new JpegEncoder { Quality = 85 }); break;
            }
            lines.Add($"{name},a {Classes[c]} photographed on a table,{Classes[c]}");
        }
        var manifest = Path.Combine(folder, "manifest.csv");
        File.WriteAllLines(manifest, lines);
        return manifest;
    }

    private static EmbeddingOptions Options(string folder) =>
        new() { Cache = new EmbeddingCache(Path.Combine(folder, "cache")) { Progress = TextWriter.Null }, Threads = 1 };

    [Fact]
    public void TwoToFiveImagesPerClass_SplitWithTheFallbackSaid_AndTrain()
    {
        var folder = TorchTestSupport.TempFolder();
        var manifest = WritePhotos(folder, [2, 3, 4, 5]);
        var log = new StringWriter();

        var data = ManifestEmbeddings.Load(manifest, options: Options(folder), log: log);

        // classes in ordinal order: boot 2, cap 5, scarf 3, tote 4 images. Test: round(n x 0.2) = 0, 1, 1, 1 -> at
        // least 1 each; validation from the rest (1, 4, 2, 3): boot keeps its one image for training, the others
        // give max(1, round(r x 0.1)) = 1 (hand-computed)
        Assert.Equal(["boot", "cap", "scarf", "tote"], data.ClassNames);
        Assert.Equal([1, 1, 1, 1], Counts(data.Test.Labels));
        Assert.Equal([0, 1, 1, 1], Counts(data.Validation.Labels));
        Assert.Equal([1, 3, 1, 2], Counts(data.Train.Labels));
        Assert.Contains("tiny data:", log.ToString());
        Assert.Contains("test: boot (2 images)", log.ToString());
        Assert.Contains("no validation image: boot (2 images)", log.ToString());

        using var encoder = new HashingTextEncoder();
        var inputs = FusionInputs.FromOwnText(data, encoder, Options(folder).Cache!);
        var run = FusionExperiment.Run(inputs, FusionExperimentConfig.Quick with { Method = "concat", HiddenSizes = [], Epochs = 3, BatchSize = 4, Threads = 1 });
        Assert.InRange(run.Accuracy, 0, 1);
    }

    [Fact]
    public void SingleImageClass_StopsWithOneSentenceNamingItsCountAndWhatToDo()
    {
        var folder = TorchTestSupport.TempFolder();
        var manifest = WritePhotos(folder, [3, 1, 4, 3]);

        var e = Assert.Throws<InvalidDataException>(() => ManifestEmbeddings.Load(manifest, options: Options(folder)));

        Assert.Equal($"{manifest}: class 'scarf' has 1 image; training and test need at least 2 per class: add images of 'scarf', "
                     + "merge it into a related class, or drop its rows (and its line in classes.txt, if any).", e.Message);
    }

    [Fact]
    public void FuseCommand_SingleImageClass_EndsInTheSentence_NoParameterName()
    {
        var folder = TorchTestSupport.TempFolder();
        var manifest = WritePhotos(folder, [3, 1, 4, 3]);
        var error = new StringWriter();

        var code = Program.Run(["fuse", "--manifest", manifest, "--epochs", "1", "--out", Path.Combine(folder, "out")], new StringWriter(), error);

        Assert.Equal(1, code);
        Assert.Contains("class 'scarf' has 1 image", error.ToString());
        Assert.DoesNotContain("Parameter", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Fact]
    public void FuseCommand_SkipBad_LeavesABrokenPhotoOutAndListsIt()
    {
        var folder = TorchTestSupport.TempFolder();
        var manifest = WritePhotos(folder, [3, 3, 3, 3]);
        File.AppendAllLines(manifest, ["photos/missing.jpg,a cap,cap"]);
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(1, Program.Run(["fuse", "--manifest", manifest, "--epochs", "1", "--out", Path.Combine(folder, "out")], new StringWriter(), error));
        Assert.Contains("line 14, image 'photos/missing.jpg'", error.ToString());

        var code = Program.Run(["fuse", "--skip-bad", "--manifest", manifest, "--method", "concat", "--epochs", "1", "--batch", "4",
                                "--text-encoder", "wordvec", "--out", Path.Combine(folder, "out")], output, error);
        Assert.True(code == 0, error.ToString());
        Assert.Contains("skipped " , output.ToString());
        Assert.Contains("line 14, image 'photos/missing.jpg'", output.ToString());
    }

    private static int[] Counts(int[] labels) => Enumerable.Range(0, Classes.Length).Select(c => labels.Count(l => l == c)).ToArray();
}
