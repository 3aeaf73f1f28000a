using System.Globalization;
using System.Net;
using System.Text;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Results;
using FusionKit.Text;
using XPlot.Plotly;

namespace FusionKit.Runs;

/// <summary>A run section's part of report.html: what was run and how to read it, the headline table and the charts.</summary>
internal static class SectionReportHtml
{
    public static string Title(RunSection section) => section switch
    {
        RunSection.CaseStudy => "Case study and leakage audit",
        RunSection.Fusion => "Fusion comparison: image + simulated side text",
        RunSection.Retrieval => "Retrieval: by predicted class, and in a joint space with label descriptions and simulated side text",
        RunSection.ZeroShot => "Zero-shot classes from label text",
        RunSection.Interaction => "Interaction: generated questions about images",
        RunSection.Generation => FusionKit.Experiments.Generation.GenerationSection.Title,
        _ => RunSections.Name(section),
    };

    public static string Body(SectionResult result, IReadOnlyList<PlotlyChart> charts)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var name = RunSections.Name(result.Section);
        var html = new StringBuilder();
        html.Append("<h1 id=\"").Append(name).Append("\">").Append(E(Title(result.Section))).Append("</h1>\n")
            .Append("<p>").Append(E(Explanation(result))).Append("</p>\n")
            .Append(string.Format(CultureInfo.InvariantCulture, "<p>Profile <b>{0}</b>, seeds {1}; the section ran in {2:F0} s. Files: <code>{3}/</code>.</p>\n",
                E(result.ProfileName), E(string.Join(", ", result.Seeds)), result.Seconds, E(name)));
        var headline = result.Headline();
        html.Append("<table class=\"section\" id=\"").Append(name).Append("-table\">\n<tr>");
        foreach (var column in headline.Columns) html.Append("<th>").Append(E(column.Name)).Append("</th>");
        html.Append("</tr>\n");
        for (long r = 0; r < headline.Rows.Count; r++)
        {
            html.Append("<tr>");
            foreach (var column in headline.Columns) html.Append("<td class=\"t\">").Append(E(TableJson.Text(column[r]))).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
        foreach (var chart in charts) html.Append(CaseStudyReportHtml.Chart(chart));
        return html.ToString();
    }

    /// <summary>Two or three honest sentences on what the section measured and how to read its numbers.</summary>
    public static string Explanation(SectionResult result)
    {
        var seeds = result.Seeds.Count == 1
            ? "Numbers are from one seed (no spread: \"± n/a\"; run the default profile for three)."
            : $"Numbers are mean ± sample standard deviation (ddof 1) over {result.Seeds.Count} model seeds; error bars are that standard deviation.";
        return result.Section switch
        {
            RunSection.Fusion =>
                "Every fusion method and the image-only and text-only baselines, trained on the training split (validation monitored) and scored on the test split. "
                + "The side text is SIMULATED: each image gets a generated product title that names its true class, a confusable class or nothing useful, "
                + $"in the fractions of the reliability (true/confusable/uninformative: high {FusionExperimentConfig.DescribeReliability(SideTextReliability.High)}, "
                + $"low {FusionExperimentConfig.DescribeReliability(SideTextReliability.Low)}), embedded with MiniLM. The titles are drawn from the true label, "
                + "so the text-only row measures the generator's reliability and these gains say how well each method combines a noisy cue of known quality, "
                + "not what real product text would give. The side text is fixed across seeds; the seeds vary the models. " + seeds,
            RunSection.Retrieval =>
                "(a) Retrieval by predicted class: an image-only classifier predicts each test image's class, and each test image retrieves the other test images "
                + "predicted into its class, ranked by cosine similarity, scored against the true classes (P@K, IR recall R@K, mAP). "
                + "(b) A CLIP-style joint space trained on training images paired with text, scored on the test pairs in both directions (text->image, image->text: "
                + "R@1/5/10, mAP, median rank; lower rank is better): with label descriptions an image is relevant to its class's description; with side text "
                + "(simulated titles) only its own title is relevant, a much harder, instance-level task. " + seeds,
            RunSection.ZeroShot =>
                "Models are trained on the seen classes only (fixed split: Sandal, Shirt, Bag unseen; random split: a new draw per seed) and predict the unseen "
                + "classes from their label text (DeViSE, compatibility model; word vectors or MiniLM; class names or descriptions). ZSL is the accuracy on "
                + "unseen-class test images choosing among unseen classes only; in generalized ZSL every class competes: S and U are the accuracies on "
                + "seen- and unseen-class images and H their harmonic mean. U near 0 (so H near 0) is the known seen-class bias of generalized zero-shot "
                + "learning (Chao et al. 2016; Xian et al. 2018): models trained only on seen classes score them higher, not a bug of this run; "
                + "calibrated stacking (a constant subtracted from seen-class scores) is the usual remedy. " + seeds,
            RunSection.Interaction =>
                "The questions are GENERATED (" + FusionKit.Experiments.Interaction.QuestionGeneration.QuestionGenerator.GeneratedNote + "): templates of four types (what is it, yes/no on the class, "
                + "yes/no on an attribute, attribute value) over a documented attribute table of the 10 classes. Answer models (fusion methods on the "
                + "question embedding and the ResNet18 image embedding, and the answer-prior, question-only and image-only baselines) are trained on training "
                + "images and scored on test images never seen in training, with seen phrasings and with held-out paraphrases of the same questions; "
                + "the best fusion model is chosen on validation accuracy. The answers come from the table, so these numbers measure how well a model "
                + "combines a request with the image, not real users' questions. " + seeds,
            RunSection.Generation => FusionKit.Experiments.Generation.GenerationSection.ReportNote + " " + seeds,
            _ => seeds,
        };
    }
}
