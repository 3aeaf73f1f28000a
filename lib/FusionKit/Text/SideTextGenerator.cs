using FusionKit.Data;

namespace FusionKit.Text;

/// <summary>
/// Simulated per-image side text for Fashion-MNIST: product-listing style titles ("black cotton t-shirt, slim
/// fit") generated deterministically from a seed with a controlled reliability. Fashion-MNIST has no text of its
/// own; this stands in for the seller titles or captions that real multimodal data carries, so that text exists
/// at test time without being the label. It is simulated: its informativeness is whatever the reliability says.
/// </summary>
public static class SideTextGenerator
{
    private static readonly string[][] Nouns =
    [
        ["t-shirt", "tee", "crew neck top", "tank top"],
        ["trousers", "pants", "jeans", "chinos"],
        ["pullover", "sweater", "jumper", "knit sweater"],
        ["dress", "midi dress", "summer dress", "evening gown"],
        ["coat", "jacket", "parka", "trench coat"],
        ["sandals", "strappy sandals", "flip flops", "slides"],
        ["shirt", "button-down shirt", "blouse", "oxford shirt"],
        ["sneakers", "trainers", "running shoes", "canvas shoes"],
        ["bag", "handbag", "tote bag", "shoulder bag"],
        ["ankle boots", "chelsea boots", "boots", "booties"],
    ];

    /// <summary>For each class, the classes a careless title confuses it with (from Fashion-MNIST's usual confusions).</summary>
    private static readonly int[][] Confusable =
    [
        [6, 2], [3], [4, 6], [4, 0], [2, 6], [7, 9], [0, 2], [5, 9], [4], [7, 5],
    ];

    private static readonly string[] Colours = ["black", "white", "navy", "grey", "beige", "red", "olive", "blue", "brown", "pink"];
    private static readonly string[] Materials = ["cotton", "wool", "denim", "leather", "linen", "polyester", "suede", "knit"];
    private static readonly string[] Suffixes = ["slim fit", "new season", "everyday style", "classic cut", "limited edition", "unisex"];
    private static readonly string[] Uninformative =
    [
        "new arrival, free shipping", "best seller, great price", "limited stock, order today", "top rated item, fast delivery",
        "clearance sale, last pieces", "gift idea, easy returns", "trending now, premium quality", "exclusive online offer",
    ];

    /// <summary>The classes <paramref name="label"/> is treated as confusable with.</summary>
    public static IReadOnlyList<int> ConfusableWith(int label) => Confusable[label];

    /// <summary>One title per sample of <paramref name="dataset"/>, deterministic by <paramref name="seed"/> and sample order.</summary>
    public static IReadOnlyList<SideText> Generate(Dataset dataset, SideTextReliability reliability, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.ClassNames.Count != Nouns.Length)
            throw new ArgumentException($"The side-text vocabulary covers Fashion-MNIST's {Nouns.Length} classes; '{dataset.Name}' has {dataset.ClassNames.Count}.", nameof(dataset));
        return Generate(dataset.Labels(), reliability, seed);
    }

    /// <summary>One title per label.</summary>
    public static IReadOnlyList<SideText> Generate(IReadOnlyList<int> labels, SideTextReliability reliability, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(reliability);
        reliability.Validate();
        var rng = new SplitMix64(seed);
        var result = new SideText[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            if (label < 0 || label >= Nouns.Length) throw new ArgumentOutOfRangeException(nameof(labels), $"labels[{i}] = {label} is not a Fashion-MNIST class.");
            var u = rng.NextDouble();
            if (u < reliability.TrueClass)
                result[i] = new SideText(Title(label, rng), SideTextKind.TrueClass, label);
            else if (u < reliability.TrueClass + reliability.ConfusableClass)
            {
                var other = Confusable[label][rng.NextInt(Confusable[label].Length)];
                result[i] = new SideText(Title(other, rng), SideTextKind.ConfusableClass, other);
            }
            else
                result[i] = new SideText(Uninformative[rng.NextInt(Uninformative.Length)], SideTextKind.Uninformative, -1);
        }
        return result;
    }

    private static string Title(int label, SplitMix64 rng)
    {
        var noun = Nouns[label][rng.NextInt(Nouns[label].Length)];
        var colour = Colours[rng.NextInt(Colours.Length)];
        var material = Materials[rng.NextInt(Materials.Length)];
        var suffix = Suffixes[rng.NextInt(Suffixes.Length)];
        return $"{colour} {material} {noun}, {suffix}";
    }
}
