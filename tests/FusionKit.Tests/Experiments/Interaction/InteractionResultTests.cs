using FusionKit.Experiments.Interaction;
using FusionKit.Experiments.Interaction.QuestionGeneration;
using FusionKit.Text;

namespace FusionKit.Tests.Experiments.Interaction;

/// <summary>The comparison table's means and spreads over seeds, the validation-only model choice and the gaps.</summary>
public class InteractionResultTests
{
    private static Dictionary<QuestionType, double> PerType(double what, double isClass, double yesNo, double value) =>
        new() { [QuestionType.What] = what, [QuestionType.IsClass] = isClass, [QuestionType.YesNo] = yesNo, [QuestionType.Value] = value };

    private static InteractionRun Run(string model, string encoder, int seed, double validation, double seen, double heldOut) =>
        new(model, encoder, seed, 1.5, 4, validation, PerType(seen, seen, seen, seen), seen, PerType(heldOut, heldOut, heldOut, heldOut), heldOut);

    internal static InteractionResult Result() => new("smoke", InteractionConfig.Default with { Methods = ["concat", "gated"], TextEncoders = ["minilm"] }, [0, 1],
    [
        Run("image-only", "-", 0, 0.5, 0.50, 0.50), Run("image-only", "-", 1, 0.5, 0.54, 0.54),
        Run("question-only", "minilm", 0, 0.4, 0.40, 0.30), Run("question-only", "minilm", 1, 0.4, 0.42, 0.32),
        // concat is better on test but worse on validation: the choice must follow validation
        Run("concat", "minilm", 0, 0.70, 0.95, 0.90), Run("concat", "minilm", 1, 0.70, 0.95, 0.90),
        Run("gated", "minilm", 0, 0.80, 0.80, 0.70), Run("gated", "minilm", 1, 0.82, 0.90, 0.74),
    ], 12.0);

    [Fact]
    public void Summary_MeanAndSampleStdOverSeeds()
    {
        var summary = Result().Summary();
        // gated, seen: mean(0.80, 0.90) = 0.85, sample std = |0.90 - 0.80| / sqrt(2) = 0.070711 (numpy np.std(ddof=1))
        var gatedSeen = summary.Where(r => summary.Cell(r, "model") == "gated" && summary.Cell(r, "phrasing") == "seen");
        Assert.Equal(0.85, gatedSeen.OfMetric("overall").Rows.Single().Mean, 6);
        Assert.Equal(0.070711, gatedSeen.OfMetric("yes-no").Rows.Single().Std, 6);
        Assert.All(gatedSeen.Rows, r => Assert.Equal(2, r.N));
        Assert.All(gatedSeen.Rows, r => Assert.Equal("generated", summary.Cell(r, "questions")));
    }

    [Fact]
    public void BestFusion_IsChosenOnValidationNotOnTest()
    {
        var result = Result();
        Assert.Equal(("gated", "minilm"), result.BestFusion());
        var gaps = result.Gaps();
        // gated seen mean 0.85 - image-only mean 0.52 = 0.33; - question-only mean 0.41 = 0.44
        Assert.Equal(0.33, (double)gaps["gap over image-only"][0]!, 6);
        Assert.Equal(0.44, (double)gaps["gap over question-only"][0]!, 6);
        var drop = result.PhrasingDrop();
        var gated = Enumerable.Range(0, (int)drop.Rows.Count).Single(r => (string)drop["model"][r] == "gated");
        Assert.Equal(0.85 - 0.72, (double)drop["drop"][gated]!, 6);
    }

    [Fact]
    public void Text_SaysTheQuestionsAreGenerated()
    {
        Assert.Contains("generated", Result().Text());
        Assert.All(Result().Charts(), c => Assert.Contains("generated questions", c.GetInlineHtml()));
    }
}
