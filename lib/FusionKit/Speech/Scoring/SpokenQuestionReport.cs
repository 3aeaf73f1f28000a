using System.Globalization;
using System.Text;
using FusionKit.Data;

namespace FusionKit.Speech.Scoring;

/// <summary>
/// Word error rates of spoken questions decoded with a grammar and with the generic language model, per
/// question and in total (corpus WER: Σ(S+D+I) / ΣN over the questions). The speech is synthetic
/// (<see cref="Voice"/>), and every output says so.
/// </summary>
/// <param name="Voice">The synthesiser's description, e.g. "espeak-ng voice en-us, 175 words/min (synthetic speech)".</param>
/// <param name="Questions">One result per question, in the order given.</param>
public sealed record SpokenQuestionReport(string Voice, IReadOnlyList<SpokenQuestionResult> Questions)
{
    /// <summary>Corpus word errors with the grammar.</summary>
    public WordErrors GrammarErrors => Questions.Aggregate(WordErrors.None, (t, q) => t + q.Grammar.Errors);

    /// <summary>Corpus word errors with the generic language model.</summary>
    public WordErrors GenericErrors => Questions.Aggregate(WordErrors.None, (t, q) => t + q.Generic.Errors);

    /// <summary>Fraction of questions transcribed exactly with the grammar.</summary>
    public double GrammarExactFraction => Questions.Count == 0 ? 0 : Questions.Count(q => q.Grammar.IsExact) / (double)Questions.Count;

    /// <summary>Fraction of questions transcribed exactly with the generic model.</summary>
    public double GenericExactFraction => Questions.Count == 0 ? 0 : Questions.Count(q => q.Generic.IsExact) / (double)Questions.Count;

    /// <summary>Mean wall-clock seconds per question with the grammar.</summary>
    public double GrammarSecondsPerQuestion => Questions.Count == 0 ? 0 : Questions.Average(q => q.Grammar.Seconds);

    /// <summary>Mean wall-clock seconds per question with the generic model.</summary>
    public double GenericSecondsPerQuestion => Questions.Count == 0 ? 0 : Questions.Average(q => q.Generic.Seconds);

    /// <summary>A plain-text summary and one line per question, headed by the note that the speech is synthetic.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Spoken questions: {Questions.Count}, {Voice}: generated audio, not recordings of people.\n");
        text.Append(CultureInfo.InvariantCulture,
            $"grammar: WER {GrammarErrors.Rate:P1} ({GrammarErrors.Errors}/{GrammarErrors.ReferenceWords} words), exact {GrammarExactFraction:P0}, {GrammarSecondsPerQuestion:0.00} s/question\n");
        text.Append(CultureInfo.InvariantCulture,
            $"generic: WER {GenericErrors.Rate:P1} ({GenericErrors.Errors}/{GenericErrors.ReferenceWords} words), exact {GenericExactFraction:P0}, {GenericSecondsPerQuestion:0.00} s/question\n");
        foreach (var q in Questions)
            text.Append(CultureInfo.InvariantCulture, $"  \"{q.Question}\" -> grammar \"{q.Grammar.Transcript}\" | generic \"{q.Generic.Transcript}\"\n");
        return text.ToString();
    }

    /// <summary>
    /// CSV (RFC 4180, header row) with one row per question: the question, its audio length, and for each decoder
    /// the transcript, S, D, I and seconds; the column <c>speech</c> names the synthetic voice on every row.
    /// </summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("question,speech,audio_seconds,grammar_transcript,grammar_substitutions,grammar_deletions,grammar_insertions,grammar_seconds," +
                                    "generic_transcript,generic_substitutions,generic_deletions,generic_insertions,generic_seconds\n");
        foreach (var q in Questions)
        {
            csv.Append(CsvField.Quote(q.Question)).Append(',').Append(CsvField.Quote(Voice)).Append(',')
               .Append(q.AudioSeconds.ToString("0.###", CultureInfo.InvariantCulture));
            foreach (var d in new[] { q.Grammar, q.Generic })
                csv.Append(',').Append(CsvField.Quote(d.Transcript)).Append(CultureInfo.InvariantCulture,
                    $",{d.Errors.Substitutions},{d.Errors.Deletions},{d.Errors.Insertions},{d.Seconds.ToString("0.###", CultureInfo.InvariantCulture)}");
            csv.Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> atomically.</summary>
    public void WriteCsv(string path) => AtomicFile.WriteAllText(path, ToCsv());
}
