using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>One variant's test confusion counts.</summary>
internal sealed record EvaluationFile(string Variant, TestTextKind TestText, int[][] Confusion)
{
    /// <summary>True when the test text was derived from the true label (see <see cref="CaseStudyVariant.Leaks"/>).</summary>
    public bool Leaked => CaseStudyVariant.TestTextLeaks(TestText);
}
