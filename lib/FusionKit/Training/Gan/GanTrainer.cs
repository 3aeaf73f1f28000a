using System.Diagnostics;
using System.Globalization;
using FusionKit.Models.Generation;
using FusionKit.Platform;
using FusionKit.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Training.Gan;

/// <summary>
/// Trains a <see cref="ConditionalGenerator"/> against a <see cref="MatchingAwareDiscriminator"/> (Reed et al.
/// 2016, Algorithm 1): per batch, D steps on real-matched, real-mismatched (GAN-CLS) and generated pairs, then G
/// steps on fooling D, plus on interpolated conditions (GAN-INT) and, for conditional GANs, the mode-seeking
/// regulariser (Mao et al. 2019) that keeps G's drawings of one condition apart across noise vectors. Rows are visited in a seeded order per epoch
/// (<see cref="EpochShuffle"/>); noise, mismatches and interpolation partners come from torch's CPU generator,
/// whose state the per-epoch checkpoint keeps, so a run resumed after an interruption ends with exactly the
/// weights of an uninterrupted one, on any device.
/// </summary>
public sealed class GanTrainer
{
    /// <summary>File name of the checkpoint inside <see cref="GanTrainingConfig.CheckpointDirectory"/>.</summary>
    public const string CheckpointFileName = "gan-checkpoint.fkc";

    public GanTrainer(GanTrainingConfig? config = null)
    {
        Config = config ?? new GanTrainingConfig();
        Config.Validate();
    }

    public GanTrainingConfig Config { get; }

    /// <summary>Progress lines (one per epoch, plus resume/device notes); null = silent.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Called after each finished (and checkpointed) epoch with its record and the generator, e.g. to render a
    /// fixed grid. It must not draw from torch's global generator (that would change the rest of the run).</summary>
    public Action<GanEpochRecord, ConditionalGenerator>? EpochFinished { get; init; }

    /// <summary>The device <see cref="GanTrainingConfig.Device"/> resolves to here.</summary>
    /// <exception cref="ComputeDeviceUnavailableException">CUDA asked for where TorchSharp sees none.</exception>
    public Device ResolveDevice() => ComputeDevices.Torch(Config.Device);

    /// <summary>
    /// Trains both networks in place on <paramref name="data"/>. A checkpoint found in
    /// <see cref="GanTrainingConfig.CheckpointDirectory"/> is resumed (same settings, data size and network sizes;
    /// Epochs may grow); a fresh run first fits both networks' condition standardisation to the training conditions
    /// (<see cref="ConditionalGenerator.FitConditionStatistics"/>). Cancellation stops before the next batch and throws <see cref="OperationCanceledException"/>;
    /// the checkpoint of the last finished epoch stays.
    /// </summary>
    /// <returns>Every epoch's record, resumed ones included.</returns>
    /// <exception cref="ArgumentException">The networks do not fit the data (condition width, conditional or not).</exception>
    /// <exception cref="InvalidDataException">A checkpoint that is unreadable or from another run.</exception>
    public IReadOnlyList<GanEpochRecord> Fit(ConditionalGenerator generator, MatchingAwareDiscriminator discriminator, GanTrainingSet data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(discriminator);
        ArgumentNullException.ThrowIfNull(data);
        TorchRuntime.EnsureReady();
        if (generator.Architecture != discriminator.Architecture)
            throw new ArgumentException("The generator and the discriminator were built with different architectures.", nameof(discriminator));
        if (generator.Architecture.ConditionDim != data.ConditionDim)
            throw new ArgumentException($"The networks read {generator.Architecture.ConditionDim}-d conditions; the training set has {data.ConditionDim}-d ones.", nameof(data));
        if (generator.Architecture.AuxiliaryClasses > 0 && (!generator.Architecture.IsConditional || generator.Architecture.AuxiliaryClasses != data.ClassCount))
            throw new ArgumentException($"D's class head tells {generator.Architecture.AuxiliaryClasses} classes apart; it needs a conditional GAN and the training set's {data.ClassCount} classes.", nameof(data));
        if (Config.Threads is { } threads) torch.set_num_threads(threads);

        var device = ResolveDevice();
        generator.to(device);
        discriminator.to(device);
        using var gOptimizer = Optimizers.Adam(generator.parameters(), Config.LearningRate, Config.Beta1);
        using var dOptimizer = Optimizers.Adam(discriminator.parameters(), Config.LearningRate, Config.Beta1);
        var checkpointPath = Config.CheckpointDirectory is { } dir ? Path.Combine(dir, CheckpointFileName) : null;
        var fingerprint = Fingerprint(generator, discriminator, data);
        var epochs = new List<GanEpochRecord>();
        if (checkpointPath is not null && File.Exists(checkpointPath))
        {
            epochs.AddRange(Resume(GanCheckpoint.Read(checkpointPath), fingerprint, checkpointPath, generator, discriminator, gOptimizer, dOptimizer));
            Log?.WriteLine($"resumed from {checkpointPath} after epoch {epochs.Count}");
        }
        else
        {
            torch.manual_seed(Config.Seed);
            if (data.Conditions is not null)
            {
                // Both networks standardise conditions with the training table's statistics (saved with their weights).
                generator.FitConditionStatistics(data.Conditions);
                discriminator.FitConditionStatistics(data.Conditions);
            }
        }
        if (epochs.Count < Config.Epochs)
            Log?.WriteLine($"training the GAN on {data.Count:N0} images ({device.type.ToString().ToLowerInvariant()}), {Config.Epochs} epochs of {(data.Count + Config.BatchSize - 1) / Config.BatchSize} steps");

        using var images = data.Images.to(device);                                  // (N, 1, 28, 28)
        using var conditions = data.Conditions?.to(device);                         // (K, D_c)
        for (var epoch = epochs.Count; epoch < Config.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var (dLoss, gLoss, real, fake) = TrainEpoch(generator, discriminator, gOptimizer, dOptimizer, data, images, conditions, epoch, device, cancellationToken);
            var record = new GanEpochRecord(epoch + 1, dLoss, gLoss, real, fake, clock.Elapsed.TotalSeconds);
            epochs.Add(record);
            if (checkpointPath is not null)
            {
                using var rng = torch.get_rng_state();
                new GanCheckpoint(fingerprint, epochs.ToArray(), rng.data<byte>().ToArray(), ModelFiles.ToBytes(generator), ModelFiles.ToBytes(discriminator),
                                  ModelFiles.ToBytes(gOptimizer), ModelFiles.ToBytes(dOptimizer)).Write(checkpointPath);
            }
            Log?.WriteLine(record.Format(Config.Epochs));
            EpochFinished?.Invoke(record, generator);
            generator.train();
            discriminator.train();
        }
        return epochs;
    }

    private (double D, double G, double Real, double Fake) TrainEpoch(ConditionalGenerator generator, MatchingAwareDiscriminator discriminator,
        OptimizerHelper gOptimizer, OptimizerHelper dOptimizer, GanTrainingSet data, Tensor images, Tensor? conditions, int epoch, Device device,
        CancellationToken cancellationToken)
    {
        generator.train();
        discriminator.train();
        var n = data.Count;
        var latent = generator.Architecture.LatentDim;
        var useMismatch = conditions is not null && Config.MismatchedConditions && data.ClassCount > 1;
        var perClassConditions = data.ClassConditions is null ? 0 : (int)data.ClassConditions.shape[1];
        var useInterpolation = conditions is not null && Config.InterpolatedConditions && (!Config.InterpolateWithinClass || perClassConditions > 1);
        var modeSeeking = conditions is not null && Config.ModeSeekingWeight > 0;
        var classified = discriminator.Architecture.AuxiliaryClasses > 0 && Config.AuxiliaryClassifierWeight > 0;
        var noise = conditions is not null && Config.ConditionNoise > 0 ? Config.ConditionNoise * ConditionProjection.Spread(conditions) : 0;
        Tensor? Noisy(Tensor? condition) => condition is null || noise == 0 ? condition : condition + noise * torch.randn_like(condition); // (b, D_c)
        using var order = torch.tensor(EpochShuffle.Permutation(n, Config.Seed, epoch));        // (N)
        double dSum = 0, gSum = 0, realSum = 0, fakeSum = 0;
        var steps = 0;
        for (var start = 0; start + 1 < n; start += Config.BatchSize)   // a last batch of one row is skipped: batch norm needs two
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var rows = Math.Min(Config.BatchSize, n - start);
            var index = order.narrow(0, start, rows);                                             // (b) on the CPU
            var x = images.index_select(0, index.to(device));                                     // (b, 1, 28, 28)
            var classes = data.Labels.index_select(0, index);                                     // (b) on the CPU
            Tensor? c = null, wrong = null, mixed = null;
            if (conditions is not null)
            {
                var row = data.ImageCondition!.index_select(0, index);                            // (b)
                c = conditions.index_select(0, row.to(device));                                   // (b, D_c)
                if (useMismatch)
                {
                    // another class, uniformly (offset 1..C-1), and one of its condition rows, uniformly
                    var offset = torch.randint(1, data.ClassCount, [rows], dtype: ScalarType.Int64);
                    var other = (classes + offset).remainder(data.ClassCount);                    // (b)
                    var perClass = data.ClassConditions!.shape[1];
                    var pick = torch.randint(0, perClass, [rows], dtype: ScalarType.Int64);
                    var wrongRow = data.ClassConditions.index_select(0, other).gather(1, pick.unsqueeze(1)).squeeze(1); // (b)
                    wrong = conditions.index_select(0, wrongRow.to(device));                      // (b, D_c)
                }
            }
            var z = torch.randn(rows, latent).to(device);                                         // (b, L)
            Tensor? zMixed = null;
            if (useInterpolation)
            {
                var beta = Config.InterpolationWeight;
                if (Config.InterpolateWithinClass)
                {
                    // a caption of the same class, uniformly (possibly the image's own)
                    var pick = torch.randint(0, perClassConditions, [rows], dtype: ScalarType.Int64);
                    var partnerRow = data.ClassConditions!.index_select(0, classes).gather(1, pick.unsqueeze(1)).squeeze(1); // (b)
                    mixed = beta * c! + (1 - beta) * conditions!.index_select(0, partnerRow.to(device)); // (b, D_c)
                }
                else
                {
                    var partner = torch.randperm(rows).to(device);                                // (b)
                    mixed = beta * c! + (1 - beta) * c!.index_select(0, partner);                 // (b, D_c)
                }
                zMixed = torch.randn(rows, latent).to(device);                                    // (b, L)
            }

            c = Noisy(c);
            wrong = Noisy(wrong);
            mixed = Noisy(mixed);

            // D step: real-matched as real; real-mismatched and generated as fake; (class head) the real images' classes.
            var fake = generator.call(z, c);                                                      // (b, 1, 28, 28)
            var (realLogits, realClasses) = discriminator.ScoreAndClassify(x, c);                 // (b), (b, C)
            var wrongLogits = wrong is null ? null : discriminator.call(x, wrong);                // (b)
            var fakeLogits = discriminator.call(fake.detach(), c);                                // (b)
            var dLoss = MatchingAwareLoss.Discriminator(realLogits, wrongLogits, fakeLogits, (float)Config.RealTarget);
            var y = classified ? classes.to(device) : null;                                       // (b)
            if (classified) dLoss = dLoss + Config.AuxiliaryClassifierWeight * nn.functional.cross_entropy(realClasses!, y!);
            discriminator.zero_grad(true);
            dLoss.backward();
            dOptimizer.step();

            // G step: fool D with its own text, and (GAN-INT) with interpolated text; (mode seeking) draw the same
            // conditions from a second noise batch and keep the drawings apart.
            // (class head) G's drawings are to be named as their condition's class; interpolated conditions between
            // phrasings of one class keep it, those across the batch have none.
            var (fooled, fakeClasses) = discriminator.ScoreAndClassify(fake, c);                  // (b), (b, C)
            var gLoss = MatchingAwareLoss.Generator(fooled);
            if (classified) gLoss = gLoss + Config.AuxiliaryClassifierWeight * nn.functional.cross_entropy(fakeClasses!, y!);
            if (mixed is not null)
            {
                var (mixedLogits, mixedClasses) = discriminator.ScoreAndClassify(generator.call(zMixed!, mixed), mixed); // (b), (b, C)
                gLoss = gLoss + MatchingAwareLoss.Generator(mixedLogits);
                if (classified && Config.InterpolateWithinClass) gLoss = gLoss + Config.AuxiliaryClassifierWeight * nn.functional.cross_entropy(mixedClasses!, y!);
            }
            if (modeSeeking)
            {
                var zOther = torch.randn(rows, latent).to(device);                                 // (b, L)
                var other = generator.call(zOther, c);                                             // (b, 1, 28, 28)
                gLoss = gLoss + Config.ModeSeekingWeight * MatchingAwareLoss.ModeSeeking(fake, other, z, zOther);
            }
            generator.zero_grad(true);
            gLoss.backward();
            gOptimizer.step();

            dSum += dLoss.item<float>();
            gSum += gLoss.item<float>();
            realSum += torch.sigmoid(realLogits).mean().item<float>();
            fakeSum += torch.sigmoid(fakeLogits).mean().item<float>();
            steps++;
        }
        steps = Math.Max(steps, 1);
        return (dSum / steps, gSum / steps, realSum / steps, fakeSum / steps);
    }

    private string Fingerprint(ConditionalGenerator generator, MatchingAwareDiscriminator discriminator, GanTrainingSet data)
    {
        var c = Config;
        var g = generator.parameters().Sum(p => p.numel());
        var d = discriminator.parameters().Sum(p => p.numel());
        return string.Create(CultureInfo.InvariantCulture,
            $"gan {generator.Architecture} G={g} D={d} rows={data.Count} classes={data.ClassCount} conditions={data.Conditions?.shape[0] ?? 0} batch={c.BatchSize} lr={c.LearningRate:R} beta1={c.Beta1:R} seed={c.Seed} real={c.RealTarget:R} cls={c.MismatchedConditions} int={c.InterpolatedConditions}:{c.InterpolationWeight:R}{(c.InterpolateWithinClass ? ":within-class" : "")} ms={c.ModeSeekingWeight:R}{(c.ConditionNoise > 0 ? $" noise={c.ConditionNoise:R}" : "")}{(discriminator.Architecture.AuxiliaryClasses > 0 ? $" aux={c.AuxiliaryClassifierWeight:R}" : "")}");
    }

    private static IReadOnlyList<GanEpochRecord> Resume(GanCheckpoint checkpoint, string fingerprint, string path, ConditionalGenerator generator,
        MatchingAwareDiscriminator discriminator, OptimizerHelper gOptimizer, OptimizerHelper dOptimizer)
    {
        if (checkpoint.Fingerprint != fingerprint)
            throw new InvalidDataException($"{path} was written by another run ({checkpoint.Fingerprint}); this run is ({fingerprint}). Delete it or use another checkpoint folder.");
        try
        {
            ModelFiles.FromBytes(generator, checkpoint.GeneratorState);
            ModelFiles.FromBytes(discriminator, checkpoint.DiscriminatorState);
            ModelFiles.FromBytes(gOptimizer, checkpoint.GeneratorOptimizerState);
            ModelFiles.FromBytes(dOptimizer, checkpoint.DiscriminatorOptimizerState);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException($"{path} does not fit these networks: {e.Message}", e);
        }
        using (var rng = torch.tensor(checkpoint.RngState))
            torch.set_rng_state(rng);
        return checkpoint.Epochs;
    }
}
