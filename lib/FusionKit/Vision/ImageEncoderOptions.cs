using FusionKit.Platform;

namespace FusionKit.Vision;

/// <summary>Settings shared by the image encoders; <c>options with { Threads = 2 }</c> changes one.</summary>
public sealed record ImageEncoderOptions
{
    /// <summary>Side of the square network input in pixels. The ONNX backend supports only 224 (its graph
    /// ends in a fixed 7x7 average pool); the TorchSharp backend pools adaptively and takes any size >= 32.</summary>
    public int Resolution { get; init; } = ResNetPreprocessor.NativeResolution;

    /// <summary>Compute threads: ONNX Runtime intra-op threads (inter-op stays 1), or torch.set_num_threads
    /// for the TorchSharp backend (a process-wide setting of libtorch).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Images per forward pass; longer lists are encoded in chunks of this size.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Where the TorchSharp backend's network and batches live: auto (default: CUDA when TorchSharp sees one,
    /// else the CPU), cpu or cuda (<see cref="ComputeDevices.Resolve(ComputeDevice)"/>). The ONNX backend runs on the CPU.</summary>
    public ComputeDevice Device { get; init; }

    /// <summary>Arithmetic of the network: <see cref="ImagePrecision.Float32"/> (default), <see cref="ImagePrecision.BFloat16"/>
    /// (TorchSharp backend only) or <see cref="ImagePrecision.Auto"/>, resolved by <see cref="ImagePrecisionChoice.Resolve(ImagePrecision)"/>.</summary>
    public ImagePrecision Precision { get; init; } = ImagePrecision.Float32;

    /// <summary>Folder that holds DnnImageModels/; null searches the application folder, then the NuGet package folder.</summary>
    public string? ModelDirectory { get; init; }

    internal void Validate()
    {
        if (Resolution < 32) throw new ArgumentOutOfRangeException(nameof(Resolution), $"Resolution must be at least 32 pixels (five stride-2 stages), got {Resolution}.");
        if (Threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), $"Threads must be at least 1, got {Threads}.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"BatchSize must be at least 1, got {BatchSize}.");
        if (!Enum.IsDefined(Device)) throw new ArgumentOutOfRangeException(nameof(Device), $"Device {Device} is not known; use one of {string.Join(", ", ComputeDevices.Names)}.");
    }
}
