namespace FusionKit.Platform;

/// <summary>Finds the libstdc++ versions a native library asks for that this system's libstdc++ lacks.</summary>
internal static class GlibcxxCheck
{
    /// <summary>Symbols known to be referenced by no relocation in TorchSharp's binding (docs/platform.md).</summary>
    private static readonly HashSet<string> UnusedSymbols = new(StringComparer.Ordinal) { "_ZSt21ios_base_library_initv" };

    public static IReadOnlyList<ElfVersionNeeds.Requirement> MissingVersions(string library)
    {
        var system = SystemLibstdcxx();
        if (system is null) return [];
        var defined = ElfVersionNeeds.ReadDefinedVersions(File.ReadAllBytes(system));
        var missing = ElfVersionNeeds.Read(File.ReadAllBytes(library))
            .Where(r => r.File.StartsWith("libstdc++", StringComparison.Ordinal) && !r.IsWeak && !defined.Contains(r.Version))
            .ToList();
        var unsafeOnes = missing.Where(m => m.Symbols.Any(s => !UnusedSymbols.Contains(s))).ToList();
        if (unsafeOnes.Count > 0)
            throw new InvalidOperationException(
                $"{Path.GetFileName(library)} needs {string.Join(", ", unsafeOnes.Select(u => u.Version))} from libstdc++ " +
                $"(symbols {string.Join(", ", unsafeOnes.SelectMany(u => u.Symbols).Take(5))}), which {system} lacks. " +
                "Install a newer libstdc++ (GCC 13 or later runtime).");
        return missing;
    }

    /// <summary>The libstdc++ this process uses: the one already mapped, else the system's default.</summary>
    internal static string? SystemLibstdcxx()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var slash = line.IndexOf('/');
                if (slash >= 0 && line.Contains("libstdc++.so", StringComparison.Ordinal)) return line[slash..].Trim();
            }
        }
        catch (IOException)
        {
        }
        return new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6" }
            .FirstOrDefault(File.Exists);
    }
}
