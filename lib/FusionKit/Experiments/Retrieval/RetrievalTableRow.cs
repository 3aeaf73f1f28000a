using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using FusionKit.Evaluation;
using FusionKit.Text;
using Microsoft.Data.Analysis;

namespace FusionKit.Experiments.Retrieval;

/// <summary>One metric of one setting, summarised over seeds.</summary>
/// <param name="Task">What was measured, e.g. "classification retrieval" or "joint space (descriptions)".</param>
/// <param name="Setting">The direction or variant, e.g. "text->image".</param>
/// <param name="Metric">The metric's name, e.g. "R@1", "mAP", "median rank".</param>
/// <param name="Summary">Mean ± sample std over the seeds.</param>
/// <param name="TextSource">Where the row's text came from; null for a row that reads no text (image->image).</param>
public sealed record RetrievalTableRow(string Task, string Setting, string Metric, MetricSummary Summary,
                                       [property: JsonIgnore] TextSource? TextSource = null)
{
    /// <summary>The row's <see cref="TextSources.ColumnName"/> value: <see cref="TextSources.Name"/>, or <see cref="TextSources.None"/>.</summary>
    [JsonPropertyName(TextSources.ColumnName)]
    public string TextSourceName => TextSource is { } source ? TextSources.Name(source) : TextSources.None;
}
