using TorchSharp;

namespace FusionKit.Platform;

/// <summary>
/// Sets torch's intra-op thread count (a process-wide libtorch setting) for a block of work and restores the
/// previous count on dispose, so a library call that wants its own setting leaves the caller's untouched:
/// <c>using var threads = TorchThreadScope.Use(1);</c>.
/// </summary>
public sealed class TorchThreadScope : IDisposable
{
    private readonly int _previous;
    private bool _disposed;

    private TorchThreadScope(int threads)
    {
        TorchRuntime.EnsureReady();
        _previous = torch.get_num_threads();
        torch.set_num_threads(threads);
    }

    /// <summary>Sets <paramref name="threads"/> torch threads until the scope is disposed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one thread.</exception>
    public static TorchThreadScope Use(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        return new TorchThreadScope(threads);
    }

    /// <summary>Restores the thread count found when the scope began.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        torch.set_num_threads(_previous);
    }
}
