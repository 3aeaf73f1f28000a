using FusionKit.Speech;

namespace FusionKit.Tests.Speech;

public class PocketSphinxTranscriberTests
{
    private static readonly SpeechGrammar Questions = SpeechGrammar.FromPhrases(
    [
        "is this a bag", "is this a shoe", "is this a coat", "is this a shirt", "is this a dress",
        "what is this", "where is this worn", "would i wear this on my feet",
    ]);

    [Fact]
    public void Transcribe_Silence_SaysNoSpeechHeardInTheFile()
    {
        using var temp = new TempFolder();
        var path = temp.File("silence.wav");
        WavFile.WriteMono16(path, new float[16000], 16000);
        var e = Assert.Throws<SpeechException>(() => new PocketSphinxTranscriber().Transcribe(path));
        Assert.Equal(SpeechErrorKind.NoSpeech, e.Kind);
        Assert.StartsWith($"No speech heard in {path}: it is silent (peak -inf dBFS", e.Message);
    }

    [Fact]
    public void Transcribe_EmptyDataChunk_SaysNoSamples()
    {
        using var temp = new TempFolder();
        var path = temp.File("empty.wav");
        WavFile.WriteMono16(path, [], 16000);
        var e = Assert.Throws<SpeechException>(() => new PocketSphinxTranscriber().Transcribe(path));
        Assert.Equal(SpeechErrorKind.NoSpeech, e.Kind);
        Assert.Equal($"No speech heard in {path}: the file holds no samples.", e.Message);
    }

    [Fact]
    public void Transcribe_GarbageFile_SaysUnreadableAndNamesIt()
    {
        using var temp = new TempFolder();
        var path = temp.File("question.wav");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48]); // a PNG header
        var e = Assert.Throws<SpeechException>(() => new PocketSphinxTranscriber().Transcribe(path));
        Assert.Equal(SpeechErrorKind.UnreadableAudio, e.Kind);
        Assert.StartsWith($"{path} is not a WAV file", e.Message);
    }

    [Fact]
    public void Transcribe_MissingFile_NamesIt()
    {
        using var temp = new TempFolder();
        var path = temp.File("nowhere.wav");
        var e = Assert.Throws<SpeechException>(() => new PocketSphinxTranscriber().Transcribe(path));
        Assert.Equal(SpeechErrorKind.UnreadableAudio, e.Kind);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Transcribe_RecogniserNotInstalled_SaysHowToInstall()
    {
        using var temp = new TempFolder();
        var path = temp.File("tone.wav");
        WavFile.WriteMono16(path, TestWav.Sine(440, 16000, 0.5), 16000);
        var transcriber = new PocketSphinxTranscriber(new PocketSphinxOptions { Executable = "fusionkit-no-such-recogniser" });
        var e = Assert.Throws<SpeechException>(() => transcriber.Transcribe(path));
        Assert.Equal(SpeechErrorKind.ToolMissing, e.Kind);
        Assert.Contains("'fusionkit-no-such-recogniser' is not installed", e.Message);
        Assert.Contains("apt-get install", e.Message);
        Assert.Contains("environment/install-system-deps.sh", e.Message);
    }

    [Fact]
    public void ParseWords_DropsFillersFoldsVariantsAndRemovesPadding()
    {
        // Output of pocketsphinx_continuous -time yes for two utterances (copied from a run, padding 0.3 s).
        const string output =
            "is this a bag what is this\n" +
            "<s> 0.000 0.270 0.999000\n" +
            "is 0.280 0.450 0.370569\n" +
            "this 0.460 0.620 0.082440\n" +
            "a(2) 0.630 0.750 0.010316\n" +
            "bag 0.760 1.140 0.006499\n" +
            "<sil> 1.150 1.390 0.999200\n" +
            "[NOISE] 1.390 1.400 0.5\n" +
            "what 1.400 1.610 0.453123\n" +
            "is 1.620 1.760 0.719400\n" +
            "this 1.770 2.150 0.128267\n" +
            "</s> 2.160 2.410 1.000000\n";
        var words = PocketSphinxTranscriber.ParseWords(output, 0.3, 1.6);
        Assert.Equal(["is", "this", "a", "bag", "what", "is", "this"], words.Select(w => w.Word));
        Assert.Equal(new TimedWord("a", 0.33, 0.45, 0.010316), words[2] with { StartSeconds = Math.Round(words[2].StartSeconds, 6), EndSeconds = Math.Round(words[2].EndSeconds, 6) });
        Assert.Equal(1.6, words[^1].EndSeconds); // 2.15 - 0.3 clamped to the 1.6 s of audio
    }

    [SystemToolFact("pocketsphinx_continuous", "espeak-ng")]
    public void Transcribe_SynthesisedQuestionWithGrammar_IsExact()
    {
        using var temp = new TempFolder();
        var path = temp.File("bag.wav");
        new EspeakSynthesizer().Synthesize("is this a bag", path);

        var transcript = new PocketSphinxTranscriber().Transcribe(path, Questions);

        Assert.Equal("is this a bag", transcript.Text);
        Assert.True(transcript.UsedGrammar);
        Assert.Equal(["is", "this", "a", "bag"], transcript.Words.Select(w => w.Word));
        Assert.All(transcript.Words, w => Assert.InRange(w.StartSeconds, 0, transcript.AudioSeconds));
        Assert.True(transcript.Words.Zip(transcript.Words.Skip(1)).All(p => p.First.EndSeconds <= p.Second.StartSeconds), "words in time order");
    }

    [SystemToolFact("pocketsphinx_continuous", "espeak-ng")]
    public void Transcribe_44kStereoAnd8kEightBitCopies_AreReadResampledAndHeard()
    {
        using var temp = new TempFolder();
        var source = temp.File("feet.wav");
        new EspeakSynthesizer().Synthesize("would I wear this on my feet", source);
        var clip = WavFile.Read(source);
        Assert.Equal(22050, clip.SampleRate); // espeak-ng's rate

        // 44.1 kHz stereo, the right channel at half level; 8 kHz unsigned 8-bit mono (telephone band, 48 dB range).
        var at44 = Resampler.Resample(clip.Channels[0], 22050, 44100);
        var stereo = temp.File("feet-44k-stereo.wav");
        File.WriteAllBytes(stereo, TestWav.Build(1, 2, 44100, 16, TestWav.Pcm16(at44, at44.Select(s => s / 2).ToArray())));
        var at8 = temp.File("feet-8k-u8.wav");
        File.WriteAllBytes(at8, TestWav.Build(1, 1, 8000, 8, TestWav.Pcm8(Resampler.Resample(clip.Channels[0], 22050, 8000))));

        var transcriber = new PocketSphinxTranscriber();
        foreach (var path in new[] { stereo, at8 })
        {
            var transcript = transcriber.Transcribe(path, Questions);
            Assert.Equal("would i wear this on my feet", transcript.Text);
            Assert.Equal(clip.Duration.TotalSeconds, transcript.AudioSeconds, 2);
        }
    }

    [SystemToolFact("pocketsphinx_continuous", "espeak-ng")]
    public void Transcribe_GenericModel_ReturnsWordsWithoutGrammar()
    {
        using var temp = new TempFolder();
        var path = temp.File("what.wav");
        new EspeakSynthesizer().Synthesize("what is this", path);
        var transcript = new PocketSphinxTranscriber().Transcribe(path);
        Assert.False(transcript.UsedGrammar);
        // The generic model is free to mishear (measured: "what is the"), but it hears words, starting with "what".
        Assert.Equal("what", transcript.Words[0].Word);
    }

    [SystemToolFact("pocketsphinx_continuous", "espeak-ng")]
    public void Transcribe_GrammarWordNotInDictionary_NamesTheWord()
    {
        using var temp = new TempFolder();
        var path = temp.File("pullover.wav");
        new EspeakSynthesizer().Synthesize("is this a pullover", path);
        var e = Assert.Throws<SpeechException>(() => new PocketSphinxTranscriber().Transcribe(path, SpeechGrammar.FromPhrases(["is this a pullover"])));
        Assert.Equal(SpeechErrorKind.UnknownWords, e.Kind);
        Assert.Contains("does not know: pullover.", e.Message);
    }

    [SystemToolFact("pocketsphinx_continuous")]
    public void Transcribe_Cancelled_Throws()
    {
        using var temp = new TempFolder();
        var path = temp.File("tone.wav");
        WavFile.WriteMono16(path, TestWav.Sine(440, 16000, 0.5), 16000);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new PocketSphinxTranscriber().Transcribe(path, null, cancelled.Token));
    }
}
