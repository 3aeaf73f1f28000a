using FusionKit.Data;
using FusionKit.Interactive;

namespace FusionKit.Experiments.Interaction;

/// <summary>Pictures of where a cross-attention answer model looked for a question (<see cref="AttentionOverlay"/> over the image).</summary>
public static class InteractionPictures
{
    /// <summary>
    /// The image beside the same image under the question's attention map, captioned with the question and the answer;
    /// null when the reply has no map (not answered, or not cross-attention).
    /// </summary>
    public static ImageGrid? Answer(RawImage image, AskAnswer reply)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.AttentionMap is not { } map) return null;
        var scale = Math.Max(1, 224 / Math.Max(image.Width, image.Height)); // a 28x28 item is drawn 8 times larger
        return new ImageGrid([new ImageTile(image, "the image"), new ImageTile(AttentionOverlay.Draw(image, map, scale), $"“{reply.Question}” → {reply.Answer}")],
                             columns: 2, tileSize: 224, title: "Where the question looked: attention over ResNet18's 7x7 grid");
    }

    /// <summary>
    /// Where the experiment's cross-attention model looked (<see cref="InteractionResult.AttentionRun"/>) for a few test
    /// questions: each image, then its attention over the 7x7 grid captioned with the question and the answer; null when
    /// no cross-attention model ran.
    /// </summary>
    public static ImageGrid? Experiment(InteractionResult result, InteractionData data)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(data);
        if (result.AttentionRun() is not { } run) return null;
        var tiles = new List<ImageTile>();
        foreach (var example in run.Attention!)
        {
            var image = data.Test.Dataset.Samples[example.Question.Image].Image;
            tiles.Add(new ImageTile(image, $"“{example.Question.Text}” (true: {example.Question.Answer})"));
            tiles.Add(new ImageTile(AttentionOverlay.Draw(image, example.Map), $"→ {example.Predicted}"));
        }
        return new ImageGrid(tiles, columns: 4, tileSize: 140,
                             title: $"Where {run.Label} looked (seed {run.Seed}; generated questions): each image, then the question's attention over the 7x7 grid");
    }
}
