namespace FusionKit.Training;

/// <summary>Where tensors live during training.</summary>
public enum ComputeDevice
{
    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>A CUDA GPU where TorchSharp sees one; otherwise the run falls back to the CPU and says so.</summary>
    Cuda,
}
