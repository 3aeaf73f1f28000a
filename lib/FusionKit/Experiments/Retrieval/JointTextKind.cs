using FusionKit.Text;

namespace FusionKit.Experiments.Retrieval;

/// <summary>Which text a joint image-text space is trained and evaluated on.</summary>
public enum JointTextKind
{
    /// <summary>Label-level: every image paired with its class's description (<see cref="FashionMnistLabelText.Descriptions"/>); an image is relevant to its class's text.</summary>
    Descriptions,

    /// <summary>
    /// Instance-level: every image paired with its own simulated product title (<see cref="SideTextGenerator"/>); scored
    /// with identical titles merged into one text (training and evaluation): with exact-text relevance (a title is
    /// relevant to the images carrying exactly it) and with class-level relevance (a title is relevant to
    /// every image of the class it names, <see cref="FusionKit.Evaluation.Ranking.ClassLevelRetrieval"/>).
    /// </summary>
    SideText,
}
