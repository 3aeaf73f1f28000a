namespace FusionKit.Data;

/// <summary>One labelled example: an image, its class index, and optional side text (e.g. a caption).</summary>
/// <param name="Id">Stable identifier inside its dataset (IDX index or manifest path), used in errors and caches.</param>
public sealed record Sample(string Id, RawImage Image, int Label, string? Text = null);
