using System.Text;
using System.Text.Json;

namespace FusionKit.Data.Manifest;

/// <summary>One manifest row as parsed, before its image is read; <see cref="Error"/> set when the row is malformed.</summary>
internal sealed record ManifestEntry(int Line, string? Image, string? Text, string? Label, string? Error);
