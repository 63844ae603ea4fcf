namespace SolverEngine.Core.Modeling;

/// <summary>
/// A model or result file could not be read: it is not valid JSON, not valid proto3 JSON for the
/// expected message (unknown field, wrong type) or not a valid binary message. The message names
/// the file and, when known, the line and column. Missing files and I/O failures are not wrapped:
/// they surface as the usual <see cref="IOException"/> subtypes (this type derives from IOException too,
/// so one catch handles both).
/// </summary>
public sealed class ModelFileException : IOException
{
    public ModelFileException(string message, string source, int? line = null, int? column = null, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = source;
        Line = line;
        Column = column;
    }

    /// <summary>The file path (or a caller-given name for in-memory text).</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the problem in JSON text, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column of the problem in JSON text, when known.</summary>
    public int? Column { get; }
}
