using System.Text;
using FusionKit.Data;

namespace FusionKit.Training;

/// <summary>
/// Everything needed to continue a run after its last finished epoch: model and optimizer state, the state of
/// every random generator the run uses (<see cref="RandomGenerators"/>), the history and the early-stopping bookkeeping. Written atomically (temporary file in the same folder,
/// then renamed over the old one), so an interrupted write never leaves a half checkpoint behind.
/// </summary>
internal sealed record Checkpoint(
    string Fingerprint,
    IReadOnlyList<EpochRecord> Epochs,
    int? BestEpoch,
    double BestScore,
    int EpochsWithoutImprovement,
    bool StoppedEarly,
    IReadOnlyList<GeneratorState> Generators,
    byte[] ModelState,
    byte[] OptimizerState,
    byte[]? BestModelState)
{
    private const string Magic = "FusionKit.Checkpoint";
    private const int Version = 2; // 2: one state per generator (CPU, CUDA) instead of the CPU state alone

    public void Write(string path) => AtomicFile.Write(path, stream =>
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        WriteHeader(w, Magic, Version, Fingerprint);
        w.Write(Epochs.Count);
        foreach (var e in Epochs)
        {
            w.Write(e.Epoch);
            w.Write(e.TrainLoss);
            w.Write(e.TrainAccuracy);
            WriteOptional(w, e.ValidationLoss);
            WriteOptional(w, e.ValidationAccuracy);
            w.Write(e.Seconds);
        }
        w.Write(BestEpoch ?? -1);
        w.Write(BestScore);
        w.Write(EpochsWithoutImprovement);
        w.Write(StoppedEarly);
        w.Write(Generators.Count);
        foreach (var g in Generators)
        {
            w.Write(g.Name);
            WriteBlob(w, g.State);
        }
        WriteBlob(w, ModelState);
        WriteBlob(w, OptimizerState);
        w.Write(BestModelState is not null);
        if (BestModelState is not null) WriteBlob(w, BestModelState);
    });

    /// <exception cref="InvalidDataException">Not a checkpoint, another version, or truncated; the message names the file.</exception>
    public static Checkpoint Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            var fingerprint = ReadHeader(r, path, Magic, Version, "checkpoint");
            var count = r.ReadInt32();
            var epochs = new List<EpochRecord>(count);
            for (var i = 0; i < count; i++)
                epochs.Add(new EpochRecord(r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), ReadOptional(r), ReadOptional(r), r.ReadDouble()));
            var best = r.ReadInt32();
            var bestScore = r.ReadDouble();
            var wait = r.ReadInt32();
            var stopped = r.ReadBoolean();
            var generators = new GeneratorState[r.ReadInt32()];
            for (var i = 0; i < generators.Length; i++) generators[i] = new GeneratorState(r.ReadString(), ReadBlob(r));
            var model = ReadBlob(r);
            var optimizer = ReadBlob(r);
            var bestModel = r.ReadBoolean() ? ReadBlob(r) : null;
            return new Checkpoint(fingerprint, epochs, best < 0 ? null : best, bestScore, wait, stopped, generators, model, optimizer, bestModel);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path} is truncated: {e.Message}", e);
        }
    }

    /// <summary>Writes what every kit checkpoint starts with: its kind (<paramref name="magic"/>), format version and fingerprint.</summary>
    internal static void WriteHeader(BinaryWriter w, string magic, int version, string fingerprint)
    {
        w.Write(magic);
        w.Write(version);
        w.Write(fingerprint);
    }

    /// <summary>Reads <see cref="WriteHeader"/>'s fields and returns the fingerprint.</summary>
    /// <exception cref="InvalidDataException">Another kind of file or another version; the message names the file and says what to do.</exception>
    internal static string ReadHeader(BinaryReader r, string path, string magic, int version, string kind)
    {
        if (r.ReadString() != magic) throw new InvalidDataException($"{path} is not a FusionKit {kind}.");
        var found = r.ReadInt32();
        if (found != version)
            throw new InvalidDataException($"{path} is {kind} version {found}; this kit reads version {version}. Delete it (or its folder) to restart that training run.");
        return r.ReadString();
    }

    private static void WriteOptional(BinaryWriter w, double? value)
    {
        w.Write(value.HasValue);
        w.Write(value ?? 0);
    }

    private static double? ReadOptional(BinaryReader r)
    {
        var has = r.ReadBoolean();
        var value = r.ReadDouble();
        return has ? value : null;
    }

    internal static void WriteBlob(BinaryWriter w, byte[] blob)
    {
        w.Write(blob.Length);
        w.Write(blob);
    }

    internal static byte[] ReadBlob(BinaryReader r)
    {
        var length = r.ReadInt32();
        var blob = r.ReadBytes(length);
        if (blob.Length != length) throw new EndOfStreamException($"expected {length} bytes, found {blob.Length}.");
        return blob;
    }
}
