using FusionKit.Training.Gan;

namespace FusionKit.Experiments.Generation;

/// <summary>What <see cref="TextToImageTraining.Train"/> returns: the trained model, its curves and where its files are.</summary>
/// <param name="Model">The generator (and encoder) ready to draw.</param>
/// <param name="Options">The settings it was trained with.</param>
/// <param name="History">Every GAN epoch's record (resumed ones included).</param>
/// <param name="EncoderLosses">Mean loss of each epoch of the image-to-latent encoder (empty when none was trained).</param>
/// <param name="Folder">Its folder: model, checkpoint, per-epoch grids, history.csv.</param>
/// <param name="TrainingSeconds">Wall time of this call's training (GAN and encoder; 0 when the model was loaded).</param>
/// <param name="TrainingImages">Number of real training images.</param>
public sealed record TextToImageRun(TextToImageModel Model, GenerationOptions Options, IReadOnlyList<GanEpochRecord> History,
    IReadOnlyList<double> EncoderLosses, string Folder, double TrainingSeconds, int TrainingImages);
