using System.CommandLine;
using System.Globalization;
using FusionKit.Caching;
using FusionKit.Experiments;
using FusionKit.Vision;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit bench precision`: bf16 against fp32 image embeddings, per image and downstream.</summary>
public sealed class BenchPrecisionCommand : CliCommand
{
    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<int> _threads = CommonOptions.Threads();

    public BenchPrecisionCommand() : base("bench precision", "Compare bf16 with fp32 image embeddings: cosine per image and nearest-centroid accuracy.")
    {
        Add(_profile);
        Add(_threads);
    }

    public override string Details => """
        Embeds the profile's images in fp32 (resnet18-onnx) and in bf16 (resnet18-torch in bfloat16,
        channels-last), both through the embedding cache, then prints the cosine between each test image's
        two embeddings (worst and mean) and nearest-centroid test accuracy with each (centroids from the
        train split; a probe without settings to tune). `--precision auto` picks bf16 only where the
        processor computes it natively and this comparison stayed within 0.2 points (docs/precision.md);
        `fusionkit doctor` says which precision auto picks here and why.
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var output = context.Output;
        var profile = CommonOptions.ResolveProfile(parse, _profile);
        var (auto, reason) = ImagePrecisionChoice.Resolve(ImagePrecision.Auto);
        output.WriteLine($"precision auto here: {ImagePrecisionChoice.Name(auto)} ({reason})");
        var report = ImagePrecisionCheck.Run(profile, new EmbeddingCache { Progress = output }, parse.GetValue(_threads), context.Cancel);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "{0} profile, {1} test images: cosine bf16 vs fp32 worst {2:F5}, mean {3:F5}", report.Profile, report.Images, report.WorstCosine, report.MeanCosine));
        output.WriteLine(string.Format(c, "nearest-centroid test accuracy: fp32 {0:P2}, bf16 {1:P2}, change {2:+0.00;-0.00;0.00} points",
            report.Fp32Accuracy, report.Bf16Accuracy, report.AccuracyChangePoints));
        return 0;
    }
}
