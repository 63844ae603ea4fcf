using System.Diagnostics;
using SolverEngine.Solvers.Internal;
using static SolverEngine.Solvers.Internal.NativeProblem;

namespace SolverEngine.Solvers;

/// <summary>
/// A persistent LP on one native Clp model. After a solve, Clp keeps the basis: adding rows and re-solving runs the
/// dual simplex from that basis (the old basis stays dual feasible), adding columns or changing costs runs the
/// primal simplex. Not thread-safe: one thread at a time (a second concurrent caller gets
/// <see cref="InvalidOperationException"/>). Dispose it to free the native model.
/// </summary>
public sealed unsafe class ClpLpSession : ILpSession
{
    private readonly ClpHandle _handle;
    private SolverOptions _options;
    private readonly double _objectiveOffset;
    private readonly double _sense;
    private readonly ReentrancyGuard _guard = new(nameof(ClpLpSession));
    private bool _solvedOnce;
    private bool _rowsChanged;
    private bool _columnsChanged;
    private bool _boundsChanged;
    private bool _boundsLoosened;

    internal ClpLpSession(LinearModel model, SolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        options.Validate();
        _options = options;
        _objectiveOffset = model.ObjectiveOffset;
        _sense = model.Sense == ObjectiveSense.Maximize ? -1.0 : 1.0;
        _handle = ClpHandle.Create();
        try
        {
            Interop.Clp.Clp_setLogLevel(_handle, options.LogLevel);
            Load(model);
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
    }

    private ClpLpSession(ClpHandle handle, SolverOptions options)
    {
        _handle = handle;
        _options = options;
        _sense = Interop.Clp.Clp_optimizationDirection(handle);
    }

    /// <summary>
    /// Reads an MPS file (fixed or free format, as Clp_readMps detects) into a new session. The objective offset
    /// and sense in the file are kept by Clp.
    /// </summary>
    internal static ClpLpSession ReadMps(string path, SolverOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options.Validate();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"MPS file '{path}' does not exist.", path);
        }

        var handle = ClpHandle.Create();
        try
        {
            Interop.Clp.Clp_setLogLevel(handle, options.LogLevel);
            var rc = Interop.Clp.Clp_readMps(handle, path, keepNames: 1, ignoreErrors: 0);
            if (rc != 0)
            {
                throw new SolverException($"Clp_readMps('{path}') reported {rc} error(s); the file is not valid MPS (run with LogLevel 1 to see Clp's messages).");
            }

            return new ClpLpSession(handle, options);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public int VariableCount => Interop.Clp.Clp_numberColumns(_handle);

    public int ConstraintCount => Interop.Clp.Clp_numberRows(_handle);

    internal ClpHandle Handle => _handle;

    private void Load(LinearModel model)
    {
        NativeProblem.Load(model, (columns, rows, start, index, value, cl, cu, obj, rl, ru) =>
            Interop.Clp.Clp_loadProblem(_handle, columns, rows, start, index, value, cl, cu, obj, rl, ru));

        Interop.Clp.Clp_setOptimizationDirection(_handle, _sense);
        if (Interop.Clp.Clp_numberColumns(_handle) != model.VariableCount || Interop.Clp.Clp_numberRows(_handle) != model.ConstraintCount)
        {
            throw new SolverException(
                $"Clp_loadProblem produced {Interop.Clp.Clp_numberRows(_handle)} x {Interop.Clp.Clp_numberColumns(_handle)} " +
                $"instead of {model.ConstraintCount} x {model.VariableCount}.");
        }
    }

    /// <inheritdoc />
    public LpResult Solve(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        using var scope = _guard.Enter();
        var clock = Stopwatch.StartNew();
        using var deadline = new SolveDeadline(_options.TimeLimit, cancellationToken);
        if (deadline.StopReason is { } early)
        {
            return ReadResult(early, clock.Elapsed, iterations: 0);
        }

        Interop.Clp.Clp_setNumberIterations(_handle, 0);
        Interop.Clp.Clp_setMaximumIterations(_handle, int.MaxValue);
        if (_boundsChanged) AnnounceBoundChanges();

        // Cancellation: the token callback (another thread) lowers Clp's iteration limit to 0. The simplex loops poll
        // hitMaximumIterations() after every refactorisation, so Clp stops within a few hundred pivots. This one
        // int write is the only cross-thread access to the model; the registration is disposed (and waits for a
        // running callback) before the solve returns, so it never touches a freed or reused model.
        var registration = deadline.CanStop
            ? deadline.Token.UnsafeRegister(static state => StopNative((ClpHandle)state!), _handle)
            : default;
        try
        {
            // The return code repeats Clp_status, which ReadResult reads.
            _ = RunAlgorithm(deadline.CanStop);
        }
        finally
        {
            registration.Dispose();
        }

        var iterations = Interop.Clp.Clp_numberIterations(_handle);
        Interop.Clp.Clp_setMaximumIterations(_handle, int.MaxValue);
        _solvedOnce = true;
        _rowsChanged = false;
        _columnsChanged = false;
        _boundsLoosened = false;
        return ReadResult(deadline.StopReason, clock.Elapsed, iterations);
    }

    /// <inheritdoc />
    public void SetTimeLimit(TimeSpan? timeLimit)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var options = _options with { TimeLimit = timeLimit };
        options.Validate();
        _options = options;
    }

    /// <summary>
    /// Above this many columns a solve that must be stoppable (a time limit or a cancellable token)
    /// runs without presolve: presolve solves a copy of the model that the stop request (the
    /// iteration limit lowered on this model) does not reach, so a large presolved LP would run to
    /// its end whatever the deadline. Small LPs end quickly either way and keep presolve.
    /// </summary>
    public const int PresolveMaxColumnsWhenStoppable = 20_000;

    private int RunAlgorithm(bool mustStop)
    {
        if (_solvedOnce)
        {
            // Warm start from the basis Clp kept. New rows or tighter bounds keep the basis dual feasible, so
            // dual simplex; new columns, costs or only looser bounds keep it primal feasible, so primal simplex.
            return _rowsChanged || !(_columnsChanged || _boundsLoosened)
                ? Interop.Clp.Clp_dual(_handle, 0)
                : Interop.Clp.Clp_primal(_handle, 0);
        }

        using var solve = ClpSolveOptionsHandle.Create();
        Interop.Clp.ClpSolve_setSolveType(solve, _options.Algorithm switch
        {
            LpAlgorithm.DualSimplex => Interop.Clp.SolveType.Dual,
            LpAlgorithm.PrimalSimplex => Interop.Clp.SolveType.Primal,
            LpAlgorithm.Barrier => Interop.Clp.SolveType.Barrier,
            _ => Interop.Clp.SolveType.Automatic,
        }, -1);
        var presolve = _options.Presolve
            && (_options.PresolveEvenIfUnstoppable || !(mustStop && Interop.Clp.Clp_numberColumns(_handle) > PresolveMaxColumnsWhenStoppable));
        Interop.Clp.ClpSolve_setPresolveType(solve, presolve ? Interop.Clp.PresolveType.On : Interop.Clp.PresolveType.Off, -1);
        return Interop.Clp.Clp_initialSolveWithOptions(_handle, solve);
    }

    /// <summary>
    /// Bounds written in place (SetBounds) are handed to Clp through its chg* calls, which also clear
    /// Clp's record of what it may reuse from the last solve (whatsChanged): a warm solve that reused
    /// its internal bound copies after an in-place change could see lower &gt; upper and abort the
    /// process (ClpNonLinearCost assertion). The basis is kept.
    /// </summary>
    private void AnnounceBoundChanges()
    {
        Interop.Clp.Clp_chgColumnLower(_handle, Interop.Clp.Clp_columnLower(_handle));
        Interop.Clp.Clp_chgColumnUpper(_handle, Interop.Clp.Clp_columnUpper(_handle));
        Interop.Clp.Clp_chgRowLower(_handle, Interop.Clp.Clp_rowLower(_handle));
        Interop.Clp.Clp_chgRowUpper(_handle, Interop.Clp.Clp_rowUpper(_handle));
        _boundsChanged = false;
    }

    private static void StopNative(ClpHandle handle)
    {
        // Runs on the cancelling thread; must not throw into CancellationTokenSource.Cancel.
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            Interop.Clp.Clp_setMaximumIterations(handle, 0);
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private LpResult ReadResult(SolveStatus? stopReason, TimeSpan elapsed, int iterations)
    {
        var rows = ConstraintCount;
        var cols = VariableCount;
        var clpStatus = Interop.Clp.Clp_status(_handle);
        var status = clpStatus switch
        {
            Interop.Clp.Status.Optimal => SolveStatus.Optimal,
            Interop.Clp.Status.PrimalInfeasible => SolveStatus.Infeasible,
            Interop.Clp.Status.DualInfeasible => SolveStatus.Unbounded,
            Interop.Clp.Status.StoppedOnLimit => stopReason ?? (Interop.Clp.Clp_isIterationLimitReached(_handle) != 0 ? SolveStatus.IterationLimit : SolveStatus.TimeLimit),
            Interop.Clp.Status.StoppedOnErrors => SolveStatus.NumericalError,
            Interop.Clp.Status.StoppedByEventHandler => stopReason ?? SolveStatus.Interrupted,
            _ => stopReason ?? SolveStatus.NumericalError, // -1: never solved (stopped before it began)
        };

        var values = Copy(Interop.Clp.Clp_primalColumnSolution(_handle), cols);
        var activities = Copy(Interop.Clp.Clp_primalRowSolution(_handle), rows);
        var duals = Copy(Interop.Clp.Clp_dualRowSolution(_handle), rows);
        var reduced = Copy(Interop.Clp.Clp_dualColumnSolution(_handle), cols);
        var objective = clpStatus == Interop.Clp.Status.Unknown
            ? double.NaN
            : Interop.Clp.Clp_objectiveValue(_handle) + _objectiveOffset;
        return new LpResult(status, objective, values, activities, duals, reduced, iterations, elapsed);
    }

    /// <inheritdoc />
    public Constraint AddRows(ReadOnlySpan<int> rowStarts, ReadOnlySpan<int> columns, ReadOnlySpan<double> values,
        ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        using var scope = _guard.Enter();
        var count = lower.Length;
        var first = ConstraintCount;
        LinearModel.CheckLength(upper, count, nameof(upper));
        LinearModel.CheckCompressed(rowStarts, columns, values, count, VariableCount, "row", "column");
        for (var i = 0; i < count; i++)
        {
            LinearModel.CheckBounds(lower[i], upper[i], "row", first + i, null);
        }

        var matrix = SparseMatrix.FromCompressed(rowStarts, columns, values);
        var rl = ToNative(lower);
        var ru = ToNative(upper);
        fixed (int* starts = matrix.Starts)
        fixed (int* cols = matrix.Indices)
        fixed (double* vals = matrix.Values)
        fixed (double* pl = rl)
        fixed (double* pu = ru)
        {
            Interop.Clp.Clp_addRows(_handle, count, pl, pu, starts, cols, vals);
        }

        _rowsChanged = true;
        return new Constraint(first);
    }

    /// <inheritdoc />
    public Constraint AddRow(LinearExpression expression, double lower, double upper)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ReadOnlySpan<int> starts = [0, expression.Count];
        return AddRows(starts, expression.Columns, expression.Coefficients,
            [lower - expression.Constant], [upper - expression.Constant]);
    }

    /// <inheritdoc />
    public Variable AddColumns(ReadOnlySpan<int> columnStarts, ReadOnlySpan<int> rows, ReadOnlySpan<double> values,
        ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, ReadOnlySpan<double> objective)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        using var scope = _guard.Enter();
        var count = lower.Length;
        var first = VariableCount;
        LinearModel.CheckLength(upper, count, nameof(upper));
        LinearModel.CheckLength(objective, count, nameof(objective));
        LinearModel.CheckCompressed(columnStarts, rows, values, count, ConstraintCount, "column", "row");
        for (var j = 0; j < count; j++)
        {
            LinearModel.CheckBounds(lower[j], upper[j], "variable", first + j, null);
            LinearModel.CheckFinite(objective[j], "objective coefficient", first + j);
        }

        var matrix = SparseMatrix.FromCompressed(columnStarts, rows, values);
        var cl = ToNative(lower);
        var cu = ToNative(upper);
        fixed (int* starts = matrix.Starts)
        fixed (int* idx = matrix.Indices)
        fixed (double* vals = matrix.Values)
        fixed (double* pl = cl)
        fixed (double* pu = cu)
        fixed (double* obj = objective)
        {
            Interop.Clp.Clp_addColumns(_handle, count, pl, pu, obj, starts, idx, vals);
        }

        _columnsChanged = true;
        return new Variable(first);
    }

    /// <inheritdoc />
    public void SetBounds(Variable variable, double lower, double upper) => SetBoundsInPlace(column: true, variable.Index, lower, upper);

    /// <inheritdoc />
    public void SetBounds(Constraint row, double lower, double upper) => SetBoundsInPlace(column: false, row.Index, lower, upper);

    private void SetBoundsInPlace(bool column, int index, double lower, double upper)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        using var scope = _guard.Enter();
        var what = column ? "variable" : "row";
        CheckIndex(index, column ? VariableCount : ConstraintCount, what);
        LinearModel.CheckBounds(lower, upper, what, index, null);
        // Clp_columnLower/Upper and Clp_rowLower/Upper expose the model's own arrays: writing them changes the
        // bounds in place and keeps the basis (Clp re-checks feasibility of the basis on the next solve).
        var lowers = column ? Interop.Clp.Clp_columnLower(_handle) : Interop.Clp.Clp_rowLower(_handle);
        var uppers = column ? Interop.Clp.Clp_columnUpper(_handle) : Interop.Clp.Clp_rowUpper(_handle);
        var loosened = ToNative(lower) <= lowers[index] && ToNative(upper) >= uppers[index];
        lowers[index] = ToNative(lower);
        uppers[index] = ToNative(upper);
        // Looser bounds keep the last basis primal feasible (primal simplex goes on from it); tighter ones
        // keep it dual feasible (dual simplex). Warm dual after loosening fell into Clp's primal clean-up,
        // which did not stop for the time limit (generated L and XL, lanes opened after LanesClosedFirst).
        if (loosened) _boundsLoosened = true;
        else _rowsChanged = true;
        _boundsChanged = true;
    }

    /// <inheritdoc />
    public void SetObjectiveCoefficient(Variable variable, double coefficient)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        using var scope = _guard.Enter();
        CheckIndex(variable.Index, VariableCount, "variable");
        if (!double.IsFinite(coefficient))
        {
            throw new ArgumentException($"Objective coefficient of {variable} is {coefficient}; it must be finite.", nameof(coefficient));
        }

        Interop.Clp.Clp_objective(_handle)[variable.Index] = coefficient;
        _columnsChanged = true;
    }

    /// <summary>
    /// Writes the native model as free MPS via Clp_writeMps. Like <see cref="LinearModel.ExportToMps"/>, a
    /// maximisation is written as the minimisation of the negated objective.
    /// </summary>
    public void WriteMps(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        using var scope = _guard.Enter();
        // formatType 1 = free format (names may be long); objSense -1 flips a maximisation into a minimisation
        // (Clp writes the stored coefficients as they are and MPS readers assume minimisation).
        var rc = Interop.Clp.Clp_writeMps(_handle, path, 1, 1, _sense < 0 ? -1.0 : 0.0);
        if (rc != 0)
        {
            throw new SolverException($"Clp_writeMps('{path}') returned {rc}; check that the directory exists and is writable.", isTransient: false);
        }
    }

    public void Dispose() => _handle.Dispose();

    private static void CheckIndex(int index, int count, string what)
    {
        if ((uint)index >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(what, index, $"The {what} index {index} is not in this session (it has {count}).");
        }
    }

    private static double[] Copy(double* source, int count)
    {
        if (source == null || count == 0)
        {
            return new double[count];
        }

        return new ReadOnlySpan<double>(source, count).ToArray();
    }
}
