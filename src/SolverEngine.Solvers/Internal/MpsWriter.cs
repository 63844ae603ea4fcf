using System.Globalization;
using System.Text;

namespace SolverEngine.Solvers.Internal;

/// <summary>
/// Writes a <see cref="LinearModel"/> as free-format MPS (solver-neutral; CoinMpsIO, HiGHS, CPLEX, Gurobi read it).
/// Conventions: a maximisation is written as the minimisation of the negated objective, with a comment line
/// saying so (COIN-OR's readers in Clp 1.17 / Cbc 2.10 ignore OBJSENSE, and Clp_writeMps / Cbc_writeLp flip the
/// same way), so a reader reports the optimum with the opposite sign; the objective offset is written as RHS on
/// the objective row with its sign flipped (the usual "RHS of the objective is minus the constant"); ranged rows as G rows with a range;
/// free rows as L rows with an infinite RHS (so row indices survive the round trip); every non-default bound
/// written explicitly, integer columns always with explicit bounds (some readers default them to [0, 1]).
/// </summary>
internal static class MpsWriter
{
    private const string Infinity = "1e+30";
    private const string ObjectiveRow = "OBJ";

    public static void Write(LinearModel model, TextWriter writer)
    {
        var columnNames = UniqueNames(model.VariableCount, model.ColumnNames, 'C', ObjectiveRow);
        var rowNames = UniqueNames(model.ConstraintCount, model.RowNames, 'R', ObjectiveRow);
        var matrix = model.BuildColumnMajor();
        var rowLower = model.RowLower;
        var rowUpper = model.RowUpper;

        // "FREE" after the name tells CoinMpsIO (Clp/Cbc) the file is free format; without it, it tries fixed columns.
        writer.Write("NAME          ");
        writer.Write(Sanitize(model.Name, "model"));
        writer.WriteLine("  FREE");
        var flip = model.Sense == ObjectiveSense.Maximize ? -1.0 : 1.0;
        if (flip < 0)
        {
            writer.WriteLine("* Maximisation written as: minimise the negated objective (optimum = -max).");
        }

        writer.WriteLine("ROWS");
        writer.Write(" N  ");
        writer.WriteLine(ObjectiveRow);
        for (var i = 0; i < model.ConstraintCount; i++)
        {
            var type = RowType(rowLower[i], rowUpper[i]);
            writer.Write(' ');
            writer.Write(type);
            writer.Write("  ");
            writer.WriteLine(rowNames[i]);
        }

        writer.WriteLine("COLUMNS");
        var objective = model.Objective;
        var integrality = model.Integrality;
        var inIntegerBlock = false;
        var markers = 0;
        for (var j = 0; j < model.VariableCount; j++)
        {
            if (integrality[j] != inIntegerBlock)
            {
                writer.Write("    MARKER");
                writer.Write(markers++.ToString(CultureInfo.InvariantCulture));
                writer.WriteLine(integrality[j] ? "  'MARKER'  'INTORG'" : "  'MARKER'  'INTEND'");
                inIntegerBlock = integrality[j];
            }

            var wroteAny = false;
            if (objective[j] != 0)
            {
                Entry(writer, columnNames[j], ObjectiveRow, flip * objective[j]);
                wroteAny = true;
            }

            for (var p = matrix.Starts[j]; p < matrix.Starts[j + 1]; p++)
            {
                Entry(writer, columnNames[j], rowNames[matrix.Indices[p]], matrix.Values[p]);
                wroteAny = true;
            }

            if (!wroteAny)
            {
                // A column must appear in COLUMNS to exist.
                Entry(writer, columnNames[j], ObjectiveRow, 0);
            }
        }

        if (inIntegerBlock)
        {
            writer.Write("    MARKER");
            writer.Write(markers.ToString(CultureInfo.InvariantCulture));
            writer.WriteLine("  'MARKER'  'INTEND'");
        }

        // Section headers only when the section has entries: CoinMpsIO rejects an empty BOUNDS section.
        var wroteRhs = false;
        void RhsHeader()
        {
            if (!wroteRhs)
            {
                writer.WriteLine("RHS");
                wroteRhs = true;
            }
        }

        if (model.ObjectiveOffset != 0)
        {
            RhsHeader();
            Entry(writer, "RHS", ObjectiveRow, -flip * model.ObjectiveOffset);
        }

        for (var i = 0; i < model.ConstraintCount; i++)
        {
            var rhs = RowType(rowLower[i], rowUpper[i]) switch
            {
                'L' => double.IsPositiveInfinity(rowUpper[i]) ? double.PositiveInfinity : rowUpper[i],
                _ => rowLower[i],
            };
            if (rhs != 0)
            {
                RhsHeader();
                Entry(writer, "RHS", rowNames[i], rhs);
            }
        }

        var wroteRanges = false;
        for (var i = 0; i < model.ConstraintCount; i++)
        {
            if (IsRanged(rowLower[i], rowUpper[i]))
            {
                if (!wroteRanges)
                {
                    writer.WriteLine("RANGES");
                    wroteRanges = true;
                }

                Entry(writer, "RNG", rowNames[i], rowUpper[i] - rowLower[i]);
            }
        }

        var lower = model.ColumnLower;
        var upper = model.ColumnUpper;
        var wroteBounds = false;
        for (var j = 0; j < model.VariableCount; j++)
        {
            if (lower[j] == 0 && double.IsPositiveInfinity(upper[j]) && !integrality[j])
            {
                continue;
            }

            if (!wroteBounds)
            {
                writer.WriteLine("BOUNDS");
                wroteBounds = true;
            }

            WriteBounds(writer, columnNames[j], lower[j], upper[j], integrality[j]);
        }

        writer.WriteLine("ENDATA");
    }

    private static void WriteBounds(TextWriter writer, string name, double lower, double upper, bool integer)
    {
        if (lower == upper)
        {
            Bound(writer, "FX", name, lower);
            return;
        }

        var lowerInfinite = double.IsNegativeInfinity(lower);
        var upperInfinite = double.IsPositiveInfinity(upper);
        if (lowerInfinite && upperInfinite)
        {
            writer.Write(" FR BND  ");
            writer.WriteLine(name);
            return;
        }

        if (lowerInfinite)
        {
            writer.Write(" MI BND  ");
            writer.WriteLine(name);
        }
        else if (lower != 0 || upper < 0 || integer)
        {
            Bound(writer, "LO", name, lower);
        }

        if (!upperInfinite)
        {
            Bound(writer, "UP", name, upper);
        }
        else if (integer)
        {
            writer.Write(" PL BND  ");
            writer.WriteLine(name);
        }
    }

    private static char RowType(double lower, double upper) =>
        lower == upper ? 'E'
        : double.IsNegativeInfinity(lower) ? 'L'
        : 'G';

    private static bool IsRanged(double lower, double upper) =>
        lower != upper && !double.IsNegativeInfinity(lower) && !double.IsPositiveInfinity(upper);

    private static void Entry(TextWriter writer, string column, string row, double value)
    {
        writer.Write("    ");
        writer.Write(column);
        writer.Write("  ");
        writer.Write(row);
        writer.Write("  ");
        writer.WriteLine(Format(value));
    }

    private static void Bound(TextWriter writer, string type, string name, double value)
    {
        writer.Write(' ');
        writer.Write(type);
        writer.Write(" BND  ");
        writer.Write(name);
        writer.Write("  ");
        writer.WriteLine(Format(value));
    }

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? Infinity
        : double.IsNegativeInfinity(value) ? "-" + Infinity
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Model names where they are valid MPS names (no whitespace, not starting with '$', unique, not the objective
    /// row's name); generated names ("C12", "R7") elsewhere.
    /// </summary>
    private static string[] UniqueNames(int count, IReadOnlyDictionary<int, string> given, char prefix, string reserved)
    {
        var names = new string[count];
        var used = new HashSet<string>(StringComparer.Ordinal) { reserved };
        foreach (var (index, name) in given.OrderBy(p => p.Key))
        {
            if (index < count && IsValidName(name) && used.Add(name))
            {
                names[index] = name;
            }
        }

        for (var k = 0; k < count; k++)
        {
            if (names[k] is null)
            {
                var candidate = prefix + k.ToString(CultureInfo.InvariantCulture);
                while (!used.Add(candidate))
                {
                    candidate += "_";
                }

                names[k] = candidate;
            }
        }

        return names;
    }

    private static bool IsValidName(string name) =>
        name.Length > 0 && name[0] != '$' && !name.Any(char.IsWhiteSpace) && name.All(c => c < 128);

    private static string Sanitize(string name, string fallback)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsWhiteSpace(c) || c >= 128 ? '_' : c);
        }

        return builder.Length == 0 ? fallback : builder.ToString();
    }
}
