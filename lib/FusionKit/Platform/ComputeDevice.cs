namespace FusionKit.Platform;

/// <summary>
/// Where models and their batches live: the kit's one device setting (<c>TrainingConfig.Device</c>,
/// <c>GanTrainingConfig.Device</c>, <c>ImageEncoderOptions.Device</c>, the experiments' options and fusionkit's
/// <c>--device</c>), turned into a torch device by <see cref="ComputeDevices.Resolve(ComputeDevice)"/>.
/// </summary>
public enum ComputeDevice
{
    /// <summary>CUDA when TorchSharp sees a CUDA device (a build with <c>-p:TorchDevice=cuda</c> on a machine with an
    /// NVIDIA GPU and driver), else the CPU. The default everywhere.</summary>
    Auto,

    /// <summary>The CPU, whatever else the machine has.</summary>
    Cpu,

    /// <summary>The first CUDA device; asking for it where TorchSharp sees none is an error
    /// (<see cref="ComputeDeviceUnavailableException"/>), never a silent fall-back.</summary>
    Cuda,
}
