using Microsoft.Data.Analysis;
using XPlot.Plotly;
using PlotLayout = XPlot.Plotly.Layout.Layout;

namespace FusionKit.Charts;

/// <summary>
/// A metric's mean and standard-deviation columns in a table: "&lt;metric&gt; mean" / "&lt;metric&gt; std",
/// "&lt;metric&gt;_mean" / "&lt;metric&gt;_std", or plain "mean" / "std" (a long table; <see cref="Metric"/> is then "").
/// </summary>
public sealed record MeanStdColumns(string Metric, string MeanColumn, string StdColumn);
