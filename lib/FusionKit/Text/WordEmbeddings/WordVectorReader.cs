using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FusionKit.Data.Manifest;

namespace FusionKit.Text.WordEmbeddings;

/// <summary>Parses GloVe text, word2vec text and word2vec binary files (see <see cref="WordVectors.Load"/>).</summary>
internal static class WordVectorReader
{
    private const int MaxLineBytes = 16 << 20;
    private const int MaxWordBytes = 4096;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static WordVectors Read(VectorFileSource source, HashSet<string>? filter, WordVectorFormat format, BadRowPolicy policy = BadRowPolicy.Fail)
    {
        var name = source.EntryName is null ? source.Path : $"{source.Path}!{source.EntryName}";
        var header = ReadHeader(source, name);
        if (format == WordVectorFormat.Auto) format = header is null ? WordVectorFormat.GloveText : DetectWord2Vec(source, name, header.Value);
        if (format != WordVectorFormat.GloveText && header is null)
            throw new InvalidDataException($"{name}: line 1: expected a word2vec header \"count dimension\" ({format}).");
        using var stream = source.OpenRead();
        var state = new State(name, filter, policy);
        if (format == WordVectorFormat.Word2VecBinary) ReadBinary(stream, state, header!.Value);
        else ReadText(stream, state, format == WordVectorFormat.GloveText ? null : header);
        if (state.Vectors.Count == 0 && filter is null) throw new InvalidDataException($"{name}: the file holds no word vectors.");
        return new WordVectors(source.DisplayName, source.Path, format, state.Dimension, state.Vectors, state.Records, state.Duplicates,
            state.DuplicateExamples, filter, source.ComputeIdentity)
        {
            Skipped = state.Skipped,
            SpacedTokenCount = state.SpacedCount,
            SpacedTokenExamples = state.SpacedExamples,
        };
    }

    private sealed class State(string name, HashSet<string>? filter, BadRowPolicy policy)
    {
        public List<SkippedVectorLine> Skipped { get; } = [];
        public long SpacedCount { get; private set; }
        public List<string> SpacedExamples { get; } = [];

        /// <summary>A bad line: thrown under <see cref="BadRowPolicy.Fail"/>, listed under <see cref="BadRowPolicy.Skip"/>.</summary>
        public void Bad(long line, string? word, string reason)
        {
            var skipped = new SkippedVectorLine(Name, line, word is null ? null : Shorten(word), reason);
            if (policy == BadRowPolicy.Fail) throw new InvalidDataException(skipped + ".");
            Skipped.Add(skipped);
        }

        public void Spaced(ReadOnlySpan<char> word)
        {
            SpacedCount++;
            if (SpacedExamples.Count < 10) SpacedExamples.Add(word.ToString());
        }

        public string Name { get; } = name;
        public HashSet<string>? Filter { get; } = filter;
        public HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? FilterLookup { get; } = filter?.GetAlternateLookup<ReadOnlySpan<char>>();
        public Dictionary<string, float[]> Vectors { get; } = new(StringComparer.Ordinal);
        public int Dimension { get; set; }
        public long Records { get; set; }
        public long Duplicates { get; set; }
        public List<string> DuplicateExamples { get; } = [];

        public bool Wanted(ReadOnlySpan<char> word) => FilterLookup is not { } lookup || lookup.Contains(word);

        /// <summary>True when the word is new (the caller then stores it); counts a duplicate otherwise.</summary>
        public bool IsNew(ReadOnlySpan<char> word)
        {
            if (!Vectors.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(word)) return true;
            Duplicates++;
            if (DuplicateExamples.Count < 10) DuplicateExamples.Add(word.ToString());
            return false;
        }
    }

    /// <summary>The "count dimension" header of a word2vec file, or null when the first line is not one.</summary>
    private static (long Count, int Dimension)? ReadHeader(VectorFileSource source, string name)
    {
        using var stream = source.OpenRead();
        var line = ReadLineBytes(stream, 4096);
        if (line is null) throw new InvalidDataException($"{name}: the file is empty.");
        var parts = Encoding.UTF8.GetString(line).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                              && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var dimension))
        {
            if (dimension < 1) throw new InvalidDataException($"{name}: line 1: the header gives dimension {dimension}.");
            return (count, dimension);
        }
        return null;
    }

    /// <summary>Text when the record after the header parses as a word (maybe with spaces) and d numbers; binary otherwise.</summary>
    private static WordVectorFormat DetectWord2Vec(VectorFileSource source, string name, (long Count, int Dimension) header)
    {
        using var stream = source.OpenRead();
        ReadLineBytes(stream, 4096);
        var record = ReadLineBytes(stream, MaxLineBytes);
        if (record is null) return WordVectorFormat.Word2VecText; // header only: the text reader reports the count mismatch
        var fields = Encoding.UTF8.GetString(record).TrimEnd(' ', '\t', '\r').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var isText = fields.Length >= header.Dimension + 1
                     && fields.TakeLast(header.Dimension).All(f => float.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return isText ? WordVectorFormat.Word2VecText : WordVectorFormat.Word2VecBinary;
    }

    private static void ReadText(Stream stream, State state, (long Count, int Dimension)? header)
    {
        var reader = new Utf8LineReader(stream);
        var dimensionLine = 1L;
        if (header is { } h)
        {
            reader.TryRead(out _, out _);
            state.Dimension = h.Dimension;
        }
        var fieldStarts = new List<int>();
        while (reader.TryRead(out var raw, out var valid))
        {
            var lineNumber = reader.LineNumber;
            var line = raw.TrimEnd(" \t\r");
            if (line.IsEmpty) continue;
            if (line[0] == ' ')
            {
                state.Bad(lineNumber, null, "the line starts with a space: the word is empty");
                continue;
            }
            FieldStarts(line, fieldStarts);
            if (state.Dimension == 0)
            {
                // GloVe has no header: the first line's word is taken to hold no space
                state.Dimension = fieldStarts.Count - 1;
                dimensionLine = lineNumber;
                if (state.Dimension == 0) throw LineError(state, lineNumber, $"'{Shorten(line)}' has no numbers after the word");
            }
            var from = header is null ? $"the dimension detected from line {dimensionLine}" : "the dimension in the header";
            if (fieldStarts.Count <= state.Dimension)
            {
                var firstSpace = line.IndexOf(' ');
                var wordOnly = firstSpace < 0 ? line : line[..firstSpace];
                state.Bad(lineNumber, wordOnly.ToString(), fieldStarts.Count == 1
                    ? "no numbers after the word"
                    : $"{fieldStarts.Count - 1} numbers; expected {state.Dimension} ({from})");
                continue;
            }
            // the token is everything before the last D fields, so tokens holding spaces load as such
            var numbersStart = fieldStarts[^state.Dimension];
            var word = line[..numbersStart].TrimEnd(' ');
            var numbers = line[numbersStart..];
            if (!valid)
            {
                state.Bad(lineNumber, word.ToString(), "the line is not valid UTF-8 (undecodable bytes)");
                continue;
            }
            var extra = TrailingNumbers(word);
            if (extra > 0 && extra < CountFields(word))
            {
                // "dog 1 2 3 4" with D = 3 is a word with one number too many, not the token "dog 1"
                var realWord = word[..FieldStart(word, CountFields(word) - extra)].TrimEnd(' ');
                state.Bad(lineNumber, realWord.ToString(), $"{state.Dimension + extra} numbers; expected {state.Dimension} ({from})");
                continue;
            }
            state.Records++;
            var spaced = word.Contains(' ');
            if (spaced) state.Spaced(word);
            if (!state.Wanted(word) || !state.IsNew(word)) continue;
            var vector = ParseNumbers(numbers, state.Dimension, out var problem);
            if (vector is null)
            {
                state.Bad(lineNumber, word.ToString(), problem!);
                continue;
            }
            state.Vectors.Add(word.ToString(), vector);
        }
        if (header is { } hh && hh.Count != state.Records + state.Skipped.Count)
            throw new InvalidDataException($"{state.Name}: the header (line 1) announces {hh.Count:N0} vectors but the file holds {state.Records + state.Skipped.Count:N0}.");
    }

    /// <summary>The start index of every space-separated field of <paramref name="line"/>.</summary>
    private static void FieldStarts(ReadOnlySpan<char> line, List<int> starts)
    {
        starts.Clear();
        for (var i = 0; i < line.Length; i++)
            if (line[i] != ' ' && (i == 0 || line[i - 1] == ' ')) starts.Add(i);
    }

    private static int FieldStart(ReadOnlySpan<char> text, int field)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] != ' ' && (i == 0 || text[i - 1] == ' ') && count++ == field) return i;
        return text.Length;
    }

    /// <summary>How many of the last fields of <paramref name="text"/> parse as numbers.</summary>
    private static int TrailingNumbers(ReadOnlySpan<char> text)
    {
        var count = 0;
        var end = text.Length;
        while (end > 0)
        {
            var space = text[..end].LastIndexOf(' ');
            var field = text[(space + 1)..end];
            if (!field.IsEmpty)
            {
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) break;
                count++;
            }
            end = Math.Max(space, 0);
            if (space < 0) break;
        }
        return count;
    }

    /// <summary>The <paramref name="dimension"/> numbers of <paramref name="numbers"/>, or null with the problem.</summary>
    private static float[]? ParseNumbers(ReadOnlySpan<char> numbers, int dimension, out string? problem)
    {
        var vector = new float[dimension];
        var i = 0;
        foreach (var range in numbers.Split(' '))
        {
            var field = numbers[range];
            if (field.IsEmpty) continue;
            if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
            {
                problem = $"number {i + 1} of {dimension} '{Shorten(field)}' is not a finite number";
                return null;
            }
            vector[i++] = value;
        }
        problem = null;
        return vector;
    }

    private static int CountFields(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inField = false;
        foreach (var c in text)
        {
            if (c == ' ') inField = false;
            else if (!inField)
            {
                inField = true;
                count++;
            }
        }
        return count;
    }

    private static void ReadBinary(Stream stream, State state, (long Count, int Dimension) header)
    {
        using var buffered = new BufferedStream(stream, 1 << 16);
        ReadLineBytes(buffered, 4096);
        state.Dimension = header.Dimension;
        var vectorBytes = new byte[header.Dimension * sizeof(float)];
        var wordBytes = new List<byte>(64);
        var chars = new char[MaxWordBytes];
        for (long record = 1; record <= header.Count; record++)
        {
            wordBytes.Clear();
            int b;
            while ((b = buffered.ReadByte()) is '\n' or '\r' or ' ') { } // records may be separated by a newline
            while (b is not (-1 or ' '))
            {
                if (wordBytes.Count == MaxWordBytes) throw RecordError(state, record, $"a word longer than {MaxWordBytes} bytes: not a word2vec binary file?");
                wordBytes.Add((byte)b);
                b = buffered.ReadByte();
            }
            if (b == -1)
                throw RecordError(state, record, $"the file ends early: the header (line 1) announces {header.Count:N0} vectors");
            int length;
            try
            {
                length = StrictUtf8.GetChars(wordBytes.ToArray(), chars);
            }
            catch (DecoderFallbackException)
            {
                throw RecordError(state, record, $"word '{Shorten(Encoding.UTF8.GetString(wordBytes.ToArray()))}' is not valid UTF-8 (undecodable bytes)");
            }
            var word = chars.AsSpan(0, length);
            if (buffered.ReadAtLeast(vectorBytes, vectorBytes.Length, throwOnEndOfStream: false) < vectorBytes.Length)
                throw RecordError(state, record, $"the file ends inside the vector of '{Shorten(word)}'");
            state.Records++;
            if (!state.Wanted(word) || !state.IsNew(word)) continue;
            var vector = new float[header.Dimension];
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] = BinaryPrimitives.ReadSingleLittleEndian(vectorBytes.AsSpan(d * sizeof(float)));
                if (!float.IsFinite(vector[d])) throw RecordError(state, record, $"word '{Shorten(word)}': value {d + 1} is not finite");
            }
            state.Vectors.Add(word.ToString(), vector);
        }
        int rest;
        while ((rest = buffered.ReadByte()) is '\n' or '\r' or ' ') { }
        if (rest != -1)
            throw new InvalidDataException($"{state.Name}: data follows the {header.Count:N0} vectors the header (line 1) announces.");
    }

    /// <summary>Bytes up to (not including) the next '\n'; null at the end of the stream.</summary>
    private static byte[]? ReadLineBytes(Stream stream, int maxBytes)
    {
        var bytes = new List<byte>(256);
        int b;
        while ((b = stream.ReadByte()) != -1 && b != '\n')
        {
            if (bytes.Count < maxBytes) bytes.Add((byte)b);
        }
        return b == -1 && bytes.Count == 0 ? null : bytes.ToArray();
    }

    private static InvalidDataException LineError(State state, long line, string message) =>
        new($"{state.Name}: line {line}: {message}.");

    private static InvalidDataException RecordError(State state, long record, string message) =>
        new($"{state.Name}: vector record {record} (binary word2vec): {message}.");

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : text[..40].ToString() + "...";
}
