using System.Diagnostics;
using System.Globalization;
using FusionKit.Fusion;
using FusionKit.Platform;
using FusionKit.Training;
using TorchSharp;

namespace FusionKit.Cli.Commands;

/// <summary>
/// `fusionkit bench train`: times the kit's <see cref="Trainer"/> on the case-study head, the same run as
/// `pytorch_reference.py head` (Linear(896,512)-ReLU-Linear(512,10), Adam 1e-3, cross-entropy, reshuffled
/// every epoch, random 896-d inputs), so the two figures compare directly.
/// </summary>
public sealed class BenchTrainCommand : ICliCommand
{
    public string Name => "bench train";
    public string Summary => "Time training of the case-study head (896-512-10, Adam) on random features; compare with pytorch_reference.py head.";
    public string Usage => """
        fusionkit bench train [--samples 60000] [--epochs 10] [--batch 32] [--threads 1]

        Trains Linear(896,512)-ReLU-Linear(512,10) with Adam (lr 1e-3) and cross-entropy on random 896-d rows
        (512 image + 384 text) with random labels over 10 classes, reshuffled every epoch, through the kit's
        Trainer, and prints the seconds the run took (data creation excluded; also the process CPU seconds, which
        show whether other work on the machine slowed it), as
        /work/shared/bench/pytorch_reference.py head does for PyTorch. Run both back to back on an idle machine.
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var samples = args.Int("samples", 60_000, min: 1);
        var epochs = args.Int("epochs", 10, min: 1);
        var batch = args.Int("batch", 32, min: 1);
        var threads = args.Int("threads", 1, min: 1, max: 1024);
        args.EnsureAllUsed();

        TorchRuntime.EnsureReady();
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        using var data = FeatureSet.FromTensors(torch.randn(samples, 896), labels: torch.randint(0, 10, [samples]));
        using var model = FusionClassifier.ImageOnly(new ClassifierHead(896, [512], 10, HeadActivation.ReLU));
        var trainer = new Trainer(new TrainingConfig { Epochs = epochs, BatchSize = batch, Threads = threads, Seed = 0 }) { Log = output };

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(model, data);
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "torch threads {0}, {1} samples, {2} epochs, batch {3}, {4} steps", torch.get_num_threads(), samples, epochs, batch,
                                       (long)epochs * ((samples + batch - 1) / batch)));
        output.WriteLine(string.Format(c, "final epoch loss {0:F4}", history.Last.TrainLoss));
        // CPU time tells a busy machine apart from a slow run: on an idle machine it is close to the wall time.
        output.WriteLine(string.Format(c, "process cpu seconds during the run: {0:F2}", cpuSeconds));
        output.WriteLine(string.Format(c, "fusionkit head seconds: {0:F2}", seconds));
        return 0;
    }
}
