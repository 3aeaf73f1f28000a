
namespace FusionKit.Experiments.CaseStudy;

/// <summary>Which network a case-study variant trains.</summary>
public enum CaseStudyModelKind
{
    /// <summary>The head on the image embedding alone (baseline).</summary>
    ImageOnly,

    /// <summary>The paper's design: [image ; text embedding of the sample's label] -> head -> class logits.</summary>
    Paper,

    /// <summary>The honest design: score(image, label text) for every label, argmax; no label is an input.</summary>
    Compatibility,
}
