using static TorchSharp.torch;

namespace FusionKit.Training;

/// <summary>What an <see cref="IBatchLoss{TModel}"/> computes for one batch.</summary>
/// <param name="Loss">The batch's mean loss, a scalar the trainer back-propagates.</param>
/// <param name="Correct">A scalar int64 count of rows the model gets right as the loss defines "right" (the true
/// class ranked first); the trainer reports it as the epoch's accuracy.</param>
public readonly record struct BatchOutcome(Tensor Loss, Tensor Correct);
