using FusionKit.Speech;
using FusionKit.Speech.Scoring;
using Xunit.Abstractions;

namespace FusionKit.Tests.Speech.Scoring;

public class SpokenQuestionEvaluationTests(ITestOutputHelper output)
{
    /// <summary>
    /// Twenty question phrasings made up for this test in the style of the interaction task's templates (what is
    /// it, yes/no on the class, yes/no on an attribute, attribute value); the grammar is built from the same list.
    /// </summary>
    internal static readonly string[] Phrasings =
    [
        "would I wear this on my feet?", "is this a bag?", "what is this?", "where is this worn?",
        "is this a shoe?", "is this something you wear on your feet?", "could I put this on my feet?", "is this footwear?",
        "does this have sleeves?", "would this keep me warm?", "do I carry this?", "is this a dress?",
        "is this a coat?", "is this a shirt?", "what kind of clothing is this?", "where would I wear this?",
        "is this a sandal?", "is this worn on the body?", "is it a sneaker?", "would I wear this in the summer?",
    ];

    [Fact]
    public void Run_CountsWordErrorsPerDecoderAndTreatsNoSpeechAsDeletions()
    {
        using var temp = new TempFolder();
        // Scripted decoders: the grammar hears every question right except "what is this" (nothing heard); the
        // generic model hears "is this a big" for "is this a bag" and the rest right.
        var speaker = new ToneSynthesizer();
        var transcriber = new ScriptedTranscriber(speaker,
            grammar: q => q == "what is this" ? null : q,
            generic: q => q == "is this a bag" ? "is this a big" : q);
        var report = new SpokenQuestionEvaluation(speaker, transcriber)
            .Run(["Is this a bag?", "what is this", "where is this worn"], SpeechGrammar.FromPhrases(Phrasings), temp.Path);

        // Grammar: 3 deletions in 4 + 3 + 4 = 11 words; generic: 1 substitution in 11 (hand-counted).
        Assert.Equal(new WordErrors(0, 3, 0, 11), report.GrammarErrors);
        Assert.Equal(new WordErrors(1, 0, 0, 11), report.GenericErrors);
        Assert.Equal(2.0 / 3, report.GrammarExactFraction, 12);
        Assert.Equal(2.0 / 3, report.GenericExactFraction, 12);
        Assert.StartsWith("No speech heard in", report.Questions[1].Grammar.Failure);
        Assert.Equal("", report.Questions[1].Grammar.Transcript);
        Assert.Equal(0.5, report.Questions[0].AudioSeconds, 6);
        Assert.True(File.Exists(Path.Combine(temp.Path, "question-03.wav")));

        Assert.StartsWith("Spoken questions: 3, test tone (synthetic speech): generated audio, not recordings of people.\n", report.ToText());
        var csv = report.ToCsv().Split('\n');
        Assert.Equal("question,speech,audio_seconds,grammar_transcript,grammar_substitutions,grammar_deletions,grammar_insertions,grammar_seconds," +
                     "generic_transcript,generic_substitutions,generic_deletions,generic_insertions,generic_seconds", csv[0]);
        Assert.StartsWith("Is this a bag?,test tone (synthetic speech),0.5,is this a bag,0,0,0,", csv[1]);
        Assert.Contains(",is this a big,1,0,0,", csv[1]);
        Assert.StartsWith("what is this,test tone (synthetic speech),0.5,,0,3,0,", csv[2]);
    }

    [Fact]
    public void Run_ReusesSynthesisedFilesWhenResumed()
    {
        using var temp = new TempFolder();
        var synthesizer = new ToneSynthesizer();
        var evaluation = new SpokenQuestionEvaluation(synthesizer, new ScriptedTranscriber(synthesizer, q => q, q => q));
        evaluation.Run(["is this a bag", "what is this"], SpeechGrammar.FromPhrases(Phrasings), temp.Path);
        evaluation.Run(["is this a bag", "what is this"], SpeechGrammar.FromPhrases(Phrasings), temp.Path);
        Assert.Equal(2, synthesizer.Calls);
    }

    [SystemToolFact("pocketsphinx_continuous", "espeak-ng")]
    public void Run_EspeakQuestions_GrammarHearsThemBetterThanTheGenericModel()
    {
        using var temp = new TempFolder();
        // Every fourth phrasing (5 of the 20) keeps the test near 30 s; the grammar still holds all 20.
        var questions = Phrasings.Where((_, i) => i % 4 == 0).ToArray();
        var report = new SpokenQuestionEvaluation(new EspeakSynthesizer(), new PocketSphinxTranscriber())
            .Run(questions, SpeechGrammar.FromPhrases(Phrasings), temp.Path);
        output.WriteLine(report.ToText());

        // Measured when written (espeak-ng 1.51 voice en-us, pocketsphinx 5prealpha, Debian 12), all 20 phrasings:
        // grammar 5/97 word errors (one question, "would this keep me warm", heard as "what is this"), generic model
        // 62/97 (63.9 %). The grammar allows only the 20 phrasings, so it must do far better than the open
        // vocabulary; these 5 were all heard exactly, and 1 error in their 23 words is allowed for other tool builds.
        Assert.True(report.GrammarErrors.Errors <= 1, $"grammar WER {report.GrammarErrors.Rate:P1}");
        Assert.True(report.GrammarErrors.Rate < report.GenericErrors.Rate, $"grammar {report.GrammarErrors.Rate:P1} vs generic {report.GenericErrors.Rate:P1}");
    }

    /// <summary>Writes half a second of a 440 Hz tone for any text, remembering which text went to which file.</summary>
    private sealed class ToneSynthesizer : ISpeechSynthesizer
    {
        public Dictionary<string, string> Spoken { get; } = [];

        public int Calls { get; private set; }

        public string Description => "test tone (synthetic speech)";

        public void Synthesize(string text, string wavPath, CancellationToken cancellationToken = default)
        {
            Calls++;
            Spoken[Path.GetFullPath(wavPath)] = text;
            WavFile.WriteMono16(wavPath, TestWav.Sine(440, 16000, 0.5), 16000);
        }
    }

    /// <summary>Hears, for each file, what a script says about the text the synthesiser put in it (null: nothing heard).</summary>
    private sealed class ScriptedTranscriber(ToneSynthesizer speaker, Func<string, string?> grammar, Func<string, string?> generic) : ISpeechTranscriber
    {
        public SpeechTranscript Transcribe(string audioPath, SpeechGrammar? g = null, CancellationToken cancellationToken = default)
        {
            var question = SpokenWords.Normalize(speaker.Spoken[Path.GetFullPath(audioPath)]);
            var heard = (g is null ? generic : grammar)(question)
                ?? throw new SpeechException(SpeechErrorKind.NoSpeech, $"No speech heard in {audioPath} that fits the grammar.");
            return new SpeechTranscript(heard, [], 0.5, 0.01, g is not null);
        }
    }
}
