namespace FusionKit.Models.Fusion;

/// <summary>
/// A fusion method whose output already is class logits (B, <see cref="ClassCount"/>), e.g.
/// <see cref="LateFusion"/>: it carries its own classifiers, so <see cref="FusionClassifier"/> adds no head on top.
/// </summary>
public interface ILogitFusion
{
    /// <summary>C, the number of logits the fusion returns (its <see cref="FusionModule.OutputDim"/>).</summary>
    int ClassCount { get; }
}
