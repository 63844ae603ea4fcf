namespace SolverEngine.Solvers;

/// <summary>
/// A linear-programming backend (Clp here; HiGHS would be one more class). Implementations are stateless and
/// thread-safe: each call builds its own native model, used by the calling thread only.
/// </summary>
public interface ILpSolver
{
    string Name { get; }

    /// <summary>
    /// Solves the LP relaxation of <paramref name="model"/> (integrality is ignored). Cancelling the token stops the
    /// native solve and returns <see cref="SolveStatus.Interrupted"/>.
    /// </summary>
    LpResult Solve(LinearModel model, SolverOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads <paramref name="model"/> into a persistent native model for warm re-solves (add rows/columns, change
    /// bounds and costs, solve again from the previous basis). The session belongs to one thread at a time.
    /// </summary>
    ILpSession CreateSession(LinearModel model, SolverOptions? options = null);
}

/// <summary>A persistent LP: one native model that keeps its basis between solves. Not thread-safe.</summary>
public interface ILpSession : IDisposable
{
    int VariableCount { get; }

    int ConstraintCount { get; }

    /// <summary>Solves (warm from the last basis if there is one).</summary>
    LpResult Solve(CancellationToken cancellationToken = default);

    /// <summary>Adds rows row-major (see <see cref="LinearModel.AddRows"/>); returns the first new row.</summary>
    Constraint AddRows(ReadOnlySpan<int> rowStarts, ReadOnlySpan<int> columns, ReadOnlySpan<double> values,
        ReadOnlySpan<double> lower, ReadOnlySpan<double> upper);

    /// <summary>Adds one row from an expression (its constant moves to the bounds).</summary>
    Constraint AddRow(LinearExpression expression, double lower, double upper);

    /// <summary>Adds columns column-major (see <see cref="LinearModel.AddColumns"/>); returns the first new variable.</summary>
    Variable AddColumns(ReadOnlySpan<int> columnStarts, ReadOnlySpan<int> rows, ReadOnlySpan<double> values,
        ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, ReadOnlySpan<double> objective);

    void SetBounds(Variable variable, double lower, double upper);

    /// <summary>The time limit of the solves from now on (the session's other options stay); null = none.</summary>
    void SetTimeLimit(TimeSpan? timeLimit);

    void SetBounds(Constraint row, double lower, double upper);

    void SetObjectiveCoefficient(Variable variable, double coefficient);
}

/// <summary>
/// A mixed-integer backend (Cbc here). Implementations are thread-safe to call; each call owns its native model.
/// </summary>
public interface IMipSolver
{
    string Name { get; }

    /// <summary>
    /// Solves <paramref name="model"/> with integrality. <paramref name="start"/> is an optional (partial) feasible
    /// assignment the solver tries first. Cancelling the token stops the search and returns
    /// <see cref="SolveStatus.Interrupted"/> with the incumbent, if any.
    /// </summary>
    MipResult Solve(LinearModel model, SolverOptions? options = null, MipStart? start = null, CancellationToken cancellationToken = default);
}

/// <summary>A (partial) assignment handed to a MIP solver as its first incumbent candidate.</summary>
public sealed class MipStart
{
    private readonly Dictionary<int, double> _values = [];

    public int Count => _values.Count;

    public MipStart Set(Variable variable, double value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variable.Index, nameof(variable));
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"MIP start value of {variable} is {value}; it must be finite.", nameof(value));
        }

        _values[variable.Index] = value;
        return this;
    }

    /// <summary>A start that assigns every variable from a full solution vector.</summary>
    public static MipStart FromValues(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var start = new MipStart();
        for (var j = 0; j < values.Count; j++)
        {
            start.Set(new Variable(j), values[j]);
        }

        return start;
    }

    internal (int[] Columns, double[] Values) ToArrays()
    {
        var columns = _values.Keys.Order().ToArray();
        var values = new double[columns.Length];
        for (var k = 0; k < columns.Length; k++)
        {
            values[k] = _values[columns[k]];
        }

        return (columns, values);
    }
}
