using TorchSharp;

namespace FusionKit.Platform;

/// <summary>
/// Parses and resolves <see cref="ComputeDevice"/>, the one place where the kit decides between CPU and CUDA.
/// <see cref="ComputeDevice.Auto"/> picks CUDA when TorchSharp sees a CUDA device and the CPU otherwise;
/// <see cref="ComputeDevice.Cuda"/> where there is none throws <see cref="ComputeDeviceUnavailableException"/>
/// (a run asked to use a GPU should not quietly take hours on the CPU). TorchSharp sees CUDA only in a build with
/// <c>-p:TorchDevice=cuda</c> (package TorchSharp-cuda-linux instead of TorchSharp-cpu; README, GPU).
/// </summary>
public static class ComputeDevices
{
    /// <summary>Words accepted by <see cref="Parse"/>, as <c>--device</c> lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "cpu", "cuda"];

    /// <summary>"auto", "cpu" or "cuda" (case-insensitive) as a <see cref="ComputeDevice"/>.</summary>
    /// <exception cref="ArgumentException">Another word; the message lists the accepted ones.</exception>
    public static ComputeDevice Parse(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "auto" => ComputeDevice.Auto,
        "cpu" => ComputeDevice.Cpu,
        "cuda" or "gpu" => ComputeDevice.Cuda,
        _ => throw new ArgumentException($"Unknown device '{text}'; use one of {string.Join(", ", Names)}.", nameof(text)),
    };

    /// <summary>The word of a device: "auto", "cpu" or "cuda".</summary>
    public static string Name(ComputeDevice device) => device switch
    {
        ComputeDevice.Cpu => "cpu",
        ComputeDevice.Cuda => "cuda",
        _ => "auto",
    };

    /// <summary>The device <paramref name="requested"/> means on this machine (<see cref="ComputeDevice.Cpu"/> or
    /// <see cref="ComputeDevice.Cuda"/>, never Auto), with the reason in words as <c>fusionkit doctor</c> prints it.</summary>
    /// <exception cref="ComputeDeviceUnavailableException">CUDA asked for where TorchSharp sees none.</exception>
    public static (ComputeDevice Device, string Reason) Resolve(ComputeDevice requested) => Resolve(requested, CudaDeviceCount());

    /// <summary><see cref="Resolve(ComputeDevice)"/> for a machine where TorchSharp sees <paramref name="cudaDevices"/> CUDA
    /// devices; separate so that tests can force a machine with or without a GPU.</summary>
    /// <exception cref="ComputeDeviceUnavailableException">CUDA asked for and <paramref name="cudaDevices"/> is 0.</exception>
    public static (ComputeDevice Device, string Reason) Resolve(ComputeDevice requested, int cudaDevices)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cudaDevices);
        if (!Enum.IsDefined(requested)) throw new ArgumentException($"Device {requested} is not known; use one of {string.Join(", ", Names)}.", nameof(requested));
        var seen = cudaDevices == 0 ? "TorchSharp sees no CUDA device" : $"TorchSharp sees {cudaDevices} CUDA device(s)";
        return requested switch
        {
            ComputeDevice.Cpu => (ComputeDevice.Cpu, $"cpu requested explicitly ({seen})"),
            ComputeDevice.Cuda when cudaDevices > 0 => (ComputeDevice.Cuda, $"cuda requested explicitly ({seen}; the first one is used)"),
            ComputeDevice.Cuda => throw new ComputeDeviceUnavailableException(CudaUnavailable("device cuda")),
            _ when cudaDevices > 0 => (ComputeDevice.Cuda, $"auto: {seen}, so cuda"),
            _ => (ComputeDevice.Cpu, $"auto: {seen} ({CudaHint}), so cpu"),
        };
    }

    /// <summary>The torch device <paramref name="requested"/> resolves to (see <see cref="Resolve(ComputeDevice)"/>).</summary>
    /// <exception cref="ComputeDeviceUnavailableException">CUDA asked for where TorchSharp sees none.</exception>
    public static torch.Device Torch(ComputeDevice requested) => Resolve(requested).Device == ComputeDevice.Cuda ? torch.CUDA : torch.CPU;

    /// <summary>How many CUDA devices TorchSharp sees (0 in the default CPU build, or without a GPU and driver).</summary>
    public static int CudaDeviceCount()
    {
        TorchRuntime.EnsureReady();
        return torch.cuda.is_available() ? torch.cuda.device_count() : 0;
    }

    /// <summary>Which libtorch this process loads: "cuda" (TorchSharp-cuda-linux, libtorch_cuda beside libtorch_cpu),
    /// "cpu" (TorchSharp-cpu) or "unknown" (the natives were not found where the kit looks, e.g. on another system).</summary>
    public static string LibTorchBuild()
    {
        var layout = NativeLayout.Locate(typeof(torch).Assembly);
        if (layout is null) return "unknown";
        return File.Exists(Path.Combine(layout.LibtorchDirectory, "libtorch_cuda.so")) ? "cuda" : "cpu";
    }

    /// <summary>The message for CUDA asked for where there is none; <paramref name="what"/> names how it was asked
    /// ("--device cuda" on the command line, "device cuda" in the library).</summary>
    public static string CudaUnavailable(string what) =>
        $"{what} asks for a GPU, but TorchSharp sees no CUDA device ({CudaHint}). Use cpu or auto instead, "
        + "or build the kit with -p:TorchDevice=cuda on a Linux machine with an NVIDIA GPU and its driver (README, GPU).";

    private const string CudaHint = "the default build links TorchSharp-cpu; a -p:TorchDevice=cuda build also needs a visible GPU and driver, see nvidia-smi";
}
