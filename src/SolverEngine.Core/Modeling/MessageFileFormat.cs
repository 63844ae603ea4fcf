namespace SolverEngine.Core.Modeling;

/// <summary>How a model or result file is encoded on disk.</summary>
public enum MessageFileFormat
{
    /// <summary>Canonical proto3 JSON (<c>*.json</c>).</summary>
    Json,

    /// <summary>Protocol Buffers binary wire format (<c>*.pb</c>, <c>*.bin</c>).</summary>
    Binary,
}
