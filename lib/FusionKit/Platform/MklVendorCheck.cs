using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace FusionKit.Platform;

/// <summary>
/// Lets libtorch's bundled oneMKL use its AVX-512 kernels on AMD processors that have AVX-512. oneMKL picks its code path
/// by the processor's vendor before its features: on an AMD EPYC of the Zen 5 generation (AVX-512) it took the
/// AVX2 path written for earlier Zen cores (<c>mkl_blas_cnr_def_sgemm_kernel_0_zen</c>), and <c>MKL_CBWR=AVX512</c> or
/// <c>MKL_ENABLE_INSTRUCTIONS</c> do not change that. The vendor question is the function
/// <c>mkl_serv_intel_cpu_true</c>, which libtorch_cpu.so calls through its procedure linkage table; this class points
/// that table entry, in memory, at a function that answers yes, so oneMKL chooses by the processor's features
/// (<c>mkl_blas_avx512_sgemm_kernel_0_cnr</c>). The file on disk is not touched. Applied only on AMD processors with
/// AVX-512F, before oneMKL's first product (oneMKL remembers its choice); <c>FUSIONKIT_MKL_AVX512=0</c> keeps oneMKL's
/// own choice. docs/platform.md ("oneMKL's code path on AMD processors with AVX-512") has the measurements.
/// </summary>
internal static unsafe class MklVendorCheck
{
    /// <summary>The oneMKL service function that says whether the processor is Intel's.</summary>
    public const string Symbol = "mkl_serv_intel_cpu_true";

    /// <summary>The environment switch; "0" keeps oneMKL's own code path.</summary>
    public const string Switch = "FUSIONKIT_MKL_AVX512";

    private const uint ShtRela = 4;
    private const uint ShtDynsym = 11;
    private const uint RX8664JumpSlot = 7;

    private static int _answers;

    /// <summary>How many times oneMKL asked the patched entry whether the processor is Intel's (0: it never did, or the
    /// entry was not patched).</summary>
    public static int Answers => Volatile.Read(ref _answers);

    /// <summary>Whether the kit should patch on this processor: x86-64 with AVX-512F, made by AMD, and not switched off.</summary>
    public static bool Wanted(out string reason) => Wanted(Environment.GetEnvironmentVariable(Switch), out reason);

    /// <summary><see cref="Wanted(out string)"/> with <paramref name="switchValue"/> as the value of <see cref="Switch"/>.</summary>
    internal static bool Wanted(string? switchValue, out string reason)
    {
        if (switchValue == "0") { reason = $"{Switch}=0"; return false; }
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) { reason = "not x86-64 Linux"; return false; }
        if (!Avx512F.IsSupported) { reason = "the processor has no AVX-512"; return false; }
        if (Vendor() != "AuthenticAMD") { reason = $"the processor is not AMD's ({Vendor()})"; return false; }
        reason = "AMD processor with AVX-512";
        return true;
    }

    /// <summary>The CPUID vendor string ("AuthenticAMD", "GenuineIntel").</summary>
    public static string Vendor()
    {
        if (!X86Base.IsSupported) return "unknown";
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        Span<byte> name = stackalloc byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(name, ebx);
        BinaryPrimitives.WriteInt32LittleEndian(name[4..], edx);
        BinaryPrimitives.WriteInt32LittleEndian(name[8..], ecx);
        return Encoding.ASCII.GetString(name);
    }

    /// <summary>
    /// Points libtorch_cpu.so's table entry for <see cref="Symbol"/> at <see cref="AnswerYes"/>. Call once libtorch_cpu.so
    /// is loaded and before any tensor product. Returns what it did, or null with <paramref name="reason"/> saying why
    /// nothing was changed (a libtorch without that entry, an entry not writable).
    /// </summary>
    public static string? Patch(out string reason)
    {
        if (!Wanted(out reason)) return null;
        long slot;
        try
        {
            var mapping = LoadedLibtorch();
            if (mapping is null) return NotPatched("libtorch_cpu.so is not loaded", out reason);
            var (path, start) = mapping.Value;
            var slotOffset = JumpSlotOffset(path, Symbol);
            if (slotOffset < 0) return NotPatched($"{path} does not call {Symbol} through its linkage table", out reason);
            slot = start + slotOffset;
            if (!Writable(slot)) return NotPatched($"the linkage table entry of {Symbol} is read-only (the library was bound at load)", out reason);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
        {
            return NotPatched($"libtorch_cpu.so or /proc/self/maps could not be read ({e.Message}); oneMKL keeps its own choice", out reason);
        }
        delegate* unmanaged<int> yes = &AnswerYes;
        Interlocked.Exchange(ref *(nint*)slot, (nint)yes);
        reason = "";
        return $"oneMKL lets an AMD processor with AVX-512 use its AVX-512 kernels ({Symbol} answered yes; {Switch}=0 keeps oneMKL's AVX2 path).";
    }

    /// <summary>Why the entry was not written although the processor wanted it (for doctor), or null.</summary>
    public static string? Unpatched { get; private set; }

    private static string? NotPatched(string why, out string reason)
    {
        Unpatched = reason = why;
        return null;
    }

    [UnmanagedCallersOnly]
    private static int AnswerYes()
    {
        Interlocked.Increment(ref _answers);
        return 1;
    }

    /// <summary>The path and load address of the libtorch_cpu.so this process mapped, from /proc/self/maps.</summary>
    private static (string Path, long Start)? LoadedLibtorch()
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var slash = line.IndexOf('/');
            if (slash < 0 || !line.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (Convert.ToInt64(fields[2], 16) != 0) continue; // the mapping of the file's start is the load address
            return (line[slash..].Trim(), Convert.ToInt64(fields[0].Split('-')[0], 16));
        }
        return null;
    }

    private static bool Writable(long address)
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var fields = line.Split(' ', 3);
            var range = fields[0].Split('-');
            if (address >= Convert.ToInt64(range[0], 16) && address + 8 <= Convert.ToInt64(range[1], 16)) return fields[1][1] == 'w';
        }
        return false;
    }

    /// <summary>
    /// The offset from the load address of the jump-slot relocation (R_X86_64_JUMP_SLOT) that binds
    /// <paramref name="symbol"/> in a 64-bit little-endian shared library whose first segment loads at address 0; -1 when
    /// it has none. Reads only the headers and the dynamic symbol and relocation tables.
    /// </summary>
    /// <exception cref="InvalidDataException">Not such an ELF file.</exception>
    internal static long JumpSlotOffset(string path, string symbol)
    {
        using var file = File.OpenHandle(path);
        var header = Read(file, 0, 64);
        if (header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F' || header[4] != 2 || header[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        var shoff = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(0x28));
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x3A));
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x3C));
        if (shentsize < 64 || shoff <= 0) throw new InvalidDataException("no section header table");
        var table = Read(file, shoff, shentsize * shnum);
        var sections = Enumerable.Range(0, shnum).Select(i => table.AsSpan(i * shentsize, 64).ToArray())
            .Select(h => (Type: BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(4)), Offset: BinaryPrimitives.ReadInt64LittleEndian(h.AsSpan(0x18)),
                          Size: BinaryPrimitives.ReadInt64LittleEndian(h.AsSpan(0x20)), Link: BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(0x28))))
            .ToArray();
        var dynsymIndex = Array.FindIndex(sections, s => s.Type == ShtDynsym);
        if (dynsymIndex < 0) return -1;
        var dynsym = Read(file, sections[dynsymIndex].Offset, checked((int)sections[dynsymIndex].Size));
        var dynstrSection = sections[sections[dynsymIndex].Link];
        var dynstr = Read(file, dynstrSection.Offset, checked((int)dynstrSection.Size));
        var wanted = Encoding.ASCII.GetBytes(symbol + "\0");
        foreach (var rela in sections.Where(s => s.Type == ShtRela && s.Link == dynsymIndex))
        {
            var entries = Read(file, rela.Offset, checked((int)rela.Size));
            for (var e = 0; e + 24 <= entries.Length; e += 24)
            {
                var info = BinaryPrimitives.ReadUInt64LittleEndian(entries.AsSpan(e + 8));
                if ((uint)info != RX8664JumpSlot) continue;
                var nameOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(dynsym.AsSpan((int)(info >> 32) * 24));
                if (nameOffset + wanted.Length <= dynstr.Length && dynstr.AsSpan(nameOffset, wanted.Length).SequenceEqual(wanted))
                    return BinaryPrimitives.ReadInt64LittleEndian(entries.AsSpan(e));
            }
        }
        return -1;
    }

    private static byte[] Read(Microsoft.Win32.SafeHandles.SafeFileHandle file, long offset, int count)
    {
        var buffer = new byte[count];
        for (var done = 0; done < count;)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(done), offset + done);
            if (read == 0) throw new InvalidDataException("the file ends inside a table its headers name");
            done += read;
        }
        return buffer;
    }
}
