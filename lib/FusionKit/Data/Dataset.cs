namespace FusionKit.Data;

/// <summary>
/// An in-memory labelled image dataset. <see cref="Fingerprint"/> identifies its exact contents (source
/// checksums plus the selection of samples) and keys the embedding cache.
/// </summary>
public sealed class Dataset
{
    public Dataset(string name, IReadOnlyList<string> classNames, IReadOnlyList<Sample> samples, string fingerprint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint);
        if (classNames.Count == 0) throw new ArgumentException($"Dataset '{name}' has no classes.", nameof(classNames));
        if (samples.Count == 0) throw new InvalidDataException($"Dataset '{name}' is empty: it has no samples.");
        for (var i = 0; i < samples.Count; i++)
        {
            var label = samples[i].Label;
            if (label < 0 || label >= classNames.Count)
                throw new ArgumentException($"Dataset '{name}', sample '{samples[i].Id}': label {label} is outside 0..{classNames.Count - 1}.", nameof(samples));
        }
        Name = name;
        ClassNames = classNames;
        Samples = samples;
        Fingerprint = fingerprint;
    }

    public string Name { get; }
    public IReadOnlyList<string> ClassNames { get; }
    public IReadOnlyList<Sample> Samples { get; }
    public string Fingerprint { get; }
    public int Count => Samples.Count;

    public int[] Labels() => Samples.Select(s => s.Label).ToArray();
    public IReadOnlyList<RawImage> Images() => Samples.Select(s => s.Image).ToArray();

    /// <summary>A dataset of the samples at <paramref name="indices"/>, in that order, with a derived fingerprint.</summary>
    public Dataset Select(IReadOnlyList<int> indices, string? suffix = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var picked = indices.Select(i => Samples[i]).ToArray();
        var key = Hashing.Sha256Hex(Fingerprint + "|" + string.Join(',', indices));
        return new Dataset(suffix is null ? Name : $"{Name}-{suffix}", ClassNames, picked, key);
    }
}
