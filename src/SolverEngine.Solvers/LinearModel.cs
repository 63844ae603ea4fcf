using SolverEngine.Solvers.Internal;

namespace SolverEngine.Solvers;

/// <summary>
/// A solver-neutral linear (or mixed-integer) model: variables with bounds, integrality and names; an objective with
/// a sense and an offset; rows with lower/upper bounds (use infinities for one-sided rows). The matrix is kept as
/// (row, column, value) triplets so rows can be added row-major and columns column-major in bulk; duplicate
/// entries are summed when a solver loads the model. Not thread-safe while being built; once built it may be solved
/// by several solvers on several threads (they only read it).
/// </summary>
public sealed class LinearModel
{
    private GrowableArray<double> _colLower = new(0);
    private GrowableArray<double> _colUpper = new(0);
    private GrowableArray<double> _objective = new(0);
    private GrowableArray<bool> _isInteger = new(0);
    private readonly Dictionary<int, string> _colNames = [];
    private GrowableArray<double> _rowLower = new(0);
    private GrowableArray<double> _rowUpper = new(0);
    private readonly Dictionary<int, string> _rowNames = [];
    private GrowableArray<int> _tripletRow = new(0);
    private GrowableArray<int> _tripletCol = new(0);
    private GrowableArray<double> _tripletValue = new(0);
    private int _integerCount;

    public LinearModel(string name = "model") => Name = name;

    /// <summary>Problem name (used in MPS export).</summary>
    public string Name { get; set; }

    public ObjectiveSense Sense { get; set; } = ObjectiveSense.Minimize;

    /// <summary>Constant added to the objective.</summary>
    public double ObjectiveOffset { get; set; }

    public int VariableCount => _colLower.Count;

    public int ConstraintCount => _rowLower.Count;

    /// <summary>Matrix entries stored so far (before duplicates are summed).</summary>
    public int EntryCount => _tripletValue.Count;

    public int IntegerCount => _integerCount;

    public bool IsMip => _integerCount > 0;

    // ---- variables -------------------------------------------------------------------------------------------

    /// <summary>Adds one variable; returns its handle.</summary>
    public Variable AddVariable(double lower = 0.0, double upper = double.PositiveInfinity, double objective = 0.0,
        bool isInteger = false, string? name = null)
    {
        CheckBounds(lower, upper, "variable", _colLower.Count, name);
        CheckFinite(objective, "objective coefficient", _colLower.Count);
        var index = _colLower.Count;
        _colLower.Add(lower);
        _colUpper.Add(upper);
        _objective.Add(objective);
        _isInteger.Add(isInteger);
        if (isInteger)
        {
            _integerCount++;
        }

        if (name is not null)
        {
            _colNames[index] = name;
        }

        return new Variable(index);
    }

    /// <summary>Adds a binary variable (integer in [0, 1]).</summary>
    public Variable AddBinary(double objective = 0.0, string? name = null) => AddVariable(0, 1, objective, true, name);

    /// <summary>
    /// Adds <paramref name="count"/> variables with the same bounds and objective coefficient, without matrix
    /// entries. Returns the first; the others follow with consecutive indices.
    /// </summary>
    public Variable AddVariables(int count, double lower = 0.0, double upper = double.PositiveInfinity,
        double objective = 0.0, bool isInteger = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckBounds(lower, upper, "variable", _colLower.Count, null);
        CheckFinite(objective, "objective coefficient", _colLower.Count);
        var first = _colLower.Count;
        _colLower.AddRepeated(lower, count);
        _colUpper.AddRepeated(upper, count);
        _objective.AddRepeated(objective, count);
        _isInteger.AddRepeated(isInteger, count);
        if (isInteger)
        {
            _integerCount += count;
        }

        return new Variable(first);
    }

    /// <summary>
    /// Adds variables column-major with their matrix entries in existing rows: column j has entries
    /// <paramref name="rows"/>/<paramref name="values"/>[<paramref name="columnStarts"/>[j] ..
    /// <paramref name="columnStarts"/>[j+1]). <paramref name="isInteger"/> may be empty (all continuous).
    /// Returns the first new variable.
    /// </summary>
    public Variable AddColumns(ReadOnlySpan<int> columnStarts, ReadOnlySpan<int> rows, ReadOnlySpan<double> values,
        ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, ReadOnlySpan<double> objective,
        ReadOnlySpan<bool> isInteger = default)
    {
        var count = lower.Length;
        CheckCompressed(columnStarts, rows, values, count, ConstraintCount, "column", "row");
        CheckLength(upper, count, nameof(upper));
        CheckLength(objective, count, nameof(objective));
        if (!isInteger.IsEmpty)
        {
            CheckLength(isInteger, count, nameof(isInteger));
        }

        var first = _colLower.Count;
        for (var j = 0; j < count; j++)
        {
            CheckBounds(lower[j], upper[j], "variable", first + j, null);
            CheckFinite(objective[j], "objective coefficient", first + j);
        }

        _colLower.AddRange(lower);
        _colUpper.AddRange(upper);
        _objective.AddRange(objective);
        if (isInteger.IsEmpty)
        {
            _isInteger.AddRepeated(false, count);
        }
        else
        {
            _isInteger.AddRange(isInteger);
            foreach (var b in isInteger)
            {
                _integerCount += b ? 1 : 0;
            }
        }

        AppendCompressed(ref _tripletCol, ref _tripletRow, columnStarts, rows, values, first);

        return new Variable(first);
    }

    /// <summary>
    /// Appends compressed vectors as triplets: vector k (entries <paramref name="starts"/>[k] .. [k+1]) becomes
    /// major index <paramref name="firstMajor"/> + k. Columns pass (columns, rows), rows pass (rows, columns).
    /// </summary>
    private void AppendCompressed(ref GrowableArray<int> major, ref GrowableArray<int> minor, ReadOnlySpan<int> starts,
        ReadOnlySpan<int> indices, ReadOnlySpan<double> values, int firstMajor)
    {
        var count = starts.Length - 1;
        var nnz = starts[count] - starts[0];
        minor.AddRange(indices.Slice(starts[0], nnz));
        _tripletValue.AddRange(values.Slice(starts[0], nnz));
        for (var k = 0; k < count; k++)
        {
            major.AddRepeated(firstMajor + k, starts[k + 1] - starts[k]);
        }
    }

    public void SetBounds(Variable variable, double lower, double upper)
    {
        CheckVariable(variable);
        CheckBounds(lower, upper, "variable", variable.Index, GetName(variable));
        _colLower[variable.Index] = lower;
        _colUpper[variable.Index] = upper;
    }

    public void SetObjectiveCoefficient(Variable variable, double coefficient)
    {
        CheckVariable(variable);
        CheckFinite(coefficient, "objective coefficient", variable.Index);
        _objective[variable.Index] = coefficient;
    }

    /// <summary>Sets the objective to the expression (previous coefficients are cleared; the constant becomes the offset).</summary>
    public void SetObjective(LinearExpression expression, ObjectiveSense sense)
    {
        ArgumentNullException.ThrowIfNull(expression);
        _objective.Span.Clear();
        var cols = expression.Columns;
        var coefs = expression.Coefficients;
        for (var k = 0; k < cols.Length; k++)
        {
            CheckVariable(new Variable(cols[k]));
            _objective[cols[k]] += coefs[k];
        }

        ObjectiveOffset = expression.Constant;
        Sense = sense;
    }

    public void SetInteger(Variable variable, bool isInteger)
    {
        CheckVariable(variable);
        ref var flag = ref _isInteger[variable.Index];
        if (flag != isInteger)
        {
            _integerCount += isInteger ? 1 : -1;
            flag = isInteger;
        }
    }

    public void SetName(Variable variable, string name)
    {
        CheckVariable(variable);
        _colNames[variable.Index] = name ?? throw new ArgumentNullException(nameof(name));
    }

    public string? GetName(Variable variable) => _colNames.GetValueOrDefault(variable.Index);

    public double LowerBound(Variable variable) => _colLower[CheckVariable(variable)];

    public double UpperBound(Variable variable) => _colUpper[CheckVariable(variable)];

    public double ObjectiveCoefficient(Variable variable) => _objective[CheckVariable(variable)];

    public bool IsInteger(Variable variable) => _isInteger[CheckVariable(variable)];

    // ---- rows ------------------------------------------------------------------------------------------------

    /// <summary>Adds lower &lt;= expression &lt;= upper (the expression's constant is moved to the bounds).</summary>
    public Constraint AddRow(LinearExpression expression, double lower, double upper, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return AddRow(expression.Columns, expression.Coefficients, lower - expression.Constant, upper - expression.Constant, name);
    }

    public Constraint AddLessOrEqual(LinearExpression expression, double rhs, string? name = null) =>
        AddRow(expression, double.NegativeInfinity, rhs, name);

    public Constraint AddGreaterOrEqual(LinearExpression expression, double rhs, string? name = null) =>
        AddRow(expression, rhs, double.PositiveInfinity, name);

    public Constraint AddEquality(LinearExpression expression, double rhs, string? name = null) =>
        AddRow(expression, rhs, rhs, name);

    /// <summary>Adds one row from sparse arrays: lower &lt;= sum values[k] * x[columns[k]] &lt;= upper.</summary>
    public Constraint AddRow(ReadOnlySpan<int> columns, ReadOnlySpan<double> values, double lower, double upper, string? name = null)
    {
        CheckLength(values, columns.Length, nameof(values));
        var row = _rowLower.Count;
        CheckBounds(lower, upper, "row", row, name);
        CheckEntries(columns, values, VariableCount, "column", "row", row);
        _rowLower.Add(lower);
        _rowUpper.Add(upper);
        if (name is not null)
        {
            _rowNames[row] = name;
        }

        _tripletCol.AddRange(columns);
        _tripletValue.AddRange(values);
        _tripletRow.AddRepeated(row, columns.Length);
        return new Constraint(row);
    }

    /// <summary>
    /// Adds rows in bulk, row-major: row i has entries <paramref name="columns"/>/<paramref name="values"/>
    /// [<paramref name="rowStarts"/>[i] .. <paramref name="rowStarts"/>[i+1]). Returns the first new row.
    /// </summary>
    public Constraint AddRows(ReadOnlySpan<int> rowStarts, ReadOnlySpan<int> columns, ReadOnlySpan<double> values,
        ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        var count = lower.Length;
        CheckLength(upper, count, nameof(upper));
        CheckCompressed(rowStarts, columns, values, count, VariableCount, "row", "column");
        var first = _rowLower.Count;
        for (var i = 0; i < count; i++)
        {
            CheckBounds(lower[i], upper[i], "row", first + i, null);
        }

        _rowLower.AddRange(lower);
        _rowUpper.AddRange(upper);
        AppendCompressed(ref _tripletRow, ref _tripletCol, rowStarts, columns, values, first);

        return new Constraint(first);
    }

    /// <summary>Adds <paramref name="count"/> empty rows with the same bounds (fill them with <see cref="SetCoefficient"/>).</summary>
    public Constraint AddEmptyRows(int count, double lower, double upper)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckBounds(lower, upper, "row", _rowLower.Count, null);
        var first = _rowLower.Count;
        _rowLower.AddRepeated(lower, count);
        _rowUpper.AddRepeated(upper, count);
        return new Constraint(first);
    }

    /// <summary>Adds one matrix entry; entries on the same (row, variable) are summed when loaded.</summary>
    public void SetCoefficient(Constraint row, Variable variable, double value)
    {
        CheckRow(row);
        CheckVariable(variable);
        CheckFinite(value, "coefficient", variable.Index);
        _tripletRow.Add(row.Index);
        _tripletCol.Add(variable.Index);
        _tripletValue.Add(value);
    }

    public void SetBounds(Constraint row, double lower, double upper)
    {
        CheckRow(row);
        CheckBounds(lower, upper, "row", row.Index, GetName(row));
        _rowLower[row.Index] = lower;
        _rowUpper[row.Index] = upper;
    }

    public void SetName(Constraint row, string name)
    {
        CheckRow(row);
        _rowNames[row.Index] = name ?? throw new ArgumentNullException(nameof(name));
    }

    public string? GetName(Constraint row) => _rowNames.GetValueOrDefault(row.Index);

    public double LowerBound(Constraint row) => _rowLower[CheckRow(row)];

    public double UpperBound(Constraint row) => _rowUpper[CheckRow(row)];

    // ---- views for the solver backends -----------------------------------------------------------------------

    internal ReadOnlySpan<double> ColumnLower => _colLower.Span;
    internal ReadOnlySpan<double> ColumnUpper => _colUpper.Span;
    internal ReadOnlySpan<double> Objective => _objective.Span;
    internal ReadOnlySpan<bool> Integrality => _isInteger.Span;
    internal ReadOnlySpan<double> RowLower => _rowLower.Span;
    internal ReadOnlySpan<double> RowUpper => _rowUpper.Span;
    internal IReadOnlyDictionary<int, string> ColumnNames => _colNames;
    internal IReadOnlyDictionary<int, string> RowNames => _rowNames;

    /// <summary>The matrix in compressed column form (duplicates summed).</summary>
    internal SparseMatrix BuildColumnMajor() =>
        SparseMatrix.FromTriplets(VariableCount, ConstraintCount, _tripletCol.Span, _tripletRow.Span, _tripletValue.Span);

    /// <summary>The matrix in compressed row form (duplicates summed).</summary>
    internal SparseMatrix BuildRowMajor() =>
        SparseMatrix.FromTriplets(ConstraintCount, VariableCount, _tripletRow.Span, _tripletCol.Span, _tripletValue.Span);

    /// <summary>
    /// The matrix row by row, duplicates summed and explicit zeros left out: row r's entries are
    /// <c>Columns[Starts[r]..Starts[r + 1])</c> with <c>Values</c> alongside. A copy; for callers
    /// that split a model (e.g. a decomposition into blocks).
    /// </summary>
    public (int[] Starts, int[] Columns, double[] Values) GetRowMajor()
    {
        var m = BuildRowMajor();
        return (m.Starts, m.Indices, m.Values);
    }

    /// <summary>Value of the objective (including the offset) at a point.</summary>
    public double EvaluateObjective(ReadOnlySpan<double> values)
    {
        CheckLength(values, VariableCount, nameof(values));
        var sum = ObjectiveOffset;
        var obj = _objective.Span;
        for (var j = 0; j < obj.Length; j++)
        {
            sum += obj[j] * values[j];
        }

        return sum;
    }

    // ---- export -----------------------------------------------------------------------------------------------

    /// <summary>Writes the model as free-format MPS (see the conventions on the writer: OBJSENSE, ranges, bounds).</summary>
    public void ExportToMps(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        MpsWriter.Write(this, writer);
    }

    /// <summary>The model as a free-format MPS string.</summary>
    public string ExportToMpsString()
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        MpsWriter.Write(this, writer);
        return writer.ToString();
    }

    /// <summary>Writes the model as a free-format MPS file.</summary>
    public void ExportToMpsFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        MpsWriter.Write(this, writer);
    }

    // ---- checks ----------------------------------------------------------------------------------------------

    private int CheckVariable(Variable variable)
    {
        if ((uint)variable.Index >= (uint)VariableCount)
        {
            throw new ArgumentOutOfRangeException(nameof(variable), variable.Index,
                $"Variable index {variable.Index} is not in this model (it has {VariableCount} variables); was the handle made by another model?");
        }

        return variable.Index;
    }

    private int CheckRow(Constraint row)
    {
        if ((uint)row.Index >= (uint)ConstraintCount)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row.Index,
                $"Row index {row.Index} is not in this model (it has {ConstraintCount} rows); was the handle made by another model?");
        }

        return row.Index;
    }

    internal static void CheckBounds(double lower, double upper, string kind, int index, string? name)
    {
        var label = name is null ? $"{kind} {index}" : $"{kind} {index} '{name}'";
        if (double.IsNaN(lower) || double.IsNaN(upper))
        {
            throw new ArgumentException($"The bounds of {label} are [{lower}, {upper}]; bounds must not be NaN.");
        }

        if (lower > upper)
        {
            throw new ArgumentException($"The bounds of {label} are [{lower}, {upper}]; the lower bound must be <= the upper bound. Were they swapped?");
        }

        if (double.IsPositiveInfinity(lower) || double.IsNegativeInfinity(upper))
        {
            throw new ArgumentException($"The bounds of {label} are [{lower}, {upper}]; a lower bound of +inf or an upper bound of -inf leaves no feasible value.");
        }
    }

    internal static void CheckFinite(double value, string what, int index)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"The {what} of variable {index} is {value}; it must be finite.");
        }
    }

    internal static void CheckLength<T>(ReadOnlySpan<T> span, int expected, string name)
    {
        if (span.Length != expected)
        {
            throw new ArgumentException($"'{name}' has {span.Length} entries but {expected} are needed.", name);
        }
    }

    private static void CheckEntries(ReadOnlySpan<int> indices, ReadOnlySpan<double> values, int bound, string indexKind, string ownerKind, int owner)
    {
        for (var k = 0; k < indices.Length; k++)
        {
            if ((uint)indices[k] >= (uint)bound)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), indices[k],
                    $"Entry {k} of {ownerKind} {owner} refers to {indexKind} {indices[k]}, but the model has {bound} {indexKind}s; add the {indexKind}s first.");
            }

            if (!double.IsFinite(values[k]))
            {
                throw new ArgumentException($"Entry {k} of {ownerKind} {owner} ({indexKind} {indices[k]}) has value {values[k]}; coefficients must be finite.", nameof(values));
            }
        }
    }

    internal static void CheckCompressed(ReadOnlySpan<int> starts, ReadOnlySpan<int> indices, ReadOnlySpan<double> values,
        int count, int bound, string majorKind, string minorKind)
    {
        CheckLength(starts, count + 1, "starts");
        CheckLength(values, indices.Length, nameof(values));
        if (starts[0] < 0 || starts[count] > indices.Length)
        {
            throw new ArgumentException($"The {majorKind} starts span [{starts[0]}, {starts[count]}) but there are {indices.Length} entries.");
        }

        for (var i = 0; i < count; i++)
        {
            if (starts[i + 1] < starts[i])
            {
                throw new ArgumentException($"The {majorKind} starts decrease at {majorKind} {i}: {starts[i]} then {starts[i + 1]}; starts must be non-decreasing.");
            }

            CheckEntries(indices[starts[i]..starts[i + 1]], values[starts[i]..starts[i + 1]], bound, minorKind, majorKind, i);
        }
    }
}
