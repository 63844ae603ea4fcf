using System.Globalization;

namespace SolverEngine.Core.Import;

/// <summary>
/// Reads TSPLIB files with explicit full-matrix weights (the format of the asymmetric TSPLIB
/// instances): keyword lines "KEY: value" up to EDGE_WEIGHT_SECTION, then DIMENSION x DIMENSION
/// numbers row by row, wrapped over lines in any way, optionally followed by EOF.
/// Other weight types and formats (coordinates, triangular matrices) are rejected with a message
/// that names them.
/// </summary>
public static class TsplibReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a supported TSPLIB instance.</exception>
    public static TsplibInstance ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    /// <summary>Parses TSPLIB text.</summary>
    /// <exception cref="FormatException">The text is not a supported TSPLIB instance.</exception>
    public static TsplibInstance Parse(string text, string source = "text")
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Read(reader, source);
    }

    /// <summary>Reads TSPLIB text from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FormatException">The text is not a supported TSPLIB instance.</exception>
    public static TsplibInstance Read(TextReader reader, string source = "input")
    {
        ArgumentNullException.ThrowIfNull(reader);
        string name = "", type = "", comment = "", weightType = "", weightFormat = "";
        int dimension = -1;
        int lineNo = 0;
        string? line;
        bool inSection = false;
        while (!inSection && (line = reader.ReadLine()) is not null)
        {
            lineNo++;
            string trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }
            int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            string key = (colon >= 0 ? trimmed[..colon] : trimmed).Trim().ToUpperInvariant();
            string value = colon >= 0 ? trimmed[(colon + 1)..].Trim() : "";
            switch (key)
            {
                case "NAME": name = value; break;
                case "TYPE": type = value.ToUpperInvariant(); break;
                case "COMMENT": comment = comment.Length == 0 ? value : comment + " " + value; break;
                case "DIMENSION":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out dimension) || dimension < 1)
                    {
                        throw new FormatException($"{source}, line {lineNo}: DIMENSION is '{value}'; it must be a positive integer.");
                    }
                    break;
                case "EDGE_WEIGHT_TYPE": weightType = value.ToUpperInvariant(); break;
                case "EDGE_WEIGHT_FORMAT": weightFormat = value.ToUpperInvariant(); break;
                case "EDGE_WEIGHT_SECTION": inSection = true; break;
                case "EOF": break;
                default:
                    if (key.EndsWith("_SECTION", StringComparison.Ordinal))
                    {
                        throw new FormatException($"{source}, line {lineNo}: section {key} is not supported; only EDGE_WEIGHT_SECTION with EDGE_WEIGHT_FORMAT FULL_MATRIX is read.");
                    }
                    break; // other keywords (CAPACITY, ...) do not change the matrix
            }
        }

        if (!inSection)
        {
            throw new FormatException($"{source}: no EDGE_WEIGHT_SECTION found; only explicit full-matrix TSPLIB files are supported.");
        }
        if (dimension < 1)
        {
            throw new FormatException($"{source}: DIMENSION is missing before EDGE_WEIGHT_SECTION (line {lineNo}).");
        }
        if (weightType.Length > 0 && weightType != "EXPLICIT")
        {
            throw new FormatException($"{source}: EDGE_WEIGHT_TYPE is {weightType}; only EXPLICIT is supported.");
        }
        if (weightFormat.Length > 0 && weightFormat != "FULL_MATRIX")
        {
            throw new FormatException($"{source}: EDGE_WEIGHT_FORMAT is {weightFormat}; only FULL_MATRIX is supported (triangular formats are not).");
        }

        long count = (long)dimension * dimension;
        if (count > 100_000_000)
        {
            throw new FormatException($"{source}: DIMENSION {dimension} gives {count} matrix entries; more than 100 million is not supported.");
        }
        var weights = new double[count];
        long read = 0;
        while (read < count && (line = reader.ReadLine()) is not null)
        {
            lineNo++;
            foreach (string token in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (read == count)
                {
                    if (token.Equals("EOF", StringComparison.OrdinalIgnoreCase))
                    {
                        break;
                    }
                    throw new FormatException($"{source}, line {lineNo}: more than {count} weights for DIMENSION {dimension} (extra token '{token}').");
                }
                if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double w))
                {
                    throw new FormatException($"{source}, line {lineNo}: '{token}' is not a number (weight {read + 1} of {count}).");
                }
                weights[read++] = w;
            }
        }
        if (read < count)
        {
            throw new FormatException($"{source}: EDGE_WEIGHT_SECTION holds {read} weights; DIMENSION {dimension} needs {count} ({dimension} x {dimension}).");
        }
        return new TsplibInstance(name, type, comment, dimension, weights);
    }
}
