using FusionKit.Experiments.CaseStudy;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Experiments.Retrieval;
using FusionKit.Experiments.ZeroShot;

namespace FusionKit.Runs;

/// <summary>A part of the main job (<c>fusionkit case-study</c>) and of its report.</summary>
public enum RunSection
{
    /// <summary>The paper's case study, its leakage audit and the honest compatibility model (<see cref="CaseStudyExperiment"/>).</summary>
    CaseStudy,

    /// <summary>Every fusion method and baseline at two side-text reliabilities (<see cref="FusionSweep"/>).</summary>
    Fusion,

    /// <summary>Retrieval by predicted class and text&lt;-&gt;image retrieval in a joint space (<see cref="RetrievalExperiment"/>).</summary>
    Retrieval,

    /// <summary>Classes held out of training, predicted from label text (<see cref="ZeroShotExperiment"/>).</summary>
    ZeroShot,

    /// <summary>Generated questions about images answered by fusion models and baselines (<see cref="FusionKit.Experiments.Interaction.InteractionExperiment"/>).</summary>
    Interaction,

    /// <summary>Images drawn from text by a text-conditioned GAN and its baselines, judged (<see cref="FusionKit.Experiments.Generation.GenerationSection"/>).</summary>
    Generation,
}
