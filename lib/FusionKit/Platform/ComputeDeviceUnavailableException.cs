namespace FusionKit.Platform;

/// <summary>
/// <see cref="ComputeDevice.Cuda"/> was asked for where TorchSharp sees no CUDA device. The message says why (the
/// CPU build of TorchSharp, or no GPU/driver) and what to do instead.
/// </summary>
public sealed class ComputeDeviceUnavailableException(string message) : InvalidOperationException(message);
