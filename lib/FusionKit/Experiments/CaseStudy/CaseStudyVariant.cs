using FusionKit.Text;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>
/// One row of the case study: a trained model and what it reads at test time. <see cref="Leaks"/> is true when
/// a test-time input is computed from the test sample's true label (its text, or the text of a label chosen to
/// differ from it): such a number measures the leak, never the classifier.
/// </summary>
/// <param name="Name">Display name, e.g. "paper (minilm)" or "paper (minilm), wrong label text".</param>
/// <param name="Model">The network trained.</param>
/// <param name="TextEncoder">Label-text encoder, or null for image-only.</param>
/// <param name="TestText">What the model reads as text at test time.</param>
public sealed record CaseStudyVariant(string Name, CaseStudyModelKind Model, string? TextEncoder, TestTextKind TestText)
{
    /// <summary>True when a test-time input is derived from the true test label.</summary>
    public bool Leaks => TestTextLeaks(TestText);

    /// <summary>True for the test texts derived from the true label: its own text, or a text chosen to differ from it.</summary>
    public static bool TestTextLeaks(TestTextKind kind) => kind is TestTextKind.TrueLabel or TestTextKind.WrongLabel;

    /// <summary>
    /// True when the model's training history is leaked: the paper model is validated with the true label's text
    /// (the same protocol as its test), so its validation loss and accuracy, every epoch and its best epoch read
    /// the answer. This holds for every audit row of a paper model too, whatever text those rows read at test time.
    /// </summary>
    public bool TrainingLeaks => Model == CaseStudyModelKind.Paper;

    /// <summary>The trained model this row evaluates, e.g. "paper (minilm)" for each of its audit rows.</summary>
    public string TrainingName => TrainingNameOf(Model, TextEncoder);

    /// <summary><see cref="TrainingName"/> with " [leaked]" when <see cref="TrainingLeaks"/>: for training curves and logs.</summary>
    public string TrainingDisplayName => TrainingLeaks ? TrainingName + " [leaked]" : TrainingName;

    /// <summary>The name of the model a (model, encoder) pair trains: "image-only", "paper (e)" or "compatibility (e)".</summary>
    internal static string TrainingNameOf(CaseStudyModelKind model, string? encoder) => model switch
    {
        CaseStudyModelKind.ImageOnly => "image-only",
        CaseStudyModelKind.Paper => $"paper ({encoder})",
        _ => $"compatibility ({encoder})",
    };

    /// <summary>"baseline", "honest", "paper protocol (leaked)" or "leakage audit".</summary>
    public string Role => (Model, TestText) switch
    {
        (CaseStudyModelKind.ImageOnly, _) => "baseline",
        (CaseStudyModelKind.Compatibility, _) => "honest",
        (_, TestTextKind.TrueLabel) => "paper protocol (leaked)",
        _ => "leakage audit",
    };

    /// <summary>The <see cref="TextSources.ColumnName"/> value: "label" for the models that read label text (paper and
    /// compatibility, audit rows included), <see cref="TextSources.None"/> for image-only.</summary>
    public string TextSourceName => Model == CaseStudyModelKind.ImageOnly ? TextSources.None : TextSources.Name(TextSource.Label);

    /// <summary>The name with " [leaked]" appended to leaked rows, for tables and chart axes.</summary>
    public string DisplayName => Leaks ? Name + " [leaked]" : Name;

    /// <summary>A file-name-safe key, e.g. "paper-minilm-wrong-label-text".</summary>
    public string Key => Slug(Name);

    /// <summary>The image-only baseline.</summary>
    public static CaseStudyVariant ImageOnly { get; } = new("image-only", CaseStudyModelKind.ImageOnly, null, TestTextKind.NotUsed);

    /// <summary>The paper model with the true label text (leaked), then its three audits, for one encoder.</summary>
    public static IReadOnlyList<CaseStudyVariant> PaperWithAudits(string encoder) =>
    [
        new($"paper ({encoder})", CaseStudyModelKind.Paper, encoder, TestTextKind.TrueLabel),
        new($"paper ({encoder}), wrong label text", CaseStudyModelKind.Paper, encoder, TestTextKind.WrongLabel),
        new($"paper ({encoder}), random label text", CaseStudyModelKind.Paper, encoder, TestTextKind.RandomLabel),
        new($"paper ({encoder}), no text", CaseStudyModelKind.Paper, encoder, TestTextKind.Zeros),
    ];

    /// <summary>The honest compatibility model for one encoder.</summary>
    public static CaseStudyVariant Compatibility(string encoder) =>
        new($"compatibility ({encoder})", CaseStudyModelKind.Compatibility, encoder, TestTextKind.NotUsed);

    /// <summary>Every variant of a configuration, in report order: baseline, honest models, paper models and their audits.</summary>
    public static IReadOnlyList<CaseStudyVariant> All(CaseStudyConfig config)
    {
        var list = new List<CaseStudyVariant> { ImageOnly };
        if (config.IncludeCompatibility) list.AddRange(config.TextEncoders.Select(Compatibility));
        foreach (var encoder in config.TextEncoders) list.AddRange(PaperWithAudits(encoder));
        return list;
    }

    internal static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = new string(chars);
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return slug.Trim('-');
    }
}
