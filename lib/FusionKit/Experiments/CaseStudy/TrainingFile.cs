using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FusionKit.Training;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>One trained model's saved outcome: its training history and the test confusion matrix of each variant it serves.</summary>
internal sealed record TrainingFile(
    string Fingerprint,
    CaseStudyModelKind Model,
    string? TextEncoder,
    int Seed,
    double TrainSeconds,
    IReadOnlyList<EpochRecord> Epochs,
    int? BestEpoch,
    bool StoppedEarly,
    IReadOnlyList<EvaluationFile> Evaluations)
{
    /// <summary>True for a paper model: its validation read the true label's text, so <see cref="Epochs"/> is leaked.</summary>
    public bool Leaked => Model == CaseStudyModelKind.Paper;

    public TrainingHistory History() => new(Epochs, BestEpoch, StoppedEarly, ResumedAfterEpoch: 0);
}
