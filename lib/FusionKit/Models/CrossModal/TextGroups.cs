namespace FusionKit.Models.CrossModal;

/// <summary>
/// Text groups of a joint space: rows whose text is the same share one group (class label for label-level text;
/// the exact string for per-image text such as titles, <see cref="ByExactString"/>), so that a shared text is one
/// item in training (never its own negative) and in evaluation (one query, relevant to every image carrying it).
/// </summary>
internal static class TextGroups
{
    /// <summary>
    /// Group id per text, numbered by first appearance: texts equal as strings (ordinal, case- and
    /// whitespace-sensitive) share an id; any difference makes another group.
    /// </summary>
    public static int[] ByExactString(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new int[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts));
            if (!ids.TryGetValue(text, out var id)) ids.Add(text, id = ids.Count);
            groups[i] = id;
        }
        return groups;
    }

    /// <summary>The first row of each group among <paramref name="rows"/>, in order of appearance, and each row's group position.</summary>
    /// <param name="rows">Row indices into the data.</param>
    /// <param name="groups">Group id per data row, or null when every row is its own group.</param>
    public static (long[] FirstRows, long[] Positions) Distinct(IReadOnlyList<long> rows, IReadOnlyList<int>? groups)
    {
        var position = new Dictionary<long, int>();
        var firstRows = new List<long>();
        var positions = new long[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var group = groups is null ? rows[i] : groups[(int)rows[i]];
            if (!position.TryGetValue(group, out var p))
            {
                p = firstRows.Count;
                position.Add(group, p);
                firstRows.Add(rows[i]);
            }
            positions[i] = p;
        }
        return (firstRows.ToArray(), positions);
    }
}
