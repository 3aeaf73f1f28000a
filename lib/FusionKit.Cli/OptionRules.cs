using System.CommandLine;
using System.Globalization;

namespace FusionKit.Cli;

/// <summary>
/// Value checks and completions for option declarations. Each check is a validator, so a bad value is a parse
/// error (exit 2) whose message names the option and the value, before the command loads anything.
/// </summary>
public static class OptionRules
{
    /// <summary>The value must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int> InRange(this Option<int> option, int min, int max = int.MaxValue)
    {
        option.Validators.Add(result =>
        {
            if (!TryValue(result, out int value)) return;
            if (value < min || value > max) result.AddError($"{option.Name} must be in {min}..{Bound(max)}, got {value}.");
        });
        return option;
    }

    /// <summary>The value, when given, must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int?> InRange(this Option<int?> option, int min, int max = int.MaxValue)
    {
        option.Validators.Add(result =>
        {
            if (TryValue(result, out int? given) && given is { } value && (value < min || value > max))
                result.AddError($"{option.Name} must be in {min}..{Bound(max)}, got {value}.");
        });
        return option;
    }

    /// <summary>The value must be a number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<double> InRange(this Option<double> option, double min, double max)
    {
        option.Validators.Add(result =>
        {
            if (!TryValue(result, out double value)) return;
            if (double.IsNaN(value) || value < min || value > max)
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be in {min}..{max}, got {value}."));
        });
        return option;
    }

    /// <summary>The value must be one of <paramref name="names"/> (listed in the error and offered by tab completion).</summary>
    public static Option<string> OneOf(this Option<string> option, IEnumerable<string> names)
    {
        var allowed = names.ToArray();
        var joined = string.Join("|", allowed);
        if (joined.Length <= 24) option.HelpName ??= joined;
        else
        {
            option.HelpName ??= option.Name.TrimStart('-').ToUpperInvariant();
            option.Description += $" ({string.Join(", ", allowed)})";
        }
        option.CompletionSources.Add(allowed);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
                result.AddError($"{option.Name} must be one of {string.Join(", ", allowed)}; got '{value}'.");
        });
        return option;
    }

    /// <summary>A comma-separated list whose items must each be one of <paramref name="names"/>; parsed with <see cref="List"/>.</summary>
    public static Option<string?> ListOf(this Option<string?> option, IReadOnlyList<string> names)
    {
        option.CompletionSources.Add(names.ToArray());
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } text) return;
            var items = List(text);
            if (items.Count == 0) result.AddError($"{option.Name} needs at least one of: {string.Join(", ", names)}.");
            foreach (var item in items)
                if (!names.Contains(item, StringComparer.Ordinal))
                    result.AddError($"{option.Name}: unknown value '{item}'; use {string.Join(", ", names)}.");
        });
        return option;
    }

    /// <summary>The distinct, trimmed, non-empty items of a comma-separated list, in order.</summary>
    public static IReadOnlyList<string> List(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The option's value, false when it did not convert (System.CommandLine reports that error, naming the value).</summary>
    public static bool TryValue<T>(System.CommandLine.Parsing.OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static string Bound(int max) => max == int.MaxValue ? "" : max.ToString(CultureInfo.InvariantCulture);
}
