using System.Text;
using FusionKit.Training;
using FusionKit.Training.Gan;

namespace FusionKit.Tests.Training;

/// <summary>Both checkpoint kinds share one header (kind, version, fingerprint) and one message for a file they cannot read.</summary>
public sealed class CheckpointHeaderTests
{
    private static string FileWithHeader(string folder, string magic, int version)
    {
        var path = Path.Combine(folder, "x.fkc");
        using var w = new BinaryWriter(File.Create(path), Encoding.UTF8);
        w.Write(magic);
        w.Write(version);
        w.Write("fingerprint");
        return path;
    }

    [Fact]
    public void AnotherVersion_IsRefused_NamingTheFileAndHowToRestart()
    {
        using var temp = new TempFolder();
        var gan = Assert.Throws<InvalidDataException>(() => GanCheckpoint.Read(FileWithHeader(temp.Path, "FusionKit.GanCheckpoint", 99))).Message;
        Assert.Contains("x.fkc is GAN checkpoint version 99; this kit reads version 1.", gan);
        Assert.Contains("Delete it (or its folder) to restart that training run.", gan);
        var head = Assert.Throws<InvalidDataException>(() => Checkpoint.Read(FileWithHeader(temp.Path, "FusionKit.Checkpoint", 99))).Message;
        Assert.Contains("x.fkc is checkpoint version 99; this kit reads version 2.", head);
    }

    [Fact]
    public void AnotherKind_IsRefused()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<InvalidDataException>(() => GanCheckpoint.Read(FileWithHeader(temp.Path, "FusionKit.Checkpoint", 2)));
        Assert.EndsWith("x.fkc is not a FusionKit GAN checkpoint.", e.Message);
    }
}
