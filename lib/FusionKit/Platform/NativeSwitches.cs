using System.Runtime.InteropServices;

namespace FusionKit.Platform;

/// <summary>Native settings that TorchSharp does not expose: NNPACK, glibc malloc tuning, the native environment.</summary>
internal static unsafe partial class NativeSwitches
{
    private const int M_TRIM_THRESHOLD = -1;
    private const int M_MMAP_MAX = -4;

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")] // not "libc": that can resolve to the libc.so linker script
    private static partial int mallopt(int param, int value);

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc.so.6", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getenv(string name);

    /// <summary>Sets <paramref name="name"/> in the process's native environment (what libraries read with getenv;
    /// .NET's Environment.SetEnvironmentVariable does not reach it on Unix), unless it is set already.</summary>
    public static bool SetNativeEnvironment(string name, string value) => OnGlibc(() => setenv(name, value, overwrite: 0) == 0, otherwise: false);

    /// <summary>The value of <paramref name="name"/> in the native environment, or null.</summary>
    public static string? NativeEnvironment(string name) => OnGlibc(() => Marshal.PtrToStringUTF8(getenv(name)), otherwise: null);

    /// <summary>mallopt(M_MMAP_MAX, 0) and mallopt(M_TRIM_THRESHOLD, 1 GiB): large tensors stay on the heap.</summary>
    public static bool TuneGlibcMalloc() =>
        OnGlibc(() => mallopt(M_MMAP_MAX, 0) == 1 & mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1, otherwise: false);

    /// <summary>A call into glibc, or <paramref name="otherwise"/> where there is none (musl, macOS: the library or the
    /// symbol is missing).</summary>
    private static T OnGlibc<T>(Func<T> call, T otherwise)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return otherwise;
        }
    }

    /// <summary>Calls at::globalContext().setUserEnabledNNPACK(false) in the loaded libtorch_cpu (Itanium C++ ABI).</summary>
    public static bool DisableNnpack()
    {
        if (!OperatingSystem.IsLinux()) return false;
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", typeof(TorchSharp.torch).Assembly, null, out var lib)
            && !TryLoadedLibtorch(out lib)) return false;
        if (!NativeLibrary.TryGetExport(lib, "_ZN2at13globalContextEv", out var globalContext)
            || !NativeLibrary.TryGetExport(lib, "_ZN2at7Context20setUserEnabledNNPACKEb", out var setNnpack)) return false;
        var context = ((delegate* unmanaged<IntPtr>)globalContext)();
        ((delegate* unmanaged<IntPtr, byte, void>)setNnpack)(context, 0);
        return true;
    }

    private static bool TryLoadedLibtorch(out IntPtr handle)
    {
        handle = IntPtr.Zero;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var slash = line.IndexOf('/');
            if (slash >= 0 && line.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal))
                return NativeLibrary.TryLoad(line[slash..].Trim(), out handle);
        }
        return false;
    }
}
