using System.Globalization;

namespace SolverEngine.Planning.Benchmarking;

/// <summary>The best objective published (or otherwise documented) for an instance, and where it comes from.</summary>
/// <param name="Objective">The objective value, in the instance's own cost units.</param>
/// <param name="Source">Who reported it (paper, repository file), as the table gives it; empty when the table names none.</param>
public sealed record BestKnown(double Objective, string Source);

/// <summary>
/// Reads best known objectives of published instances from data files, never from code: a
/// <c>best-known.csv</c> (<see cref="FileName"/>) or a Markdown table in the <c>README.md</c> of
/// the set's folder, or any such CSV named on the command line.
/// </summary>
/// <remarks>
/// CSV: one instance a line, <c>instance,objective[,source]</c>; lines starting with <c>#</c> are
/// comments; a first line whose objective cell is not a number is a header. An objective of
/// <c>n/a</c>, <c>-</c> or empty means "none known" and is skipped.
/// README: every Markdown table whose header has an <c>instance</c> column and a column whose
/// name starts with <c>best</c> (e.g. "best known"); a <c>source</c> column is read when present.
/// Instance names are matched without their file extension, case-insensitively.
/// </remarks>
public static class BestKnownValues
{
    /// <summary>Name of the CSV read from a set's folder.</summary>
    public const string FileName = "best-known.csv";

    /// <summary>Files of a set's folder that hold documentation, not instances (skipped by the importer).</summary>
    public static bool IsDataNote(string fileName) =>
        fileName.Equals(FileName, StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    /// <summary>The values of a CSV file (see remarks).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not <c>instance,objective[,source]</c> (the message names the file and line).</exception>
    public static IReadOnlyDictionary<string, BestKnown> LoadCsv(string file)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        if (!File.Exists(file)) throw new FileNotFoundException($"Best-known file '{file}' does not exist.", file);
        var result = new Dictionary<string, BestKnown>(StringComparer.OrdinalIgnoreCase);
        var lines = File.ReadAllLines(file);
        var sawData = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split(',', 3);
            if (cells.Length < 2)
                throw new InvalidDataException($"{file}:{i + 1}: '{line}' is not 'instance,objective[,source]'.");
            var name = cells[0].Trim();
            var value = cells[1].Trim();
            var source = cells.Length > 2 ? cells[2].Trim().Trim('"') : "";
            if (TryValue(value, out var objective, out var none))
            {
                sawData = true;
                if (!none) Add(result, name, new BestKnown(objective, source));
                continue;
            }
            if (!sawData) { sawData = true; continue; } // header
            throw new InvalidDataException($"{file}:{i + 1}: objective '{value}' of instance '{name}' is not a number (use n/a when none is known).");
        }
        return result;
    }

    /// <summary>The values of every qualifying Markdown table of <paramref name="markdown"/> (see remarks).</summary>
    public static IReadOnlyDictionary<string, BestKnown> ParseMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var result = new Dictionary<string, BestKnown>(StringComparer.OrdinalIgnoreCase);
        var lines = markdown.Split('\n');
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (!IsRow(lines[i]) || !IsSeparator(lines[i + 1])) continue;
            var header = Cells(lines[i]);
            var inst = header.FindIndex(h => h.Equals("instance", StringComparison.OrdinalIgnoreCase));
            var best = header.FindIndex(h => h.StartsWith("best", StringComparison.OrdinalIgnoreCase));
            var src = header.FindIndex(h => h.Equals("source", StringComparison.OrdinalIgnoreCase));
            i++;
            if (inst < 0 || best < 0) continue;
            for (; i + 1 < lines.Length && IsRow(lines[i + 1]); i++)
            {
                var row = Cells(lines[i + 1]);
                if (row.Count <= Math.Max(inst, best)) continue;
                if (TryValue(row[best], out var objective, out var none) && !none)
                    Add(result, row[inst], new BestKnown(objective, src >= 0 && src < row.Count ? row[src] : ""));
            }
        }
        return result;
    }

    /// <summary>
    /// The values documented in a set's folder: its <c>README.md</c> tables, then its
    /// <c>best-known.csv</c> (which wins on a name both give). Empty when the folder documents none.
    /// </summary>
    public static IReadOnlyDictionary<string, BestKnown> FromDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var result = new Dictionary<string, BestKnown>(StringComparer.OrdinalIgnoreCase);
        var readme = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).FirstOrDefault(f => Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            : null;
        if (readme is not null)
            foreach (var (k, v) in ParseMarkdown(File.ReadAllText(readme))) result[k] = v;
        var csv = Path.Combine(directory, FileName);
        if (File.Exists(csv))
            foreach (var (k, v) in LoadCsv(csv)) result[k] = v;
        return result;
    }

    /// <summary>The value for an instance name (as given, or without its extension); null when none is known.</summary>
    public static BestKnown? Find(IReadOnlyDictionary<string, BestKnown> values, string instance)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(instance);
        var name = Clean(instance);
        return values.TryGetValue(name, out var v) || values.TryGetValue(Path.GetFileNameWithoutExtension(name), out v) ? v : null;
    }

    // Kept under the name as written and under the name without its extension ("G1.DAT" and "G1").
    private static void Add(Dictionary<string, BestKnown> values, string name, BestKnown value)
    {
        var clean = Clean(name);
        values[clean] = value;
        var stem = Path.GetFileNameWithoutExtension(clean);
        if (stem.Length > 0) values[stem] = value;
    }

    private static string Clean(string name) => name.Trim().Trim('`').Trim();

    private static bool TryValue(string cell, out double value, out bool none)
    {
        var c = cell.Trim().Trim('*');
        none = c.Length == 0 || c == "-" || c.Equals("n/a", StringComparison.OrdinalIgnoreCase);
        value = double.NaN;
        if (none) return true;
        return double.TryParse(c, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static bool IsRow(string line) => line.TrimStart().StartsWith('|');

    private static bool IsSeparator(string line) =>
        IsRow(line) && Cells(line).All(c => c.Length > 0 && c.Trim(':').Length > 0 && c.Trim(':').All(ch => ch == '-'));

    private static List<string> Cells(string line)
    {
        var t = line.Trim();
        if (t.StartsWith('|')) t = t[1..];
        if (t.EndsWith('|')) t = t[..^1];
        return t.Split('|').Select(c => c.Trim()).ToList();
    }
}
