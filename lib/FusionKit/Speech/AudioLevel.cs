namespace FusionKit.Speech;

/// <summary>What <see cref="SilenceDetector.Measure"/> found.</summary>
/// <param name="PeakDbfs">The largest absolute sample, in dB relative to full scale (−∞ for all zeros).</param>
/// <param name="LoudestFrameRmsDbfs">The RMS level of the loudest frame, in dBFS.</param>
/// <param name="IsSilent">True when either level is below the detector's threshold.</param>
public sealed record AudioLevel(double PeakDbfs, double LoudestFrameRmsDbfs, bool IsSilent);
