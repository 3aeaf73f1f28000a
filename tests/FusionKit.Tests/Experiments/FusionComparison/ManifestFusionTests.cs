using FusionKit.Caching;
using FusionKit.Cli;
using FusionKit.Data;
using FusionKit.Data.Manifest;
using FusionKit.Embeddings;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Tests.Training;
using FusionKit.Text;

namespace FusionKit.Tests.Experiments.FusionComparison;

/// <summary>Data of one's own (a manifest with a text column) through the fusion path: real images, the data's own text.</summary>
[Collection(TorchTrainingCollection.Name)]
public class ManifestFusionTests
{
    private static readonly string[] Classes = ["sneaker", "handbag", "trousers"];

    /// <summary>12 images per class: class c has a bright band in rows 4c..4c+3 of a 12x12 image; the text names the class.</summary>
    private static string WriteManifest(string folder, Func<int, int, string?>? text = null)
    {
        var samples = new List<Sample>();
        for (var c = 0; c < Classes.Length; c++)
            for (var i = 0; i < 12; i++)
            {
                var pixels = new byte[144];
                for (var y = 4 * c; y < 4 * c + 4; y++)
                    for (var x = 0; x < 12; x++) pixels[y * 12 + x] = (byte)(200 + i);
                samples.Add(new Sample($"{c}-{i}", new RawImage(12, 12, 1, pixels), c, text is null ? $"a {Classes[c]} for sale" : text(c, i)));
            }
        return ManifestWriter.WriteCsv(new Dataset("mine", Classes, samples, "mine-fingerprint"), folder);
    }

    [Fact]
    public void OwnText_FlowsIntoTheInputs_SplitByClass_AndTrains()
    {
        var folder = TorchTestSupport.TempFolder();
        var manifest = WriteManifest(folder);
        var cache = new EmbeddingCache(Path.Combine(folder, "cache")) { Progress = TextWriter.Null };
        var data = ManifestEmbeddings.Load(manifest, testFraction: 0.25, options: new EmbeddingOptions { Cache = cache, Threads = 1 });
        // 12 per class: round(12 x 0.25) = 3 test, then round(9 x 0.1) = 1 validation, 8 train (StratifiedSampling's rounding)
        Assert.Equal((24, 3, 9), (data.Train.Count, data.Validation.Count, data.Test.Count));
        Assert.Equal(512, data.Train.Images.Dimension);

        using var encoder = new HashingTextEncoder();
        var inputs = FusionInputs.FromOwnText(data, encoder, cache);
        Assert.Null(inputs.Reliability);
        Assert.All(inputs.Test.SideTexts, t => Assert.Equal(SideTextKind.Given, t.Kind));
        Assert.Equal(data.Test.Dataset.Samples.Select(s => s.Text), inputs.Test.SideTexts.Select(t => t.Text));

        var config = FusionExperimentConfig.Quick with { Method = "concat", HiddenSizes = [], LearningRate = 0.05, Epochs = 30, BatchSize = 8, Threads = 1 };
        var run = FusionExperiment.Run(inputs, config);
        Assert.Equal(1.0, run.Accuracy); // the text names the class, and so does the image's band
        // Data of one's own is declared as such: the run, its sweep row (no reliability: the text is not simulated) and the table.
        Assert.Equal(TextSource.Manifest, inputs.TextSource);
        Assert.Equal(TextSource.Manifest, run.TextSource);
        var sweep = new SweepResult([SweepRow.Of(config, [run])]);
        Assert.Equal("n/a", sweep.Rows[0].Reliability);
        Assert.Equal("manifest", sweep.ToDataFrame()[TextSources.ColumnName][0]);
        Assert.EndsWith(",manifest", sweep.ToCsv().Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public void RowWithoutText_IsRefused_NamingTheImage()
    {
        var folder = TorchTestSupport.TempFolder();
        var manifest = WriteManifest(folder, (c, i) => c == 1 && i == 5 ? null : "some text");
        var error = Assert.Throws<InvalidDataException>(() => ManifestEmbeddings.Load(manifest,
            options: new EmbeddingOptions { Cache = new EmbeddingCache(Path.Combine(folder, "cache")) { Progress = TextWriter.Null } }));
        Assert.Contains("images/000017.png", error.Message); // row 17 = class 1, image 5
        Assert.Contains("no text", error.Message);
    }

    [Fact]
    public void FuseCommand_WithManifest_TrainsOnTheDataAndItsText()
    {
        var folder = TorchTestSupport.TempFolder();
        var manifest = WriteManifest(folder);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(["fuse", "--manifest", manifest, "--method", "late", "--epochs", "20", "--batch", "8", "--lr", "0.01",
                                "--out", Path.Combine(folder, "out")], output, error);
        Assert.True(code == 0, error.ToString());
        Assert.Contains("the manifest's own text", output.ToString());
        Assert.Contains("late", output.ToString());
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(folder, "out"))); // a new run folder inside --out
        Assert.True(File.Exists(Path.Combine(run, "charts.html")));
        // The printed table and the charts' page declare the manifest's own text.
        Assert.Contains(TextSources.ColumnName, output.ToString());
        Assert.Matches(@"(?m)^late .*  manifest$", output.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("fusionkit fuse --method late (manifest text)", File.ReadAllText(Path.Combine(run, "charts.html")));
    }

    [Theory]
    [InlineData("--profile", "smoke")]
    [InlineData("--reliability", "0.5")]
    public void FuseCommand_WithManifest_RefusesSimulatedTextOptions(string option, string value)
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["fuse", "--manifest", "whatever.csv", option, value], new StringWriter(), error));
        Assert.Contains("--manifest", error.ToString());
    }
}
