namespace FusionKit.Training;

/// <summary>Optimizer used by the <see cref="Trainer"/>.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba 2015), betas (0.9, 0.999), eps 1e-8: the paper's choice.</summary>
    Adam,

    /// <summary>Stochastic gradient descent with momentum <see cref="TrainingConfig.Momentum"/>.</summary>
    Sgd,
}
