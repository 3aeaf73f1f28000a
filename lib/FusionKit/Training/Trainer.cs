using System.Diagnostics;
using FusionKit.Models;
using FusionKit.Platform;
using FusionKit.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Training;

/// <summary>
/// The kit's one training loop. It minimises a batch loss given as a parameter (<see cref="IBatchLoss{TModel}"/>;
/// by default cross-entropy over the logits (B, C) of any <see cref="IFeatureClassifier"/>: the fused classifier,
/// the compatibility model) and serves the joint text-image space (contrastive loss) and DeViSE (hinge rank loss)
/// alike. Each epoch visits the rows in a fresh seeded order (<see cref="EpochShuffle"/>; a set with
/// <see cref="FeatureSet.Groups"/> is shuffled group by group), then validates (loss,
/// accuracy) when a validation set is given. The model ends with the last epoch's weights unless early stopping or
/// <see cref="TrainingConfig.RestoreBestWeights"/> restores the best validation epoch's (only then does the history
/// report a best epoch); optional
/// per-epoch checkpoints let an interrupted run resume and end exactly as an uninterrupted one would. Adam or SGD
/// come from <see cref="Optimizers"/>; the model and every batch live on the config's device
/// (<see cref="TrainingConfig.Device"/>, resolved by <see cref="ComputeDevices"/>).
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
    /// Trains a classifier in place with cross-entropy (<see cref="CrossEntropyBatchLoss"/>); see
    /// <see cref="Fit{TModel}(TModel, IBatchLoss{TModel}, FeatureSet, FeatureSet?, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Data that does not fit the model (the message names the set and row).</exception>
    /// <exception cref="InvalidDataException">A checkpoint that is unreadable or from another run.</exception>
    public TrainingHistory Fit<TModel>(TModel model, FeatureSet train, FeatureSet? validation = null, CancellationToken cancellationToken = default)
        where TModel : nn.Module, IFeatureClassifier =>
        Fit<TModel>(model, CrossEntropyBatchLoss.Instance, train, validation, cancellationToken);

    /// <summary>
    /// Trains <paramref name="model"/> in place by minimising <paramref name="loss"/>. With
    /// <see cref="TrainingConfig.CheckpointDirectory"/> set, a checkpoint found there is resumed (it must come from
    /// the same settings, loss, training data and model shape). Cancellation stops after the current batch and throws
    /// <see cref="OperationCanceledException"/>; the checkpoint of the last finished epoch stays, and the model holds
    /// the partly trained weights.
    /// </summary>
    /// <exception cref="ArgumentException">Data that does not fit the model or loss (the message names the set and row).</exception>
    /// <exception cref="InvalidDataException">A checkpoint that is unreadable or from another run.</exception>
    public TrainingHistory Fit<TModel>(TModel model, IBatchLoss<TModel> loss, FeatureSet train, FeatureSet? validation = null,
                                       CancellationToken cancellationToken = default)
        where TModel : nn.Module
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(train);
        TorchRuntime.EnsureReady();
        loss.CheckData(model, train, nameof(train));
        if (validation is not null) loss.CheckData(model, validation, nameof(validation));
        if (Config.EarlyStoppingPatience is not null && validation is null)
            throw new ArgumentException("Early stopping needs a validation set.", nameof(validation));
        if (Config.RestoreBestWeights && validation is null)
            throw new ArgumentException("RestoreBestWeights needs a validation set to choose the best epoch.", nameof(validation));
        if (Config.Threads is { } threads) torch.set_num_threads(threads);

        var device = ComputeDevices.Torch(Config.Device);
        model.to(device);
        using var optimizer = Optimizers.Create(model, Config);
        var checkpointPath = Config.CheckpointDirectory is { } dir ? Path.Combine(dir, CheckpointFileName) : null;
        var onCuda = device.type == DeviceType.CUDA;
        var fingerprint = checkpointPath is null ? "" : Fingerprint(model, loss, train);
        var state = new RunState();
        if (checkpointPath is not null && File.Exists(checkpointPath))
        {
            state.Resume(Checkpoint.Read(checkpointPath), fingerprint, checkpointPath, model, optimizer, onCuda, Log);
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
            if (onCuda) RandomGenerators.SeedCudaForEpoch(Config.Seed, epoch);
            var (trainLoss, trainAccuracy) = TrainEpoch(model, loss, optimizer, trainData, epoch, cancellationToken);
            double? validationLoss = null, validationAccuracy = null;
            if (validationData is not null) (validationLoss, validationAccuracy) = Evaluate(model, loss, validationData);
            var record = new EpochRecord(epoch + 1, trainLoss, trainAccuracy, validationLoss, validationAccuracy, clock.Elapsed.TotalSeconds);
            state.Add(record, Config, model);
            if (checkpointPath is not null) state.ToCheckpoint(fingerprint, model, optimizer, RandomGenerators.Capture(onCuda, Config.Seed, epoch + 1)).Write(checkpointPath);
            var note = loss.EpochNote(model);
            Log?.WriteLine(note is null ? record.Format(Config.Epochs) : $"{record.Format(Config.Epochs)}  {note}");
            Progress?.Report(record);
        }
        if (state.StoppedEarly) Log?.WriteLine($"early stopping: no improvement for {Config.EarlyStoppingPatience} epochs; best epoch {state.BestEpoch}");
        if (state.BestModelState is not null) ModelFiles.FromBytes(model, state.BestModelState);
        // A best epoch is reported only beside its own weights (see TrainingConfig.RestoreBestWeights).
        var bestEpoch = Config.KeepsBestWeights ? state.BestEpoch : null;
        return new TrainingHistory(state.Epochs.ToArray(), bestEpoch, state.StoppedEarly, resumedAfter);
    }

    /// <summary>Mean cross-entropy and accuracy of <paramref name="model"/> on a labelled set (no gradients).</summary>
    public (double Loss, double Accuracy) Evaluate<TModel>(TModel model, FeatureSet data) where TModel : nn.Module, IFeatureClassifier =>
        Evaluate<TModel>(model, CrossEntropyBatchLoss.Instance, data);

    /// <summary>Mean <paramref name="loss"/> and accuracy of <paramref name="model"/> on a set, in batches of
    /// <see cref="TrainingConfig.EvaluationBatchSize"/> rows taken in order (no gradients).</summary>
    public (double Loss, double Accuracy) Evaluate<TModel>(TModel model, IBatchLoss<TModel> loss, FeatureSet data) where TModel : nn.Module
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(data);
        TorchRuntime.EnsureReady();
        loss.CheckData(model, data, nameof(data));
        using var onDevice = DeviceFeatures.On(data, Prediction.DeviceOf(model));
        return Evaluate(model, loss, onDevice);
    }

    private (double Loss, double Accuracy) TrainEpoch<TModel>(TModel model, IBatchLoss<TModel> loss, OptimizerHelper optimizer, DeviceFeatures data,
                                                              int epoch, CancellationToken cancellationToken)
        where TModel : nn.Module
    {
        model.train();
        var n = data.Count;
        var order = data.Groups is { } groups ? EpochShuffle.Permutation(groups, Config.Seed, epoch) : EpochShuffle.Permutation(n, Config.Seed, epoch);
        using var permutation = torch.tensor(order, device: data.Image.device);
        double lossSum = 0;
        long correct = 0;
        for (var start = 0; start < n; start += Config.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var rows = Math.Min(Config.BatchSize, n - start);
            var batch = data.Select(permutation.narrow(0, start, rows), new ArraySegment<long>(order, start, rows));
            var outcome = loss.Compute(model, batch);
            model.zero_grad(true); // set_to_none, as PyTorch's default: backward writes fresh gradients, no zeroing pass
            outcome.Loss.backward();
            optimizer.step();
            loss.AfterStep(model);
            lossSum += outcome.Loss.item<float>() * (double)rows;
            correct += outcome.Correct.item<long>();
        }
        return (lossSum / n, (double)correct / n);
    }

    private (double Loss, double Accuracy) Evaluate<TModel>(TModel model, IBatchLoss<TModel> loss, DeviceFeatures data) where TModel : nn.Module
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
                var outcome = loss.Compute(model, data.Range(start, rows));
                lossSum += outcome.Loss.item<float>() * (double)rows;
                correct += outcome.Correct.item<long>();
            }
            return (lossSum / data.Count, (double)correct / data.Count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>
    /// What must match for a checkpoint to be resumed: model, loss, training data (row count and a hash of every
    /// value, <see cref="FeatureSet.ContentHash"/>) and settings; Epochs may grow, Threads and Device may change.
    /// "key=value" fields joined by "; ", so a mismatch can be named field by field.
    /// </summary>
    private string Fingerprint<TModel>(TModel model, IBatchLoss<TModel> loss, FeatureSet train) where TModel : nn.Module
    {
        var c = Config;
        var parameters = model.parameters().Sum(p => p.numel());
        static string F(FormattableString field) => FormattableString.Invariant(field);
        return string.Join("; ",
            F($"model={model.GetName()} with {parameters} parameters"), F($"loss={loss.Describe(model)}"),
            F($"rows={train.Count}"), F($"data={train.ContentHash()}"),
            F($"optimizer={c.Optimizer}"), F($"lr={c.LearningRate:R}"), F($"wd={c.WeightDecay:R}"), F($"momentum={c.Momentum:R}"), F($"batch={c.BatchSize}"),
            F($"seed={c.Seed}"), F($"patience={c.EarlyStoppingPatience}"), F($"restore-best={c.RestoreBestWeights}"), F($"monitor={c.Monitor}"));
    }

    /// <summary>Why a checkpoint's fingerprint differs from this run's, in words (the training data named first).</summary>
    internal static string Mismatch(string path, string written, string current)
    {
        static Dictionary<string, string> Fields(string fingerprint) => fingerprint.Split("; ")
            .Select(f => f.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "", StringComparer.Ordinal);
        var before = Fields(written);
        var now = Fields(current);
        if (before.TryGetValue("data", out var oldData) && now.TryGetValue("data", out var newData) && oldData != newData
            && before.GetValueOrDefault("rows") == now.GetValueOrDefault("rows"))
            return $"{path} was written for other training data: the same {now["rows"]} rows but different values (data hash {oldData[..12]}… there, " +
                   $"{newData[..12]}… now). Delete the checkpoint folder to train on this data from scratch, or give the run another checkpoint folder.";
        var differences = now.Keys.Union(before.Keys)
            .Where(k => before.GetValueOrDefault(k) != now.GetValueOrDefault(k))
            .Select(k => $"{k} {before.GetValueOrDefault(k) ?? "(none)"} there, {now.GetValueOrDefault(k) ?? "(none)"} now");
        return $"{path} was written by another run ({string.Join("; ", differences)}). Delete it or use another checkpoint folder.";
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
                if (config.KeepsBestWeights) BestModelState = ModelFiles.ToBytes(model);
            }
            else if (config.EarlyStoppingPatience is { } patience && ++EpochsWithoutImprovement >= patience)
            {
                StoppedEarly = true;
            }
        }

        public Checkpoint ToCheckpoint(string fingerprint, nn.Module model, OptimizerHelper optimizer, IReadOnlyList<GeneratorState> generators) =>
            new(fingerprint, Epochs.ToArray(), BestEpoch, BestScore, EpochsWithoutImprovement, StoppedEarly,
                generators, ModelFiles.ToBytes(model), ModelFiles.ToBytes(optimizer), BestModelState);

        public void Resume(Checkpoint checkpoint, string fingerprint, string path, nn.Module model, OptimizerHelper optimizer, bool onCuda, TextWriter? log)
        {
            if (checkpoint.Fingerprint != fingerprint) throw new InvalidDataException(Mismatch(path, checkpoint.Fingerprint, fingerprint));
            try
            {
                ModelFiles.FromBytes(model, checkpoint.ModelState);
                ModelFiles.FromBytes(optimizer, checkpoint.OptimizerState);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidDataException or EndOfStreamException)
            {
                throw new InvalidDataException($"{path} does not fit this model: {e.Message}", e);
            }
            RandomGenerators.Restore(checkpoint.Generators, onCuda, path, log);
            Epochs.AddRange(checkpoint.Epochs);
            BestEpoch = checkpoint.BestEpoch;
            BestScore = checkpoint.BestScore;
            EpochsWithoutImprovement = checkpoint.EpochsWithoutImprovement;
            StoppedEarly = checkpoint.StoppedEarly;
            BestModelState = checkpoint.BestModelState;
        }
    }
}
