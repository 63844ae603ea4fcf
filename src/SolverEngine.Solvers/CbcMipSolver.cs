using System.Diagnostics;
using System.Globalization;
using SolverEngine.Solvers.Internal;

namespace SolverEngine.Solvers;

/// <summary>
/// MIP backend on COIN-OR Cbc 2.10 (Debian package coinor-libcbc3). Every call builds its own native model.
/// <para>
/// Concurrency: Cbc 2.10 runs branch and bound through CbcMain1, which keeps its command-line cursor
/// (CbcOrClpRead_mode) in a process global and swaps the process's SIGINT handler, so two MIP solves in one
/// process would corrupt each other. MIP solves are therefore serialised process-wide (a caller waiting for the
/// lock can still cancel); use <see cref="SolverOptions.Threads"/> for parallelism inside one MIP, and
/// <see cref="ClpLpSolver"/> (fully parallel) where an LP will do. Models without integer variables are handed to
/// <see cref="ClpLpSolver"/> (no lock, interruptible).
/// </para>
/// </summary>
public sealed unsafe class CbcMipSolver : IMipSolver
{
    /// <summary>Held around every Cbc_solve that runs CbcMain1 (see the class remarks).</summary>
    internal static readonly SemaphoreSlim s_cbcMainLock = new(1, 1);

    public static CbcMipSolver Instance { get; } = new();

    public string Name => "Cbc";

    /// <inheritdoc />
    public MipResult Solve(LinearModel model, SolverOptions? options = null, MipStart? start = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= SolverOptions.Default;
        options.Validate();
        if (!model.IsMip)
        {
            // No integers: Cbc_solve would only run Clp's initialSolve, uninterruptible. Clp directly is the same
            // solver with cancellation, duals and no process-wide lock.
            return FromLp(ClpLpSolver.Instance.Solve(model, options, cancellationToken));
        }

        var clock = Stopwatch.StartNew();
        // Cbc enforces the time limit itself ("sec"); our timer is the hard stop one grace period later.
        using var deadline = new SolveDeadline(options.TimeLimit, cancellationToken, HardStopGrace(options.TimeLimit));
        using var handle = CbcHandle.Create();
        Load(handle, model);
        if (start is { Count: > 0 })
        {
            ApplyStart(handle, model, start);
        }

        ApplyOptions(handle, options);
        using var interrupt = new CbcInterrupt();
        if (deadline.CanStop)
        {
            interrupt.Attach(handle);
        }

        try
        {
            s_cbcMainLock.Wait(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return new MipResult(deadline.StopReason ?? SolveStatus.Interrupted, false, double.NaN,
                Unproven(model), [], 0, 0, clock.Elapsed);
        }

        try
        {
            // Already stopped before the search began: do not start it.
            if (deadline.StopReason is { } early)
            {
                return new MipResult(early, false, double.NaN, Unproven(model), [], 0, 0, clock.Elapsed);
            }

            using var registration = deadline.CanStop
                ? deadline.Token.UnsafeRegister(static s => ((CbcInterrupt)s!).Request(), interrupt)
                : default;
            Interop.Cbc.Cbc_solve(handle);
        }
        finally
        {
            s_cbcMainLock.Release();
        }

        return ReadResult(handle, model, deadline, interrupt, clock.Elapsed);
    }

    /// <summary>Writes <paramref name="model"/> in CPLEX LP format through Cbc_writeLp (integers included).</summary>
    public static void WriteLp(LinearModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var handle = CbcHandle.Create();
        Load(handle, model, withNames: true);
        // Cbc_writeLp strips a trailing ".lp" and lets Osi append it again.
        Interop.Cbc.Cbc_writeLp(handle, path);
        var written = path.EndsWith(".lp", StringComparison.OrdinalIgnoreCase) ? path : path + ".lp";
        if (!File.Exists(written))
        {
            throw new SolverException($"Cbc_writeLp did not create '{written}'; check that the directory exists and is writable.");
        }
    }

    private static void Load(CbcHandle handle, LinearModel model, bool withNames = false)
    {
        NativeProblem.Load(model, (columns, rows, start, index, value, cl, cu, obj, rl, ru) =>
            Interop.Cbc.Cbc_loadProblem(handle, columns, rows, start, index, value, cl, cu, obj, rl, ru));

        var integrality = model.Integrality;
        for (var j = 0; j < integrality.Length; j++)
        {
            if (integrality[j])
            {
                Interop.Cbc.Cbc_setInteger(handle, j);
            }
        }

        Interop.Cbc.Cbc_setObjSense(handle, model.Sense == ObjectiveSense.Maximize ? -1.0 : 1.0);
        if (withNames)
        {
            Interop.Cbc.Cbc_setProblemName(handle, model.Name);
            foreach (var (j, name) in model.ColumnNames)
            {
                Interop.Cbc.Cbc_setColName(handle, j, name);
            }

            foreach (var (i, name) in model.RowNames)
            {
                Interop.Cbc.Cbc_setRowName(handle, i, name);
            }
        }

        if (Interop.Cbc.Cbc_getNumCols(handle) != model.VariableCount || Interop.Cbc.Cbc_getNumRows(handle) != model.ConstraintCount)
        {
            throw new SolverException(
                $"Cbc_loadProblem produced {Interop.Cbc.Cbc_getNumRows(handle)} x {Interop.Cbc.Cbc_getNumCols(handle)} " +
                $"instead of {model.ConstraintCount} x {model.VariableCount}.");
        }
    }

    private static void ApplyStart(CbcHandle handle, LinearModel model, MipStart start)
    {
        var (columns, values) = start.ToArrays();
        if (columns[^1] >= model.VariableCount)
        {
            throw new ArgumentException(
                $"The MIP start sets variable {columns[^1]}, but the model has {model.VariableCount} variables.", nameof(start));
        }

        fixed (int* c = columns)
        fixed (double* v = values)
        {
            Interop.Cbc.Cbc_setMIPStartI(handle, columns.Length, c, v);
        }
    }

    /// <summary>Cbc 2.10's diving heuristics (command-line names).</summary>
    private static readonly string[] DivingHeuristics =
        ["DivingCoefficient", "DivingFractional", "DivingGuided", "DivingLineSearch", "DivingPseudoCost", "DivingVectorLength", "DivingSome"];

    private static void ApplyOptions(CbcHandle handle, SolverOptions options)
    {
        // CbcMain1 reads its settings as command-line arguments; Cbc_setParameter queues "-name value".
        var log = options.LogLevel.ToString(CultureInfo.InvariantCulture);
        Interop.Cbc.Cbc_setParameter(handle, "log", log);
        Interop.Cbc.Cbc_setParameter(handle, "slog", options.LogLevel > 1 ? "1" : "0");
        Interop.Cbc.Cbc_setLogLevel(handle, options.LogLevel);
        if (options.TimeLimit is { } limit)
        {
            // Wall-clock seconds (Cbc's default is CPU time, which undercounts on a busy machine).
            Interop.Cbc.Cbc_setParameter(handle, "timeMode", "elapsed");
            Interop.Cbc.Cbc_setParameter(handle, "sec", limit.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        }

        if (options.RelativeGap is { } gap)
        {
            Interop.Cbc.Cbc_setParameter(handle, "ratioGap", gap.ToString("R", CultureInfo.InvariantCulture));
        }

        if (options.Threads > 0)
        {
            Interop.Cbc.Cbc_setParameter(handle, "threads", options.Threads.ToString(CultureInfo.InvariantCulture));
        }

        if (!options.Presolve)
        {
            Interop.Cbc.Cbc_setParameter(handle, "preprocess", "off");
            Interop.Cbc.Cbc_setParameter(handle, "presolve", "off");
        }
        else if (options.TimeLimit is not null)
        {
            // Cbc 2.10 hands the time left to Cgl's preprocessing, and a limit that runs out inside it
            // dereferences null in CglPreProcess::preProcessNonDefault: the process dies (reproduced by
            // CbcMipSolverTests.A_time_limit_that_ends_inside_preprocessing_does_not_crash_the_process).
            // With a wall-clock limit the MIP goes without it (and the limit is kept better: it did not stop).
            Interop.Cbc.Cbc_setParameter(handle, "preprocess", "off");
        }

        // Cbc's diving heuristics can hand Clp crossed bounds; Debian's Clp is built with assertions, so that
        // aborts the whole process (ClpNonLinearCost::checkInfeasibilities, seen in CbcHeuristicDive on a set-up
        // MIP). Off unless the caller's parameters turn one back on.
        foreach (var dive in DivingHeuristics)
        {
            Interop.Cbc.Cbc_setParameter(handle, dive, "off");
        }

        foreach (var (name, value) in options.Parameters)
        {
            Interop.Cbc.Cbc_setParameter(handle, name, value);
        }
    }

    private static MipResult ReadResult(CbcHandle handle, LinearModel model, SolveDeadline deadline, CbcInterrupt interrupt, TimeSpan elapsed)
    {
        var n = model.VariableCount;
        var status = Interop.Cbc.Cbc_status(handle);
        var secondary = Interop.Cbc.Cbc_secondaryStatus(handle);
        var nodes = Interop.Cbc.Cbc_getNodeCount(handle);
        var iterations = Interop.Cbc.Cbc_getIterationCount(handle);

        // Cbc_bestSolution is the incumbent (NULL if none).
        var best = Interop.Cbc.Cbc_bestSolution(handle);
        var hasSolution = best != null;
        var values = hasSolution ? new ReadOnlySpan<double>(best, n).ToArray() : [];

        var objective = hasSolution ? model.EvaluateObjective(values) : double.NaN;
        var stoppedByUs = interrupt.Requested ? deadline.StopReason ?? SolveStatus.Interrupted : (SolveStatus?)null;
        SolveStatus result;
        if (stoppedByUs is { } stop)
        {
            result = stop;
        }
        else
        {
            result = (status, secondary) switch
            {
                (Interop.Cbc.Status.Finished, _) when hasSolution => SolveStatus.Optimal,
                (Interop.Cbc.Status.Finished, Interop.Cbc.SecondaryStatus.LinearRelaxationUnbounded) => SolveStatus.InfeasibleOrUnbounded,
                (Interop.Cbc.Status.Finished, _) when Interop.Cbc.Cbc_isContinuousUnbounded(handle) != 0 => SolveStatus.InfeasibleOrUnbounded,
                (Interop.Cbc.Status.Finished, _) => SolveStatus.Infeasible,
                (Interop.Cbc.Status.StoppedOnLimit, Interop.Cbc.SecondaryStatus.TimeLimit) => SolveStatus.TimeLimit,
                (Interop.Cbc.Status.StoppedOnLimit, Interop.Cbc.SecondaryStatus.GapReached) => SolveStatus.Optimal,
                (Interop.Cbc.Status.StoppedOnLimit, _) => SolveStatus.IterationLimit,
                (Interop.Cbc.Status.StoppedByEvent, _) => deadline.StopReason ?? SolveStatus.Interrupted,
                _ => SolveStatus.NumericalError,
            };
        }

        // After an injected stop Cbc's bound is not a proof (it pruned nodes we made infeasible).
        double bound;
        if (stoppedByUs is not null)
        {
            bound = Unproven(model);
        }
        else if (result == SolveStatus.Infeasible)
        {
            bound = model.Sense == ObjectiveSense.Minimize ? double.PositiveInfinity : double.NegativeInfinity;
        }
        else
        {
            bound = Interop.Cbc.Cbc_getBestPossibleObjValue(handle) + model.ObjectiveOffset;
            if (hasSolution && result == SolveStatus.Optimal && secondary == Interop.Cbc.SecondaryStatus.Optimal)
            {
                bound = model.Sense == ObjectiveSense.Minimize ? Math.Min(bound, objective) : Math.Max(bound, objective);
            }
        }

        return new MipResult(result, hasSolution, objective, bound, values, nodes, iterations, elapsed);
    }

    private static MipResult FromLp(LpResult lp) => new(
        lp.Status, lp.HasSolution, lp.HasSolution ? lp.Objective : double.NaN, lp.HasSolution ? lp.Objective : double.NaN,
        lp.HasSolution ? [.. lp.Values] : [], nodes: 0, lp.Iterations, lp.Elapsed);

    private static TimeSpan HardStopGrace(TimeSpan? limit) =>
        limit is { } l ? TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, l.Ticks / 10)) : TimeSpan.Zero;

    private static double Unproven(LinearModel model) =>
        model.Sense == ObjectiveSense.Minimize ? double.NegativeInfinity : double.PositiveInfinity;
}
