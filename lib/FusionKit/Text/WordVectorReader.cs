using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FusionKit.Text;

/// <summary>Parses GloVe text, word2vec text and word2vec binary files (see <see cref="WordVectors.Load"/>).</summary>
internal static class WordVectorReader
{
    private const int MaxLineBytes = 16 << 20;
    private const int MaxWordBytes = 4096;

    public static WordVectors Read(VectorFileSource source, HashSet<string>? filter, WordVectorFormat format)
    {
        var name = source.EntryName is null ? source.Path : $"{source.Path}!{source.EntryName}";
        var header = ReadHeader(source, name);
        if (format == WordVectorFormat.Auto) format = header is null ? WordVectorFormat.GloveText : DetectWord2Vec(source, name, header.Value);
        if (format != WordVectorFormat.GloveText && header is null)
            throw new InvalidDataException($"{name}: line 1: expected a word2vec header \"count dimension\" ({format}).");
        using var stream = source.OpenRead();
        var state = new State(name, filter);
        if (format == WordVectorFormat.Word2VecBinary) ReadBinary(stream, state, header!.Value);
        else ReadText(stream, state, format == WordVectorFormat.GloveText ? null : header);
        if (state.Vectors.Count == 0 && filter is null) throw new InvalidDataException($"{name}: the file holds no word vectors.");
        return new WordVectors(source.DisplayName, source.Path, format, state.Dimension, state.Vectors, state.Records, state.Duplicates,
            state.DuplicateExamples, filter, source.ComputeIdentity);
    }

    private sealed class State(string name, HashSet<string>? filter)
    {
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

    /// <summary>Text when the record after the header parses as "word" plus exactly d numbers; binary otherwise.</summary>
    private static WordVectorFormat DetectWord2Vec(VectorFileSource source, string name, (long Count, int Dimension) header)
    {
        using var stream = source.OpenRead();
        ReadLineBytes(stream, 4096);
        var record = ReadLineBytes(stream, MaxLineBytes);
        if (record is null) return WordVectorFormat.Word2VecText; // header only: the text reader reports the count mismatch
        var fields = Encoding.UTF8.GetString(record).TrimEnd(' ', '\t', '\r').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var isText = fields.Length == header.Dimension + 1
                     && fields.Skip(1).All(f => float.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return isText ? WordVectorFormat.Word2VecText : WordVectorFormat.Word2VecBinary;
    }

    private static void ReadText(Stream stream, State state, (long Count, int Dimension)? header)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        long lineNumber = 0;
        var dimensionLine = 1L;
        if (header is { } h)
        {
            reader.ReadLine();
            lineNumber = 1;
            state.Dimension = h.Dimension;
        }
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var line = raw.AsSpan().TrimEnd(" \t\r");
            if (line.IsEmpty) continue;
            var space = line.IndexOf(' ');
            if (space == 0) throw LineError(state, lineNumber, "the line starts with a space: the word is empty");
            if (space < 0) throw LineError(state, lineNumber, $"'{Shorten(line)}' has no numbers after the word");
            var word = line[..space];
            var numbers = line[(space + 1)..];
            var count = CountFields(numbers);
            if (state.Dimension == 0)
            {
                state.Dimension = count;
                dimensionLine = lineNumber;
            }
            if (count != state.Dimension)
            {
                var from = header is null ? $"the dimension detected from line {dimensionLine}" : "the dimension in the header";
                throw LineError(state, lineNumber, $"word '{Shorten(word)}' has {count} numbers; expected {state.Dimension} ({from}). Words containing spaces are not supported");
            }
            state.Records++;
            if (!state.Wanted(word) || !state.IsNew(word)) continue;
            state.Vectors.Add(word.ToString(), ParseNumbers(numbers, state, lineNumber, word));
        }
        if (header is { } hh && hh.Count != state.Records)
            throw new InvalidDataException($"{state.Name}: the header (line 1) announces {hh.Count:N0} vectors but the file holds {state.Records:N0}.");
    }

    private static float[] ParseNumbers(ReadOnlySpan<char> numbers, State state, long lineNumber, ReadOnlySpan<char> word)
    {
        var vector = new float[state.Dimension];
        var i = 0;
        foreach (var range in numbers.Split(' '))
        {
            var field = numbers[range];
            if (field.IsEmpty) continue;
            if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                throw LineError(state, lineNumber, $"word '{Shorten(word)}': number {i + 1} '{Shorten(field)}' is not a finite number");
            vector[i++] = value;
        }
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
            var length = Encoding.UTF8.GetChars(wordBytes.ToArray(), chars);
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
