using TorchSharp;
using TorchSharp.Modules;

namespace FusionKit.Training;

/// <summary>
/// Saves and loads a module's parameters and buffers in TorchSharp's state-dict format. Files are written
/// atomically; loading into a model of another shape fails naming the file.
/// </summary>
public static class ModelFiles
{
    /// <summary>Writes the module's state to <paramref name="path"/> (temporary file, then rename).</summary>
    public static void Save(torch.nn.Module module, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var tmp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(tmp, ToBytes(module));
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>Loads a state written by <see cref="Save"/> into a module of the same structure.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file does not fit the module; the message names the file.</exception>
    public static void Load(torch.nn.Module module, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file {path} does not exist.", path);
        try
        {
            FromBytes(module, File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"{path} does not fit {module.GetName()}: {e.Message}", e);
        }
    }

    internal static byte[] ToBytes(torch.nn.Module module)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
            module.save(writer);
        return buffer.ToArray();
    }

    internal static void FromBytes(torch.nn.Module module, byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        module.load(reader, strict: true);
    }

    internal static byte[] ToBytes(OptimizerHelper optimizer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
            optimizer.save_state_dict(writer);
        return buffer.ToArray();
    }

    internal static void FromBytes(OptimizerHelper optimizer, byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        optimizer.load_state_dict(reader);
    }
}
