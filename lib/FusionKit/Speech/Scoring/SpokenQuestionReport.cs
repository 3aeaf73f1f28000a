using System.Globalization;
using System.Text;
using FusionKit.Data;
using Microsoft.Data.Analysis;

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
    /// One row per question: the question, <c>speech</c> (the synthetic voice, on every row), its audio length in
    /// seconds, and for each decoder (<c>grammar_</c>, <c>generic_</c>) the transcript, substitutions, deletions,
    /// insertions and seconds; seconds rounded to milliseconds.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("question", Questions.Select(q => q.Question)),
            new StringDataFrameColumn("speech", Questions.Select(_ => Voice)),
            new DoubleDataFrameColumn("audio_seconds", Questions.Select(q => Math.Round(q.AudioSeconds, 3))));
        foreach (var (prefix, decoding) in new (string, Func<SpokenQuestionResult, DecodeOutcome>)[] { ("grammar", q => q.Grammar), ("generic", q => q.Generic) })
        {
            frame.Columns.Add(new StringDataFrameColumn($"{prefix}_transcript", Questions.Select(q => decoding(q).Transcript)));
            frame.Columns.Add(new Int32DataFrameColumn($"{prefix}_substitutions", Questions.Select(q => decoding(q).Errors.Substitutions)));
            frame.Columns.Add(new Int32DataFrameColumn($"{prefix}_deletions", Questions.Select(q => decoding(q).Errors.Deletions)));
            frame.Columns.Add(new Int32DataFrameColumn($"{prefix}_insertions", Questions.Select(q => decoding(q).Errors.Insertions)));
            frame.Columns.Add(new DoubleDataFrameColumn($"{prefix}_seconds", Questions.Select(q => Math.Round(decoding(q).Seconds, 3))));
        }
        return frame;
    }

    /// <summary><see cref="ToDataFrame"/> as CSV, written by the kit's one table writer (<see cref="TableCsv"/>).</summary>
    public string ToCsv() => TableCsv.ToCsv(ToDataFrame());

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> atomically.</summary>
    public void WriteCsv(string path) => AtomicFile.WriteAllText(path, ToCsv());
}
