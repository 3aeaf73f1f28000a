namespace FusionKit.Data;

/// <summary>One record of a CSV text (<see cref="CsvReader.Records"/>).</summary>
/// <param name="Line">The line the record starts on (1-based), for error messages.</param>
/// <param name="Fields">The fields, unquoted.</param>
/// <param name="Error">Why the record is malformed, or null.</param>
public sealed record CsvRecord(int Line, List<string> Fields, string? Error);
