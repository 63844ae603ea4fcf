using System.Globalization;

namespace SolverEngine.Core.Import.Internal;

/// <summary>
/// Whitespace-separated numbers of a benchmark file (spaces, tabs, any line ending), read in
/// order. Each token remembers its line so that formats whose list lengths are implied by the
/// line layout (GLSP eligibility lists) can read "the rest of this line".
/// Every error names the file, the token's line and what was expected.
/// </summary>
internal sealed class NumberTokens
{
    private static readonly char[] Separators = [' ', '\t', '\r', '\f', '\v'];

    private readonly List<(string Text, int Line)> _tokens = [];
    private readonly string _source;
    private int _next;

    /// <summary>Reads all of <paramref name="reader"/>; <paramref name="sourceName"/> names the file in errors.</summary>
    /// <remarks>Checks the arguments of the importers' public <c>Read(reader, sourceName)</c>, which pass them on unchecked.</remarks>
    public NumberTokens(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        _source = sourceName;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            foreach (var token in line.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                _tokens.Add((token, lineNumber));
            }
        }
    }

    /// <summary>Tokens not read yet.</summary>
    public int Remaining => _tokens.Count - _next;

    public double ReadDouble(string what)
    {
        var (text, line) = Take(what);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            throw Error(line, $"'{text}' is not a number; expected {what}.");
        }
        return value;
    }

    public double ReadNonNegative(string what)
    {
        var line = PeekLine(what);
        var value = ReadDouble(what);
        if (value < 0)
        {
            throw Error(line, $"{what} is {value.ToString(CultureInfo.InvariantCulture)}; it must be >= 0.");
        }
        return value;
    }

    public double ReadPositive(string what, string hint)
    {
        var line = PeekLine(what);
        var value = ReadDouble(what);
        if (value <= 0)
        {
            throw Error(line, $"{what} is {value.ToString(CultureInfo.InvariantCulture)}; it must be > 0. {hint}");
        }
        return value;
    }

    public int ReadCount(string what, int min = 1)
    {
        var line = PeekLine(what);
        var value = ReadDouble(what);
        if (value != Math.Floor(value) || value < min || value > 1_000_000)
        {
            throw Error(line, $"{what} is {value.ToString(CultureInfo.InvariantCulture)}; expected a whole number >= {min}.");
        }
        return (int)value;
    }

    /// <summary>Reads every token left on the line of the next token (e.g. a list whose length only the layout gives).</summary>
    public IReadOnlyList<(string Text, int Line)> ReadRestOfLine(string what)
    {
        var line = PeekLine(what);
        var result = new List<(string, int)>();
        while (_next < _tokens.Count && _tokens[_next].Line == line)
        {
            result.Add(_tokens[_next++]);
        }
        return result;
    }

    /// <summary>Fails when numbers are left over: the file does not have the layout the reader assumed.</summary>
    public void ExpectEnd(string format)
    {
        if (Remaining > 0)
        {
            var (text, line) = _tokens[_next];
            throw Error(line, $"{Remaining} token(s) left over after a complete {format} instance, starting with '{text}'. " +
                "The file's sizes do not match its data; check the header counts.");
        }
    }

    public InvalidDataException Error(int line, string message) =>
        new($"{_source}, line {line}: {message}");

    private int PeekLine(string what = "a number") =>
        _next < _tokens.Count ? _tokens[_next].Line : throw EndError(what);

    private (string Text, int Line) Take(string what) =>
        _next < _tokens.Count ? _tokens[_next++] : throw EndError(what);

    private InvalidDataException EndError(string what) =>
        new($"{_source}: the file ends after {_tokens.Count} token(s) but {what} was expected next. The file is truncated or its header sizes are wrong.");
}
