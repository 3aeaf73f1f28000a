using TorchSharp;
using TorchSharp.Modules;

namespace FusionKit.Training;

/// <summary>The kit's one optimizer factory: the <see cref="TrainingConfig"/>'s optimizer over a module's parameters.</summary>
public static class Optimizers
{
    /// <summary>
    /// Adam with PyTorch's defaults (betas (0.9, 0.999), eps 1e-8, no amsgrad) or SGD with the config's momentum;
    /// both with the config's learning rate and weight decay.
    /// </summary>
    /// <exception cref="ArgumentException">An optimizer kind the kit does not know.</exception>
    public static OptimizerHelper Create(torch.nn.Module model, TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        return config.Optimizer switch
        {
            OptimizerKind.Adam => torch.optim.Adam(model.parameters(), config.LearningRate, 0.9, 0.999, 1e-8, config.WeightDecay),
            OptimizerKind.Sgd => torch.optim.SGD(model.parameters(), config.LearningRate, config.Momentum, 0, config.WeightDecay),
            _ => throw new ArgumentException($"Optimizer {config.Optimizer} is not known; use {OptimizerKind.Adam} or {OptimizerKind.Sgd}.", nameof(config)),
        };
    }
}
