using System.Buffers.Binary;
using System.Text;

namespace FusionKit.Platform;

/// <summary>
/// Reads and edits the symbol-version requirements (<c>.gnu.version_r</c>, SHT_GNU_verneed) of a 64-bit
/// little-endian ELF shared library. Used to let TorchSharp 0.107.0's <c>libLibTorchSharp.so</c> load on
/// systems whose libstdc++ lacks GLIBCXX_3.4.32: that version's only symbol is referenced by no relocation,
/// so marking the requirement weak (VER_FLG_WEAK) is safe (see docs/platform.md, TorchSharp 0.107.0 on older glibc).
/// Layout follows the System V gABI and the LSB "Symbol Versioning" specification.
/// </summary>
public static class ElfVersionNeeds
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const uint ShtDynsym = 11;
    /// <summary>VER_FLG_WEAK: a missing version is tolerated by the dynamic loader.</summary>
    public const ushort VerFlagWeak = 0x2;

    /// <summary>One required version: the library that provides it, its name, flags and the dynamic symbols bound to it.</summary>
    public sealed record Requirement(string File, string Version, ushort Flags, IReadOnlyList<string> Symbols, int FlagsOffset)
    {
        public bool IsWeak => (Flags & VerFlagWeak) != 0;
    }

    /// <summary>Lists every version requirement of the ELF image with the dynamic symbols that use it.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file.</exception>
    public static IReadOnlyList<Requirement> Read(byte[] elf)
    {
        ArgumentNullException.ThrowIfNull(elf);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("Not an ELF file (bad magic number).");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("Only 64-bit little-endian ELF files are supported.");

        var sections = ReadSections(elf);
        var verneed = sections.FirstOrDefault(s => s.Type == ShtGnuVerneed);
        if (verneed is null) return [];
        var strtab = sections[(int)verneed.Link];
        var dynsym = sections.FirstOrDefault(s => s.Type == ShtDynsym);
        var versym = sections.FirstOrDefault(s => s.Type == ShtGnuVersym);

        // Version index (vna_other) -> symbol names, from .gnu.version parallel to .dynsym.
        var symbolsByIndex = new Dictionary<int, List<string>>();
        if (dynsym is not null && versym is not null)
        {
            var dynstr = sections[(int)dynsym.Link];
            var count = (int)(dynsym.Size / 24);
            for (var i = 0; i < count; i++)
            {
                var index = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan((int)versym.Offset + 2 * i)) & 0x7fff;
                if (index < 2) continue; // local / global, unversioned
                var nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)dynsym.Offset + 24 * i));
                if (!symbolsByIndex.TryGetValue(index, out var list)) symbolsByIndex[index] = list = [];
                list.Add(ReadString(elf, strtab == dynstr ? strtab.Offset + nameOffset : dynstr.Offset + nameOffset));
            }
        }

        var result = new List<Requirement>();
        var entry = verneed.Offset;
        for (var n = 0; n < verneed.Info; n++)
        {
            var cnt = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan((int)entry + 2));
            var file = ReadString(elf, strtab.Offset + BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)entry + 4)));
            var aux = entry + BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)entry + 8));
            for (var a = 0; a < cnt; a++)
            {
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan((int)aux + 4));
                var other = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan((int)aux + 6));
                var name = ReadString(elf, strtab.Offset + BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)aux + 8)));
                result.Add(new Requirement(file, name, flags, symbolsByIndex.GetValueOrDefault(other) ?? [], (int)aux + 4));
                aux += BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)aux + 12));
            }
            entry += BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)entry + 12));
        }
        return result;
    }

    /// <summary>Lists the version names a shared library defines (<c>.gnu.version_d</c>), e.g. GLIBCXX_3.4.30 for libstdc++.</summary>
    public static IReadOnlySet<string> ReadDefinedVersions(byte[] elf)
    {
        const uint shtGnuVerdef = 0x6ffffffd;
        var sections = ReadSections(elf);
        var verdef = sections.FirstOrDefault(s => s.Type == shtGnuVerdef);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (verdef is null) return names;
        var strtab = sections[(int)verdef.Link];
        var entry = verdef.Offset;
        for (var n = 0; n < verdef.Info; n++)
        {
            var aux = entry + BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)entry + 12));
            names.Add(ReadString(elf, strtab.Offset + BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)aux))));
            entry += BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)entry + 16));
        }
        return names;
    }

    /// <summary>Sets VER_FLG_WEAK on the given requirements, in place.</summary>
    public static void MarkWeak(byte[] elf, IEnumerable<Requirement> requirements)
    {
        foreach (var r in requirements)
            BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(r.FlagsOffset), (ushort)(r.Flags | VerFlagWeak));
    }

    private sealed record Section(uint Type, long Offset, long Size, uint Link, uint Info);

    private static List<Section> ReadSections(byte[] elf)
    {
        var shoff = BinaryPrimitives.ReadInt64LittleEndian(elf.AsSpan(0x28));
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3A));
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3C));
        if (shoff <= 0 || shoff + (long)shentsize * shnum > elf.Length || shentsize < 64)
            throw new InvalidDataException("ELF section header table is missing or truncated.");
        var list = new List<Section>(shnum);
        for (var i = 0; i < shnum; i++)
        {
            var h = elf.AsSpan((int)(shoff + (long)i * shentsize));
            list.Add(new Section(
                BinaryPrimitives.ReadUInt32LittleEndian(h[4..]),
                BinaryPrimitives.ReadInt64LittleEndian(h[0x18..]),
                BinaryPrimitives.ReadInt64LittleEndian(h[0x20..]),
                BinaryPrimitives.ReadUInt32LittleEndian(h[0x28..]),
                BinaryPrimitives.ReadUInt32LittleEndian(h[0x2C..])));
        }
        return list;
    }

    private static string ReadString(byte[] elf, long offset)
    {
        var start = (int)offset;
        var end = Array.IndexOf(elf, (byte)0, start);
        if (end < 0) throw new InvalidDataException("ELF string table entry is not terminated.");
        return Encoding.UTF8.GetString(elf, start, end - start);
    }
}
