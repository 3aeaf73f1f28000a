using FusionKit.Speech;

namespace FusionKit.Tests.Speech;

public class SilenceDetectorTests
{
    [Fact]
    public void Measure_Sine_ReportsPeakAndRmsInDbfs()
    {
        // Amplitude 0.5: peak 20 log10 0.5 = -6.0206 dBFS; RMS 0.5/sqrt 2 -> -9.0309 dBFS (hand-computed).
        // 1 kHz at 16 kHz: a 20 ms frame (320 samples) holds exactly 20 periods, so every frame's RMS is exact.
        var level = new SilenceDetector().Measure(TestWav.Sine(1000, 16000, 0.5), 16000);
        Assert.Equal(-6.0206, level.PeakDbfs, 3);
        Assert.Equal(-9.0309, level.LoudestFrameRmsDbfs, 3);
        Assert.False(level.IsSilent);
    }

    [Fact]
    public void Measure_Zeros_IsSilentAtMinusInfinity()
    {
        var level = new SilenceDetector().Measure(new float[16000], 16000);
        Assert.True(level.IsSilent);
        Assert.Equal(double.NegativeInfinity, level.PeakDbfs);
    }

    [Fact]
    public void Measure_QuietHiss_IsSilentButOneLoudFrameIsNot()
    {
        // Alternating ±0.001 (-60 dBFS): below both thresholds.
        var hiss = Enumerable.Range(0, 16000).Select(i => i % 2 == 0 ? 0.001f : -0.001f).ToArray();
        Assert.True(new SilenceDetector().Measure(hiss, 16000).IsSilent);
        // A 20 ms burst at 0.1 (-20 dBFS) anywhere makes it sound: the loudest frame decides, not the average.
        for (var i = 8000; i < 8320; i++) hiss[i] = i % 2 == 0 ? 0.1f : -0.1f;
        Assert.False(new SilenceDetector().Measure(hiss, 16000).IsSilent);
    }

    [Fact]
    public void Measure_SingleClick_IsSilentByRms()
    {
        // One sample at 0.5 in a second of zeros: peak -6 dBFS, but its frame's RMS is 0.5/sqrt(320) = -31.1 dBFS;
        // with a stricter RMS threshold of -30 dBFS it counts as silence (a click is not speech).
        var click = new float[16000];
        click[100] = 0.5f;
        var level = new SilenceDetector { RmsThresholdDbfs = -30 }.Measure(click, 16000);
        Assert.Equal(20 * Math.Log10(0.5 / Math.Sqrt(320)), level.LoudestFrameRmsDbfs, 6);
        Assert.True(level.IsSilent);
    }
}
