using FusionKit.Speech;

namespace FusionKit.Tests.Speech;

public class ResamplerTests
{
    [Theory]
    [InlineData(44100, 44100, 16000)] // 1 s: 16000
    [InlineData(22050, 23321, 16922)] // an espeak-ng clip: 23321 * 16000 / 22050 = 16922.33 -> 16922 (sox gave the same count)
    [InlineData(8000, 8001, 16002)]
    [InlineData(48000, 3, 1)]         // 1.0 -> 1
    [InlineData(32000, 1, 1)]         // 0.5 rounds away from zero -> 1
    public void OutputLength_IsRoundedRateRatio(int rate, int n, int expected)
    {
        Assert.Equal(expected, Resampler.OutputLength(n, rate, 16000));
        Assert.Equal(expected, Resampler.Resample(new float[n], rate, 16000).Length);
    }

    [Theory]
    [InlineData(44100, 1000.0)]
    [InlineData(22050, 440.0)]
    [InlineData(48000, 3000.0)]
    [InlineData(8000, 1000.0)]  // upsampling
    [InlineData(11025, 2500.0)] // upsampling by a non-integer ratio
    public void Resample_SineKeepsFrequencyAndAmplitude(int rate, double frequency)
    {
        var input = TestWav.Sine(frequency, rate, 1.0, amplitude: 0.5);
        var output = Resampler.Resample(input, rate, 16000);

        // Away from the edges (the filter sees zeros beyond them), the 16 kHz signal is the same sine:
        // its DFT amplitude at f is 0.5, and its RMS is 0.5/sqrt(2) = 0.35355, i.e. no energy went elsewhere.
        var (from, to) = (1600, 14400);
        Assert.Equal(0.5, TestWav.Amplitude(output, frequency, 16000, from, to), 3);
        Assert.Equal(0.5 / Math.Sqrt(2), TestWav.Rms(output, from, to), 3);
        // And it matches the ideal sine sample by sample.
        var ideal = TestWav.Sine(frequency, 16000, 1.0, amplitude: 0.5);
        for (var i = from; i < to; i++) Assert.True(Math.Abs(output[i] - ideal[i]) < 2e-3, $"sample {i}: {output[i]} vs {ideal[i]}");
    }

    [Fact]
    public void Resample_RemovesToneAboveNewNyquistInsteadOfAliasing()
    {
        // 12 kHz at 44.1 kHz is above 16 kHz's Nyquist (8 kHz); sampled at 16 kHz without a low-pass it would fold to
        // 16 - 12 = 4 kHz at full amplitude (linear interpolation keeps most of it). The windowed sinc removes it.
        var output = Resampler.Resample(TestWav.Sine(12000, 44100, 1.0), 44100, 16000);
        Assert.True(TestWav.Rms(output, 1600, 14400) < 1e-3, $"residual RMS {TestWav.Rms(output, 1600, 14400)}");
        Assert.True(TestWav.Amplitude(output, 4000, 16000, 1600, 14400) < 1e-3);
    }

    [Fact]
    public void Resample_SameRate_ReturnsACopy()
    {
        float[] input = [0.1f, -0.2f, 0.3f];
        var output = Resampler.Resample(input, 16000, 16000);
        Assert.Equal(input, output);
        Assert.NotSame(input, output);
    }

    [Fact]
    public void ToMono_MixesStereoThenResamples()
    {
        // Left and right in opposite phase cancel: the mono mix is silent; equal channels keep their sine.
        var sine = TestWav.Sine(500, 44100, 1.0);
        var negative = sine.Select(s => -s).ToArray();
        Assert.True(TestWav.Rms(Resampler.ToMono(new AudioClip([sine, negative], 44100, "test"), 16000), 0, 16000) < 1e-6);
        var mono = Resampler.ToMono(new AudioClip([sine, sine], 44100, "test"), 16000);
        Assert.Equal(0.5, TestWav.Amplitude(mono, 500, 16000, 1600, 14400), 3);
    }
}
