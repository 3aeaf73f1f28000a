using System.CommandLine;
using System.Globalization;
using FusionKit.Caching;
using FusionKit.Experiments.Precision;
using FusionKit.Vision;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit bench precision`: bf16 against fp32 image embeddings, per image and downstream.</summary>
public sealed class BenchPrecisionCommand : CliCommand
{
    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<int[]?> _seeds = CommonOptions.Seeds();
    private readonly Option<bool> _downstream = new("--downstream")
    {
        Description = "also train the case study's image-only and compatibility models on fp32 and on bf16 embeddings (same seeds) and compare test accuracy (default: off)",
    };

    public BenchPrecisionCommand() : base("bench precision", "Compare bf16 with fp32 image embeddings: cosine per image and nearest-centroid accuracy.")
    {
        Add(_profile);
        Add(_threads);
        Add(_device);
        Add(_seeds);
        Add(_downstream);
    }

    public override string Details => """
        Embeds the profile's images in fp32 (resnet18-onnx, on the CPU) and in bf16 (resnet18-torch in
        bfloat16, channels-last, on --device), both through the embedding cache, then prints the cosine between each test image's
        two embeddings (worst and mean) and nearest-centroid test accuracy with each (centroids from the
        train split; a probe without settings to tune). `--precision auto` picks bf16 only where the
        processor computes it natively and this comparison stayed within 0.2 points (docs/precision.md);
        `fusionkit doctor` says which precision auto picks here and why.
        `--downstream` adds the measure the 0.2-point bound is judged on: the case study's honest models
        (image-only, compatibility on MiniLM label texts) trained on fp32 and on bf16 embeddings with the
        same seeds on --device, test accuracy mean ± std over seeds (default profile: 6 trainings per precision, minutes each).
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var output = context.Output;
        var profile = CommonOptions.ResolveProfile(parse, _profile);
        var device = CommonOptions.ResolveDevice(parse, _device);
        var (auto, reason) = ImagePrecisionChoice.Resolve(ImagePrecision.Auto);
        output.WriteLine($"precision auto here: {ImagePrecisionChoice.Name(auto)} ({reason})");
        var report = ImagePrecisionCheck.Run(profile, new EmbeddingCache { Progress = output }, parse.GetValue(_threads), context.Cancel, device);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "{0} profile, {1} test images: cosine bf16 vs fp32 worst {2:F5}, mean {3:F5}", report.Profile, report.Images, report.WorstCosine, report.MeanCosine));
        output.WriteLine(string.Format(c, "nearest-centroid test accuracy: fp32 {0:P2}, bf16 {1:P2}, change {2:+0.00;-0.00;0.00} points",
            report.Fp32Accuracy, report.Bf16Accuracy, report.AccuracyChangePoints));
        if (!parse.GetValue(_downstream)) return 0;

        var seeds = CommonOptions.ResolveSeeds(parse, _seeds, profile);
        var rows = ImagePrecisionCheck.Downstream(profile, seeds, parse.GetValue(_threads), output, context.Cancel, device);
        output.WriteLine($"downstream test accuracy, {profile.Name} profile, mean ± std over seeds [{string.Join(", ", seeds)}]:");
        output.WriteLine("| model | fp32 | bf16 | change (points) | within 0.2 points |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var row in rows)
            output.WriteLine(string.Format(c, "| {0} | {1} | {2} | {3:+0.00;-0.00;0.00} | {4} |", row.Model, row.Fp32.Format(4), row.Bf16.Format(4), row.ChangePoints, row.Within() ? "yes" : "no"));
        return 0;
    }
}
