using System.Text;
using FusionKit.Data;

namespace FusionKit.Training.Gan;

/// <summary>
/// Everything needed to continue a GAN run after its last finished epoch: G's and D's weights and Adam states,
/// torch's RNG state and the history. Same blob layout and atomic write as the classifier's
/// <see cref="Checkpoint"/>, under its own magic so neither trainer mistakes the other's file for its own.
/// </summary>
internal sealed record GanCheckpoint(
    string Fingerprint,
    IReadOnlyList<GanEpochRecord> Epochs,
    byte[] RngState,
    byte[] GeneratorState,
    byte[] DiscriminatorState,
    byte[] GeneratorOptimizerState,
    byte[] DiscriminatorOptimizerState)
{
    private const string Magic = "FusionKit.GanCheckpoint";
    private const int Version = 1;

    public void Write(string path) => AtomicFile.Write(path, stream =>
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        Checkpoint.WriteHeader(w, Magic, Version, Fingerprint);
        w.Write(Epochs.Count);
        foreach (var e in Epochs)
        {
            w.Write(e.Epoch);
            w.Write(e.DiscriminatorLoss);
            w.Write(e.GeneratorLoss);
            w.Write(e.RealScore);
            w.Write(e.FakeScore);
            w.Write(e.Seconds);
        }
        foreach (var blob in new[] { RngState, GeneratorState, DiscriminatorState, GeneratorOptimizerState, DiscriminatorOptimizerState })
            Checkpoint.WriteBlob(w, blob);
    });

    /// <exception cref="InvalidDataException">Not a GAN checkpoint, another version, or truncated; the message names the file.</exception>
    public static GanCheckpoint Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            var fingerprint = Checkpoint.ReadHeader(r, path, Magic, Version, "GAN checkpoint");
            var count = r.ReadInt32();
            var epochs = new List<GanEpochRecord>(count);
            for (var i = 0; i < count; i++)
                epochs.Add(new GanEpochRecord(r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble()));
            return new GanCheckpoint(fingerprint, epochs, Checkpoint.ReadBlob(r), Checkpoint.ReadBlob(r), Checkpoint.ReadBlob(r), Checkpoint.ReadBlob(r), Checkpoint.ReadBlob(r));
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path} is truncated: {e.Message}", e);
        }
    }
}
