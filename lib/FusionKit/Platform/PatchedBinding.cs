using FusionKit.Data;

namespace FusionKit.Platform;

/// <summary>
/// Writes (once) a copy of TorchSharp's binding library whose missing libstdc++ version requirements are marked
/// weak, into the kit's native cache: <c>$FUSIONKIT_NATIVE_CACHE</c>, else <c>$XDG_CACHE_HOME/fusionkit/native</c>,
/// else <c>~/.cache/fusionkit/native</c>. The original file is never modified. Keyed by the original's SHA-256.
/// </summary>
internal static class PatchedBinding
{
    public static string GetOrCreate(string original, IReadOnlyList<ElfVersionNeeds.Requirement> missing)
    {
        var bytes = File.ReadAllBytes(original);
        var key = Hashing.Sha256Hex(bytes)[..16];
        var dir = Path.Combine(CacheRoot(), key);
        var target = Path.Combine(dir, Path.GetFileName(original));
        if (File.Exists(target)) return target;
        Directory.CreateDirectory(dir);
        ElfVersionNeeds.MarkWeak(bytes, missing);
        var tmp = $"{target}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, target, overwrite: true);
        return target;
    }

    /// <summary>
    /// Writes the weak-versioned binding into <paramref name="directory"/> unless an equally patched copy is already
    /// there (an unpatched copy left by an earlier failed load is replaced). Returns its path.
    /// </summary>
    public static string WriteInto(string original, IReadOnlyList<ElfVersionNeeds.Requirement> missing, string directory)
    {
        var target = Path.Combine(directory, Path.GetFileName(original));
        if (File.Exists(target))
        {
            var present = ElfVersionNeeds.Read(File.ReadAllBytes(target));
            if (missing.All(m => present.Any(p => p.Version == m.Version && p.IsWeak))) return target;
        }
        var bytes = File.ReadAllBytes(original);
        ElfVersionNeeds.MarkWeak(bytes, missing);
        Directory.CreateDirectory(directory);
        var tmp = $"{target}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, target, overwrite: true);
        return target;
    }

    internal static string CacheRoot()
    {
        var explicitDir = Environment.GetEnvironmentVariable("FUSIONKIT_NATIVE_CACHE");
        if (!string.IsNullOrEmpty(explicitDir)) return explicitDir;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "fusionkit", "native");
    }
}
