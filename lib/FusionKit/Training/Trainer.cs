using System.Diagnostics;
using System.Globalization;
using FusionKit.Fusion;
using FusionKit.Platform;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Training;

/// <summary>
/// Trains any <see cref="IFeatureClassifier"/> on cached features with cross-entropy over its logits (B, C):
/// the fused classifier (logits over classes) and the compatibility model (scores over label texts) alike.
/// Each epoch visits the rows in a fresh seeded order (<see cref="EpochShuffle"/>), then validates (loss,
/// accuracy) when a validation set is given. Optional early stopping restores the best weights; optional
/// per-epoch checkpoints let an interrupted run resume and end exactly as an uninterrupted one would.
/// </summary>
public sealed class Trainer
{
    /// <summary>File name of the checkpoint inside <see cref="TrainingConfig.CheckpointDirectory"/>.</summary>
    public const string CheckpointFileName = "checkpoint.fkc";

    /// <param name="config">Settings; null = the case study's defaults.</param>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public Trainer(TrainingConfig? config = null)
    {
        Config = config ?? new TrainingConfig();
        Config.Validate();
    }

    /// <summary>The settings of every run of this trainer.</summary>
    public TrainingConfig Config { get; }

    /// <summary>Where progress lines go (one per epoch, plus resume/device notes); null = silent.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Receives each epoch's record as it finishes.</summary>
    public IProgress<EpochRecord>? Progress { get; init; }

    /// <summary>
    /// Trains <paramref name="model"/> in place. With <see cref="TrainingConfig.CheckpointDirectory"/> set, a
    /// checkpoint found there is resumed (it must come from the same settings, data size and model shape).
    /// Cancellation stops after the current batch and throws <see cref="OperationCanceledException"/>; the
    /// checkpoint of the last finished epoch stays, and the model holds the partly trained weights.
    /// </summary>
    /// <exception cref="ArgumentException">Data that does not fit the model (the message names the set and row).</exception>
    /// <exception cref="InvalidDataException">A checkpoint that is unreadable or from another run.</exception>
    public TrainingHistory Fit<TModel>(TModel model, FeatureSet train, FeatureSet? validation = null, CancellationToken cancellationToken = default)
        where TModel : nn.Module, IFeatureClassifier
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        TorchRuntime.EnsureReady();
        CheckData(model, train, nameof(train));
        if (validation is not null) CheckData(model, validation, nameof(validation));
        if (Config.EarlyStoppingPatience is not null && validation is null)
            throw new ArgumentException("Early stopping needs a validation set.", nameof(validation));
        if (Config.Threads is { } threads) torch.set_num_threads(threads);

        var device = ResolveDevice();
        model.to(device);
        using var optimizer = CreateOptimizer(model);
        var checkpointPath = Config.CheckpointDirectory is { } dir ? Path.Combine(dir, CheckpointFileName) : null;
        var fingerprint = Fingerprint(model, train);
        var state = new RunState();
        if (checkpointPath is not null && File.Exists(checkpointPath))
        {
            state.Resume(Checkpoint.Read(checkpointPath), fingerprint, checkpointPath, model, optimizer);
            Log?.WriteLine($"resumed from {checkpointPath} after epoch {state.Epochs.Count}");
        }
        else
        {
            torch.manual_seed(Config.Seed);
        }
        var resumedAfter = state.Epochs.Count;

        using var trainData = DeviceFeatures.On(train, device);
        using var validationData = validation is null ? null : DeviceFeatures.On(validation, device);
        for (var epoch = state.Epochs.Count; epoch < Config.Epochs && !state.StoppedEarly; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var (trainLoss, trainAccuracy) = TrainEpoch(model, optimizer, trainData, epoch, cancellationToken);
            double? validationLoss = null, validationAccuracy = null;
            if (validationData is not null) (validationLoss, validationAccuracy) = Evaluate(model, validationData);
            var record = new EpochRecord(epoch + 1, trainLoss, trainAccuracy, validationLoss, validationAccuracy, clock.Elapsed.TotalSeconds);
            state.Add(record, Config, model);
            if (checkpointPath is not null) state.ToCheckpoint(fingerprint, model, optimizer).Write(checkpointPath);
            Log?.WriteLine(record.Format(Config.Epochs));
            Progress?.Report(record);
        }
        if (state.StoppedEarly) Log?.WriteLine($"early stopping: no improvement for {Config.EarlyStoppingPatience} epochs; best epoch {state.BestEpoch}");
        if (state.BestModelState is not null) ModelFiles.FromBytes(model, state.BestModelState);
        return new TrainingHistory(state.Epochs.ToArray(), state.BestEpoch, state.StoppedEarly, resumedAfter);
    }

    /// <summary>Mean cross-entropy and accuracy of <paramref name="model"/> on a labelled set (no gradients).</summary>
    public (double Loss, double Accuracy) Evaluate<TModel>(TModel model, FeatureSet data) where TModel : nn.Module, IFeatureClassifier
    {
        TorchRuntime.EnsureReady();
        CheckData(model, data, nameof(data));
        using var onDevice = DeviceFeatures.On(data, Prediction.DeviceOf(model));
        return Evaluate(model, onDevice);
    }

    private (double Loss, double Accuracy) TrainEpoch<TModel>(TModel model, OptimizerHelper optimizer, DeviceFeatures data, int epoch, CancellationToken cancellationToken)
        where TModel : nn.Module, IFeatureClassifier
    {
        model.train();
        var n = data.Count;
        using var permutation = torch.tensor(EpochShuffle.Permutation(n, Config.Seed, epoch), device: data.Image.device);
        double lossSum = 0;
        long correct = 0;
        for (var start = 0; start < n; start += Config.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var rows = Math.Min(Config.BatchSize, n - start);
            var index = permutation.narrow(0, start, rows);        // (b)
            var image = data.Image.index_select(0, index);         // (b, D_img)
            var text = data.Text?.index_select(0, index);          // (b, D_txt)
            var labels = data.Labels.index_select(0, index);       // (b)
            var logits = model.Logits(image, text);                // (b, C)
            var loss = nn.functional.cross_entropy(logits, labels);
            model.zero_grad(true); // set_to_none, as PyTorch's default: backward writes fresh gradients, no zeroing pass
            loss.backward();
            optimizer.step();
            lossSum += loss.item<float>() * (double)rows;
            correct += logits.argmax(1).eq_(labels).sum().item<long>();
        }
        return (lossSum / n, (double)correct / n);
    }

    private (double Loss, double Accuracy) Evaluate<TModel>(TModel model, DeviceFeatures data) where TModel : nn.Module, IFeatureClassifier
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            double lossSum = 0;
            long correct = 0;
            for (var start = 0; start < data.Count; start += Config.EvaluationBatchSize)
            {
                using var scope = torch.NewDisposeScope();
                var rows = Math.Min(Config.EvaluationBatchSize, data.Count - start);
                var image = data.Image.narrow(0, start, rows);              // (b, D_img)
                var text = data.Text?.narrow(0, start, rows);               // (b, D_txt)
                var labels = data.Labels.narrow(0, start, rows);            // (b)
                var logits = model.Logits(image, text);                     // (b, C)
                lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
                correct += logits.argmax(1).eq_(labels).sum().item<long>();
            }
            return (lossSum / data.Count, (double)correct / data.Count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private OptimizerHelper CreateOptimizer(nn.Module model) => Config.Optimizer switch
    {
        // PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no amsgrad.
        OptimizerKind.Adam => torch.optim.Adam(model.parameters(), Config.LearningRate, 0.9, 0.999, 1e-8, Config.WeightDecay),
        OptimizerKind.Sgd => torch.optim.SGD(model.parameters(), Config.LearningRate, Config.Momentum, 0, Config.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(Config), Config.Optimizer, "Unknown optimizer."),
    };

    private Device ResolveDevice()
    {
        if (Config.Device != ComputeDevice.Cuda) return torch.CPU;
        if (torch.cuda.is_available()) return torch.CUDA;
        Log?.WriteLine("CUDA was requested but TorchSharp sees no CUDA device; training on the CPU.");
        return torch.CPU;
    }

    /// <summary>Settings that must match for a checkpoint to be resumed (Epochs may grow; Threads/Device may change).</summary>
    private string Fingerprint<TModel>(TModel model, FeatureSet train) where TModel : nn.Module, IFeatureClassifier
    {
        var c = Config;
        var parameters = model.parameters().Sum(p => p.numel());
        return string.Create(CultureInfo.InvariantCulture,
            $"model={model.GetName()}:{parameters}:{model.ClassCount} rows={train.Count} optimizer={c.Optimizer} lr={c.LearningRate:R} wd={c.WeightDecay:R} momentum={c.Momentum:R} batch={c.BatchSize} seed={c.Seed} patience={c.EarlyStoppingPatience} monitor={c.Monitor}");
    }

    private static void CheckData(IFeatureClassifier model, FeatureSet data, string name)
    {
        if (data.Labels is null || data.LabelArray is null) throw new ArgumentException($"The {name} set has no labels.", name);
        if (data.ImageDim != model.ImageDim)
            throw new ArgumentException($"The {name} set's image rows have {data.ImageDim} values; the model reads {model.ImageDim}.", name);
        if (model.SampleTextDim is { } textDim && data.TextDim != textDim)
            throw new ArgumentException(data.TextDim is null
                ? $"The model fuses {textDim}-d text rows but the {name} set has no text."
                : $"The {name} set's text rows have {data.TextDim} values; the model reads {textDim}.", name);
        var labels = data.LabelArray;
        for (var i = 0; i < labels.Count; i++)
            if (labels[i] >= model.ClassCount)
                throw new ArgumentException($"The {name} set's label at row {i} is {labels[i]}; the model has {model.ClassCount} classes (0..{model.ClassCount - 1}).", name);
    }

    /// <summary>Progress of one run: history plus best-epoch and early-stopping bookkeeping.</summary>
    private sealed class RunState
    {
        public List<EpochRecord> Epochs { get; } = [];
        public int? BestEpoch { get; private set; }
        public double BestScore { get; private set; } = double.NegativeInfinity;
        public int EpochsWithoutImprovement { get; private set; }
        public bool StoppedEarly { get; private set; }
        public byte[]? BestModelState { get; private set; }

        public void Add(EpochRecord record, TrainingConfig config, nn.Module model)
        {
            Epochs.Add(record);
            if (record.ValidationAccuracy is not { } accuracy || record.ValidationLoss is not { } loss) return;
            var score = config.Monitor == MonitoredMetric.ValidationAccuracy ? accuracy : -loss; // higher is better
            if (score > BestScore)
            {
                BestScore = score;
                BestEpoch = record.Epoch;
                EpochsWithoutImprovement = 0;
                if (config.EarlyStoppingPatience is not null) BestModelState = ModelFiles.ToBytes(model);
            }
            else if (config.EarlyStoppingPatience is { } patience && ++EpochsWithoutImprovement >= patience)
            {
                StoppedEarly = true;
            }
        }

        public Checkpoint ToCheckpoint(string fingerprint, nn.Module model, OptimizerHelper optimizer)
        {
            using var rng = torch.get_rng_state();
            return new Checkpoint(fingerprint, Epochs.ToArray(), BestEpoch, BestScore, EpochsWithoutImprovement, StoppedEarly,
                                  rng.data<byte>().ToArray(), ModelFiles.ToBytes(model), ModelFiles.ToBytes(optimizer), BestModelState);
        }

        public void Resume(Checkpoint checkpoint, string fingerprint, string path, nn.Module model, OptimizerHelper optimizer)
        {
            if (checkpoint.Fingerprint != fingerprint)
                throw new InvalidDataException($"{path} was written by another run ({checkpoint.Fingerprint}); this run is ({fingerprint}). Delete it or use another checkpoint folder.");
            try
            {
                ModelFiles.FromBytes(model, checkpoint.ModelState);
                ModelFiles.FromBytes(optimizer, checkpoint.OptimizerState);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException)
            {
                throw new InvalidDataException($"{path} does not fit this model: {e.Message}", e);
            }
            using (var rng = torch.tensor(checkpoint.RngState))
                torch.set_rng_state(rng);
            Epochs.AddRange(checkpoint.Epochs);
            BestEpoch = checkpoint.BestEpoch;
            BestScore = checkpoint.BestScore;
            EpochsWithoutImprovement = checkpoint.EpochsWithoutImprovement;
            StoppedEarly = checkpoint.StoppedEarly;
            BestModelState = checkpoint.BestModelState;
        }
    }
}
