namespace FusionKit.Retrieval;

/// <summary>
/// Distinct texts among rows that share texts by group (class label for label-level text; every row its own
/// group for captions): the first row of each group, in order of appearance, and each row's group position.
/// </summary>
internal static class TextGroups
{
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
