using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FusionKit.Models;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Training;
using TorchSharp;

namespace FusionKit.Cli.Commands;

/// <summary>
/// `fusionkit bench train`: times the kit's <see cref="Trainer"/> on the case-study head, the same run as the PyTorch
/// peer in bench/peer.py (`peer.py head`: Linear(896,512)-ReLU-Linear(512,10), Adam 1e-3, cross-entropy, reshuffled
/// every epoch, random 896-d inputs), so the two figures compare directly.
/// </summary>
public sealed class BenchTrainCommand : CliCommand
{
    private readonly Option<int> _samples = new Option<int>("--samples") { Description = "random training rows", DefaultValueFactory = _ => 60_000 }.InRange(1);
    private readonly Option<int> _epochs = new Option<int>("--epochs") { Description = "passes over the rows", DefaultValueFactory = _ => 10 }.InRange(1);
    private readonly Option<int> _batch = new Option<int>("--batch") { Description = "rows per optimizer step", DefaultValueFactory = _ => 32 }.InRange(1);
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string> _device = CommonOptions.Device();

    public BenchTrainCommand() : base("bench train", "Time training of the case-study head (896-512-10, Adam) on random features; compare with PyTorch (bench/peer.py head).")
    {
        Add(_samples);
        Add(_epochs);
        Add(_batch);
        Add(_threads);
        Add(_device);
    }

    public override string Details => """
        Trains Linear(896,512)-ReLU-Linear(512,10) with Adam (lr 1e-3) and cross-entropy on random 896-d rows
        (512 image + 384 text) with random labels over 10 classes, reshuffled every epoch, through the kit's
        Trainer, and prints the seconds the run took (data creation excluded; also the process CPU seconds, which
        show whether other work on the machine slowed it). `python3 bench/peer.py head` runs the same in PyTorch
        (tuned: pinned BLAS/OpenMP threads, malloc settings); `python3 bench/peer.py compare --head` runs both back to
        back and prints the ratio.
        """;

    public override int Run(ParseResult parse, CliContext context)
    {
        var device = CommonOptions.ResolveDevice(parse, _device);
        var output = context.Output;
        var samples = parse.GetValue(_samples);
        var epochs = parse.GetValue(_epochs);
        var batch = parse.GetValue(_batch);
        var threads = parse.GetValue(_threads);

        TorchRuntime.EnsureReady();
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        using var data = FeatureSet.FromTensors(torch.randn(samples, 896), labels: torch.randint(0, 10, [samples]));
        using var model = FusionClassifier.ImageOnly(new ClassifierHead(896, [512], 10, HeadActivation.ReLU));
        var trainer = new Trainer(new TrainingConfig { Epochs = epochs, BatchSize = batch, Threads = threads, Seed = 0, Device = device }) { Log = output };

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(model, data);
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "torch threads {0}, device {1}, {2} samples, {3} epochs, batch {4}, {5} steps", torch.get_num_threads(),
                                       model.parameters().First().device_type.ToString().ToLowerInvariant(), samples, epochs, batch,
                                       (long)epochs * ((samples + batch - 1) / batch)));
        output.WriteLine(string.Format(c, "final epoch loss {0:F4}", history.Last.TrainLoss));
        // CPU time tells a busy machine apart from a slow run: on an idle machine it is close to the wall time.
        output.WriteLine(string.Format(c, "process cpu seconds during the run: {0:F2}", cpuSeconds));
        output.WriteLine(string.Format(c, "fusionkit head seconds: {0:F2}", seconds));
        return 0;
    }
}
