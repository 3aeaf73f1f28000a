using System.Globalization;

namespace FusionKit.Speech;

/// <summary>
/// Speech synthesis with eSpeak NG (the Debian package <c>espeak-ng</c>), run as
/// <c>espeak-ng -v VOICE -s SPEED -w out.wav -- TEXT</c>; it writes a 22,050 Hz mono 16-bit WAV file.
/// <para>Used to make spoken test questions: the voice is synthetic, so word error rates measured on it say how
/// well the recogniser hears eSpeak, not people; every report built on it says so.</para>
/// </summary>
public sealed class EspeakSynthesizer : ISpeechSynthesizer
{
    /// <param name="voice">An espeak-ng voice name (<c>espeak-ng --voices</c> lists them). "en-us" is the default because
    /// the recogniser's acoustic model is US English: with the British "en" voice pocketsphinx hears "is this a bag" as "is this a coat".</param>
    /// <param name="wordsPerMinute">Speaking rate, 80 to 450 (espeak-ng's default is 175).</param>
    /// <param name="executable">The program, looked up on PATH.</param>
    public EspeakSynthesizer(string voice = "en-us", int wordsPerMinute = 175, string executable = "espeak-ng")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(voice);
        ArgumentOutOfRangeException.ThrowIfLessThan(wordsPerMinute, 80);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wordsPerMinute, 450);
        Voice = voice;
        WordsPerMinute = wordsPerMinute;
        Executable = executable;
    }

    public string Voice { get; }

    public int WordsPerMinute { get; }

    public string Executable { get; }

    /// <summary>Longest time one synthesis may take before the program is stopped.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public string Description => string.Create(CultureInfo.InvariantCulture, $"espeak-ng voice {Voice}, {WordsPerMinute} words/min (synthetic speech)");

    /// <inheritdoc/>
    public void Synthesize(string text, string wavPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(wavPath);
        var full = Path.GetFullPath(wavPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // espeak-ng writes straight to the target; a temporary name next to it keeps a failed run from leaving a half file.
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var run = ToolRun.Run(Executable,
                ["-v", Voice, "-s", WordsPerMinute.ToString(CultureInfo.InvariantCulture), "-w", temporary, "--", text],
                Timeout, cancellationToken);
            if (run.ExitCode != 0 || !File.Exists(temporary) || new FileInfo(temporary).Length <= 44)
                throw new SpeechException(SpeechErrorKind.ToolFailed,
                    $"espeak-ng could not speak \"{text}\" into {wavPath} with voice '{Voice}' (exit code {run.ExitCode}): {ToolRun.ErrorSummary(run.StandardError + run.StandardOutput)}. " +
                    "`espeak-ng --voices` lists the installed voices.");
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
