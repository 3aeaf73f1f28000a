using System.Globalization;

namespace FusionKit.Cli;

/// <summary>Thrown for a bad command line; the message names the argument.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>
/// Parsed `--name value`, `--name=value` and `--flag` options plus positional words. Every option must be read
/// by the command; <see cref="EnsureAllUsed"/> rejects unknown ones so a typo never passes silently.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CliArguments(IEnumerable<string> args)
    {
        var positional = new List<string>();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var eq = a.IndexOf('=');
                string name;
                string? value;
                if (eq > 0)
                {
                    name = a[2..eq];
                    value = a[(eq + 1)..];
                }
                else
                {
                    name = a[2..];
                    value = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal) ? list[++i] : null;
                }
                if (!_options.TryAdd(name, value)) throw new CliUsageException($"Option --{name} is given twice.");
            }
            else
            {
                positional.Add(a);
            }
        }
        Positional = positional;
    }

    public IReadOnlyList<string> Positional { get; }

    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return false;
        if (v is null) return true;
        return v.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new CliUsageException($"--{name} is a flag: give it alone or as --{name}=true|false, not '{v}'."),
        };
    }

    public string? String(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return null;
        return v ?? throw new CliUsageException($"--{name} needs a value.");
    }

    public string String(string name, string fallback) => String(name) ?? fallback;

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var s = String(name);
        if (s is null) return fallback;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw new CliUsageException($"--{name} must be an integer, got '{s}'.");
        if (v < min || v > max) throw new CliUsageException($"--{name} must be in {min}..{max}, got {v}.");
        return v;
    }

    public double Double(string name, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        var s = String(name);
        if (s is null) return fallback;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || double.IsNaN(v))
            throw new CliUsageException($"--{name} must be a number, got '{s}'.");
        if (v < min || v > max) throw new CliUsageException($"--{name} must be in {min}..{max}, got {v}.");
        return v;
    }

    public T Choice<T>(string name, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        var s = String(name);
        if (s is null) return fallback;
        return choices.TryGetValue(s, out var v)
            ? v
            : throw new CliUsageException($"--{name} must be one of {string.Join(", ", choices.Keys)}; got '{s}'.");
    }

    /// <summary>Throws for options the command did not read.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new CliUsageException($"Unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }
}
