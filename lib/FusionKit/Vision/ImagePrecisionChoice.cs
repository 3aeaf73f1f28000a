namespace FusionKit.Vision;

/// <summary>
/// Parses and resolves <see cref="ImagePrecision"/>. <see cref="ImagePrecision.Auto"/> picks bfloat16 only when both
/// hold: the processor reports native bf16 arithmetic (x86 flags <c>avx512_bf16</c> or <c>amx_bf16</c> in
/// /proc/cpuinfo; elsewhere the kit assumes none), and <see cref="AutoUsesBFloat16"/> — the kit's verification that
/// bf16 embeddings keep downstream accuracy within 0.2 points of float32 (docs/precision.md) — is true.
/// </summary>
public static class ImagePrecisionChoice
{
    /// <summary>Words accepted by <see cref="Parse"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fp32", "bf16", "auto"];

    /// <summary>
    /// Whether <see cref="ImagePrecision.Auto"/> may pick bf16 on a processor with native bf16: true since the kit's
    /// measurement of the current bf16 path (docs/precision.md; BatchNorm folded, channels-last) on the default profile,
    /// 3 seeds: downstream test accuracy changed by +0.08 points (image-only) and -0.15 points (compatibility), within the
    /// 0.2-point bound, at a worst per-image cosine of 0.99905 to fp32; embedding ran 2.31x / 1.95x the fp32 PyTorch
    /// peer at 1 / 2 threads on an idle machine.
    /// </summary>
    public const bool AutoUsesBFloat16 = true;

    /// <summary>"fp32", "bf16" or "auto" (case-insensitive) as an <see cref="ImagePrecision"/>.</summary>
    /// <exception cref="ArgumentException">Another word; the message lists the accepted ones.</exception>
    public static ImagePrecision Parse(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "fp32" or "float32" => ImagePrecision.Float32,
        "bf16" or "bfloat16" => ImagePrecision.BFloat16,
        "auto" => ImagePrecision.Auto,
        _ => throw new ArgumentException($"Unknown image precision '{text}'; use one of {string.Join(", ", Names)}.", nameof(text)),
    };

    /// <summary>The short name of a resolved precision: "fp32" or "bf16".</summary>
    public static string Name(ImagePrecision precision) => precision switch
    {
        ImagePrecision.Float32 => "fp32",
        ImagePrecision.BFloat16 => "bf16",
        _ => "auto",
    };

    /// <summary>The environment variable that chooses for <see cref="ImagePrecision.Auto"/> in a whole session (notebooks
    /// and commands alike): "fp32" or "bf16"; unset or "auto" lets the processor decide.</summary>
    public const string EnvironmentVariable = "FUSIONKIT_PRECISION";

    /// <summary>The precision <paramref name="requested"/> means on this machine (never <see cref="ImagePrecision.Auto"/>),
    /// with the reason in words, as <c>fusionkit doctor</c> prints it. Auto follows <see cref="EnvironmentVariable"/>
    /// when it is set, else the processor.</summary>
    /// <exception cref="ArgumentException"><see cref="EnvironmentVariable"/> holds another word (the message names it and the accepted ones).</exception>
    public static (ImagePrecision Precision, string Reason) Resolve(ImagePrecision requested) =>
        Resolve(requested, Environment.GetEnvironmentVariable(EnvironmentVariable), NativeBFloat16Flags(), AutoUsesBFloat16);

    /// <summary><see cref="Resolve(ImagePrecision)"/> with <paramref name="environmentValue"/> as the value of
    /// <see cref="EnvironmentVariable"/> (null: unset), separate so that tests need not change the process's environment.</summary>
    /// <exception cref="ArgumentException"><paramref name="environmentValue"/> is another word than fp32, bf16 or auto.</exception>
    public static (ImagePrecision Precision, string Reason) Resolve(ImagePrecision requested, string? environmentValue, IReadOnlyList<string> bf16Flags, bool verified)
    {
        if (requested == ImagePrecision.Auto && !string.IsNullOrWhiteSpace(environmentValue))
        {
            ImagePrecision chosen;
            try
            {
                chosen = Parse(environmentValue);
            }
            catch (ArgumentException)
            {
                throw new ArgumentException($"The environment variable {EnvironmentVariable} is '{environmentValue}'; set it to one of {string.Join(", ", Names)}, or unset it.");
            }
            if (chosen != ImagePrecision.Auto) return (chosen, $"auto: {EnvironmentVariable}={environmentValue.Trim()} chooses {Name(chosen)}");
        }
        return Resolve(requested, bf16Flags, verified);
    }

    /// <summary><see cref="Resolve(ImagePrecision)"/> for a processor reporting <paramref name="bf16Flags"/> (empty: no native
    /// bf16) and a given verification outcome; separate so that tests can force either processor kind.</summary>
    public static (ImagePrecision Precision, string Reason) Resolve(ImagePrecision requested, IReadOnlyList<string> bf16Flags, bool verified)
    {
        ArgumentNullException.ThrowIfNull(bf16Flags);
        if (requested != ImagePrecision.Auto) return (requested, $"{Name(requested)} requested explicitly");
        if (bf16Flags.Count == 0)
            return (ImagePrecision.Float32, "auto: the processor reports no native bf16 (no avx512_bf16 or amx_bf16 flag), so fp32");
        var flags = string.Join(" and ", bf16Flags);
        return verified
            ? (ImagePrecision.BFloat16, $"auto: the processor reports {flags} and the kit verified bf16 embeddings keep accuracy, so bf16")
            : (ImagePrecision.Float32, $"auto: the processor reports {flags}, but bf16 embeddings are not verified to keep downstream accuracy within 0.2 points of fp32 (docs/precision.md), so fp32");
    }

    /// <summary>The native-bf16 flags this processor reports ("avx512_bf16", "amx_bf16"); empty when none or when
    /// /proc/cpuinfo cannot be read (non-Linux systems).</summary>
    public static IReadOnlyList<string> NativeBFloat16Flags()
    {
        try
        {
            return File.Exists("/proc/cpuinfo") ? NativeBFloat16Flags(File.ReadLines("/proc/cpuinfo")) : [];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The native-bf16 flags in the first "flags" line of <paramref name="cpuinfo"/>, in the format of Linux's /proc/cpuinfo.</summary>
    public static IReadOnlyList<string> NativeBFloat16Flags(IEnumerable<string> cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        var line = cpuinfo.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal) && l.Contains(':'));
        if (line is null) return [];
        var flags = line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new[] { "avx512_bf16", "amx_bf16" }.Where(flags.Contains).ToList();
    }
}
