using TorchSharp;
using TorchSharp.Modules;

namespace FusionKit.Training.Optimization;

/// <summary>The kit's one optimizer factory: the <see cref="TrainingConfig"/>'s optimizer over a module's parameters.</summary>
public static class Optimizers
{
    /// <summary>
    /// Adam with PyTorch's defaults (betas (0.9, 0.999), eps 1e-8, no amsgrad; <see cref="FusedAdam"/>) or SGD with the
    /// config's momentum; both with the config's learning rate and weight decay.
    /// </summary>
    /// <exception cref="ArgumentException">An optimizer kind the kit does not know.</exception>
    public static OptimizerHelper Create(torch.nn.Module model, TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        return config.Optimizer switch
        {
            OptimizerKind.Adam => Adam(model.parameters(), config.LearningRate, weightDecay: config.WeightDecay),
            OptimizerKind.Sgd => torch.optim.SGD(model.parameters(), config.LearningRate, config.Momentum, 0, config.WeightDecay),
            _ => throw new ArgumentException($"Optimizer {config.Optimizer} is not known; use {OptimizerKind.Adam} or {OptimizerKind.Sgd}.", nameof(config)),
        };
    }

    /// <summary>
    /// The kit's Adam (<see cref="FusedAdam"/>: torch's update, one pass per float32 CPU parameter) with PyTorch's
    /// defaults but for the arguments given; every trainer of the kit builds its Adam here.
    /// </summary>
    public static FusedAdam Adam(IEnumerable<Parameter> parameters, double learningRate, double beta1 = 0.9, double weightDecay = 0) =>
        new(parameters, learningRate, beta1, 0.999, 1e-8, weightDecay);
}
