using System.Globalization;
using FusionKit.Embeddings;
using FusionKit.Experiments.Interaction.QuestionGeneration;
using FusionKit.Speech;
using FusionKit.Speech.Scoring;

namespace FusionKit.Experiments.Interaction;

/// <summary>Answer accuracy of typed and spoken questions on one fixed set, with the recogniser's word error rates.</summary>
/// <param name="Questions">The fixed set: generated test questions (seen phrasings) about test images.</param>
/// <param name="Speech">How each question was heard (<see cref="SpokenQuestionEvaluation"/>), with the grammar and the generic model.</param>
public sealed record SpokenAnswerCheck(IReadOnlyList<GeneratedQuestion> Questions, SpokenQuestionReport Speech,
                                       double TypedAccuracy, double GrammarAccuracy, double GenericAccuracy)
{
    /// <summary>
    /// Speaks the first <paramref name="count"/> seen-phrasing test questions of the answerer's profile (espeak-ng through
    /// <paramref name="synthesizer"/>), transcribes each with the answerer's grammar and with the generic language model,
    /// and answers the typed text and both transcripts about the same test image. A question heard as nothing counts
    /// as answered wrong.
    /// </summary>
    public static SpokenAnswerCheck Run(QuestionAnswerer answerer, ISpeechSynthesizer synthesizer, ISpeechTranscriber transcriber, int count, string workFolder,
                                        TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(answerer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var table = AttributeTable.LoadDefault();
        var generator = new QuestionGenerator(table, QuestionTemplates.LoadDefault(table));
        var (_, _, test) = FashionMnistEmbeddings.LoadSplits(answerer.Options.Profile, answerer.Options.Config.DataSeed);
        var (seen, _) = generator.GeneratePaired(test.Labels(), count, seed: 7);
        var report = new SpokenQuestionEvaluation(synthesizer, transcriber).Run(seen.Select(q => q.Text).ToArray(), answerer.Grammar(), workFolder, log, cancel);
        double Accuracy(Func<int, string> text) => seen.Select((q, i) =>
            text(i).Length > 0 && answerer.Ask(test.Samples[q.Image].Image, text(i)).Answer == q.Answer ? 1.0 : 0.0).Average();
        return new SpokenAnswerCheck(seen, report, Accuracy(i => seen[i].Text), Accuracy(i => report.Questions[i].Grammar.Transcript),
                                     Accuracy(i => report.Questions[i].Generic.Transcript));
    }

    /// <summary>The word error rates and the three accuracies, saying the questions and the audio are generated.</summary>
    public string ToText() => Speech.ToText() + string.Create(CultureInfo.InvariantCulture,
        $"Answer accuracy on these {Questions.Count} generated test questions: typed {TypedAccuracy:0.000}, spoken with the grammar {GrammarAccuracy:0.000}, spoken with the generic model {GenericAccuracy:0.000}.\n");
}
