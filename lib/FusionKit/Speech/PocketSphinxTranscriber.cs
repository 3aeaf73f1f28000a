using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FusionKit.Speech;

/// <summary>
/// Offline speech recognition with CMU Pocketsphinx (Huggins-Daines et al., "PocketSphinx: a free, real-time
/// continuous speech recognition system for hand-held devices", ICASSP 2006), run as the child process
/// <c>pocketsphinx_continuous -infile FILE.wav -time yes [-jsgf GRAMMAR]</c>.
/// <para>Steps: read the WAV (<see cref="WavFile"/>), mix to mono, refuse silence (<see cref="SilenceDetector"/>),
/// resample to the 16 kHz the en-us acoustic model was trained on (<see cref="Resampler"/>), pad with
/// <see cref="PocketSphinxOptions.PaddingSeconds"/> of silence, add a faint noise floor
/// (<see cref="PocketSphinxOptions.NoiseFloorDbfs"/>), write a temporary 16-bit mono WAV, decode.
/// The program cuts the audio into utterances at pauses and prints each one's words and, with <c>-time yes</c>,
/// one line per word "word start end posterior"; those lines are read back, fillers (<c>&lt;s&gt;</c>,
/// <c>&lt;sil&gt;</c>, <c>[NOISE]</c>) dropped and pronunciation variants ("a(2)") folded.</para>
/// <para>With a <see cref="SpeechGrammar"/> the decoder searches only its phrases (JSGF); without one it uses
/// the generic US English trigram model. Errors are <see cref="SpeechException"/>s with messages for the user.</para>
/// </summary>
public sealed partial class PocketSphinxTranscriber : ISpeechTranscriber
{
    /// <summary>Sample rate the decoder is given (the en-us acoustic model's rate).</summary>
    public const int SampleRate = 16000;

    public PocketSphinxTranscriber(PocketSphinxOptions? options = null) => Options = options ?? new PocketSphinxOptions();

    public PocketSphinxOptions Options { get; }

    /// <inheritdoc/>
    public SpeechTranscript Transcribe(string audioPath, SpeechGrammar? grammar = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audioPath);
        var clock = Stopwatch.StartNew();
        AudioClip clip;
        try
        {
            clip = WavFile.Read(audioPath);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw new SpeechException(SpeechErrorKind.UnreadableAudio, e.Message, e);
        }

        var mono = clip.Mono();
        var level = Options.Silence.Measure(mono, clip.SampleRate);
        if (clip.Length == 0 || level.IsSilent)
            throw new SpeechException(SpeechErrorKind.NoSpeech, clip.Length == 0
                ? $"No speech heard in {audioPath}: the file holds no samples."
                : string.Create(CultureInfo.InvariantCulture,
                    $"No speech heard in {audioPath}: it is silent (peak {Db(level.PeakDbfs)} dBFS, loudest 20 ms {Db(level.LoudestFrameRmsDbfs)} dBFS RMS; " +
                    $"sound starts at {Options.Silence.PeakThresholdDbfs:0} dBFS peak and {Options.Silence.RmsThresholdDbfs:0} dBFS RMS). Record again, closer to the microphone or louder."));

        var folder = Directory.CreateTempSubdirectory("fusionkit-speech-");
        try
        {
            var pad = (int)Math.Round(Options.PaddingSeconds * SampleRate);
            var resampled = Resampler.Resample(mono, clip.SampleRate, SampleRate);
            var padded = new float[resampled.Length + 2 * pad];
            resampled.CopyTo(padded, pad);
            if (Options.NoiseFloorDbfs is { } floor) AddNoise(padded, floor);
            var wav = Path.Combine(folder.FullName, "utterance.wav");
            WavFile.WriteMono16(wav, padded, SampleRate);

            var arguments = new List<string> { "-infile", wav, "-time", "yes" };
            if (grammar is not null)
            {
                var gram = Path.Combine(folder.FullName, "grammar.gram");
                grammar.WriteJsgf(gram);
                arguments.AddRange(["-jsgf", gram]);
            }
            else if (Options.LanguageModel is { } lm) arguments.AddRange(["-lm", lm]);

            if (Options.AcousticModel is { } hmm) arguments.AddRange(["-hmm", hmm]);
            if (Options.Dictionary is { } dict) arguments.AddRange(["-dict", dict]);

            var run = ToolRun.Run(Options.Executable, arguments, Options.Timeout, cancellationToken);
            if (run.ExitCode != 0) throw Failure(run, audioPath, grammar);

            var words = ParseWords(run.StandardOutput, Options.PaddingSeconds, clip.Duration.TotalSeconds);
            if (words.Count == 0)
                throw new SpeechException(SpeechErrorKind.NoSpeech, grammar is null
                    ? $"No speech heard in {audioPath}: the recogniser found sound but no words in it. Speak clearly, closer to the microphone."
                    : $"No speech heard in {audioPath} that fits the grammar's {grammar.Phrases.Count} phrases: the recogniser's best guess matched none. " +
                      "Say one of the supported phrasings, or transcribe without the grammar.");
            return new SpeechTranscript(string.Join(' ', words.Select(w => w.Word)), words,
                clip.Duration.TotalSeconds, clock.Elapsed.TotalSeconds, grammar is not null);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A temporary folder left behind is the OS's to clean; the transcript is unaffected.
            }
        }
    }

    /// <summary>
    /// The words of <c>-time yes</c> output: lines "word start end posterior" (other lines, the per-utterance
    /// hypotheses, are skipped); fillers dropped, "(n)" variants folded, times shifted back by the padding and
    /// clamped to [0, <paramref name="audioSeconds"/>].
    /// </summary>
    internal static IReadOnlyList<TimedWord> ParseWords(string output, double paddingSeconds, double audioSeconds)
    {
        var words = new List<TimedWord>();
        foreach (var raw in output.Split('\n'))
        {
            var match = TimedLine().Match(raw.Trim());
            if (!match.Success) continue;
            var word = Variant().Replace(match.Groups[1].Value, "");
            if (IsFiller(word)) continue;
            double Time(int group) => Math.Clamp(double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) - paddingSeconds, 0, audioSeconds);
            words.Add(new TimedWord(word, Time(2), Time(3), double.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture)));
        }

        return words;
    }

    /// <summary>Adds uniform white noise of RMS 10^(dBFS/20) (amplitude √3 times that), from a fixed seed.</summary>
    private static void AddNoise(float[] samples, double dbfs)
    {
        var amplitude = Math.Sqrt(3) * Math.Pow(10, dbfs / 20);
        var random = new Random(12);
        for (var i = 0; i < samples.Length; i++) samples[i] += (float)(amplitude * (2 * random.NextDouble() - 1));
    }

    private static bool IsFiller(string word) =>
        word.StartsWith('<') || word.StartsWith('[') || word.StartsWith("++", StringComparison.Ordinal) || word == "(NULL)";

    private static SpeechException Failure(ToolRun.Result run, string audioPath, SpeechGrammar? grammar)
    {
        var missing = MissingWord().Matches(run.StandardError).Select(m => m.Groups[1].Value).Distinct().ToArray();
        if (missing.Length > 0)
            return new SpeechException(SpeechErrorKind.UnknownWords,
                $"The speech grammar uses word(s) the recogniser's dictionary does not know: {string.Join(", ", missing)}. " +
                "Rephrase them with common English words (for example 'sweater' for 'pullover').");
        return new SpeechException(SpeechErrorKind.ToolFailed,
            $"Pocketsphinx could not decode {audioPath}{(grammar is null ? "" : " with the grammar")} (exit code {run.ExitCode}): {ToolRun.ErrorSummary(run.StandardError)}");
    }

    private static string Db(double dbfs) => double.IsNegativeInfinity(dbfs) ? "-inf" : dbfs.ToString("0", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$")]
    private static partial Regex TimedLine();

    [GeneratedRegex(@"\(\d+\)$")]
    private static partial Regex Variant();

    [GeneratedRegex(@"The word '(.+?)' is missing in the dictionary")]
    private static partial Regex MissingWord();
}
