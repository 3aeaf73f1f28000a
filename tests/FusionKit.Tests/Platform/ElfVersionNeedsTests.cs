using FusionKit.Platform;

namespace FusionKit.Tests.Platform;

public class ElfVersionNeedsTests
{
    private static string Binding() => Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");

    [Fact]
    public void Read_FindsTheGlibcxx3432RequirementOfTorchSharp()
    {
        // docs/platform.md (checked with readelf -V): TorchSharp 0.107.0's binding needs GLIBCXX_3.4.32, and
        // the only dynamic symbol of that version is _ZSt21ios_base_library_initv.
        var needs = ElfVersionNeeds.Read(File.ReadAllBytes(Binding()));
        var v = Assert.Single(needs, n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", v.File);
        Assert.Equal(["_ZSt21ios_base_library_initv"], v.Symbols);
        Assert.False(v.IsWeak);
        Assert.Contains(needs, n => n.Version == "GLIBC_2.2.5" && n.File == "libc.so.6");
    }

    [Fact]
    public void MarkWeak_SetsOnlyThatRequirementsFlag()
    {
        var bytes = File.ReadAllBytes(Binding());
        var before = ElfVersionNeeds.Read(bytes);
        ElfVersionNeeds.MarkWeak(bytes, before.Where(n => n.Version == "GLIBCXX_3.4.32"));
        var after = ElfVersionNeeds.Read(bytes);
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
            Assert.Equal(before[i].IsWeak || before[i].Version == "GLIBCXX_3.4.32", after[i].IsWeak);
    }

    [Fact]
    public void ReadDefinedVersions_ListsLibstdcxxVersions()
    {
        var libstdcxx = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6" }.First(File.Exists);
        var defined = ElfVersionNeeds.ReadDefinedVersions(File.ReadAllBytes(libstdcxx));
        Assert.Contains("GLIBCXX_3.4", defined); // the base version every libstdc++.so.6 defines
    }

    [Fact]
    public void Read_RejectsANonElfFileClearly()
    {
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read("not an elf file at all, just some text"u8.ToArray().Concat(new byte[64]).ToArray()));
        Assert.Contains("Not an ELF file", e.Message);
    }
}
