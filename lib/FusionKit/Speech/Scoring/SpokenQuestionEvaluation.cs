using FusionKit.Caching;

namespace FusionKit.Speech.Scoring;

/// <summary>
/// Measures how well spoken questions are heard: each question is synthesised to a WAV file, then transcribed
/// twice, restricted to a <see cref="SpeechGrammar"/> and with the recogniser's generic language model, and
/// compared with its text by <see cref="WordErrorRate"/>. A decoding that hears no words counts as deleting
/// every word of the question (its message is kept). The audio is synthetic, and the report says so.
/// <para>Synthesised files are kept in the work folder and reused when present, so an interrupted run resumes
/// without synthesising again; decoding is always redone (it is what is measured).</para>
/// </summary>
public sealed class SpokenQuestionEvaluation(ISpeechSynthesizer synthesizer, ISpeechTranscriber transcriber)
{
    /// <summary>Speaks and transcribes every question in <paramref name="questions"/>.</summary>
    /// <param name="questions">Reference texts (at least one).</param>
    /// <param name="grammar">The grammar for the restricted decoding (usually built from the same phrasing templates).</param>
    /// <param name="workFolder">Where the synthesised WAV files go (created; files named question-NN.wav).</param>
    /// <param name="progress">Progress lines, or null for none.</param>
    /// <param name="cancellationToken">Stops between and inside decodings.</param>
    /// <exception cref="SpeechException">A tool is missing or failed (other than hearing nothing).</exception>
    public SpokenQuestionReport Run(IReadOnlyList<string> questions, SpeechGrammar grammar, string workFolder,
        TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(grammar);
        ArgumentException.ThrowIfNullOrWhiteSpace(workFolder);
        if (questions.Count == 0) throw new ArgumentException("The evaluation needs at least one question.", nameof(questions));
        Directory.CreateDirectory(workFolder);
        var log = new ProgressLog(progress ?? TextWriter.Null, "spoken questions", questions.Count, "questions");
        var results = new List<SpokenQuestionResult>(questions.Count);
        for (var i = 0; i < questions.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wav = Path.Combine(workFolder, $"question-{i + 1:D2}.wav");
            var question = questions[i];
            if (!File.Exists(wav)) synthesizer.Synthesize(question, wav, cancellationToken);
            var audioSeconds = WavFile.Read(wav).Duration.TotalSeconds;
            results.Add(new SpokenQuestionResult(question, audioSeconds,
                Decode(question, wav, grammar, cancellationToken),
                Decode(question, wav, null, cancellationToken)));
            log.Report(i + 1);
        }

        return new SpokenQuestionReport(synthesizer.Description, results);
    }

    private DecodeOutcome Decode(string question, string wav, SpeechGrammar? grammar, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var transcript = transcriber.Transcribe(wav, grammar, cancellationToken);
            return new DecodeOutcome(SpokenWords.Normalize(transcript.Text), WordErrorRate.Count(question, transcript.Text), transcript.ElapsedSeconds, null);
        }
        catch (SpeechException e) when (e.Kind == SpeechErrorKind.NoSpeech)
        {
            return new DecodeOutcome("", WordErrorRate.Count(question, ""), clock.Elapsed.TotalSeconds, e.Message);
        }
    }
}
