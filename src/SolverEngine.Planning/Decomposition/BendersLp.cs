using System.Diagnostics;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Decomposition;

/// <summary>Settings of one decomposed LP solve.</summary>
internal sealed record BendersSettings
{
    /// <summary>Stop when (upper - lower) &lt;= this x max(1, |upper|).</summary>
    public double RelativeGap { get; init; } = 1e-8;
    /// <summary>Master solves at most (each followed by one round of block solves).</summary>
    public int MaxIterations { get; init; } = 2_000;
    /// <summary>Wall-clock limit of the whole solve; null = none (deterministic mode: work is bounded by <see cref="MaxIterations"/>).</summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>Blocks solved at once (0 = every core).</summary>
    public int Threads { get; init; }
    /// <summary>
    /// In-out stabilisation (Ben-Ameur and Neto): blocks are solved first at this weight of the master's
    /// point against a core point (the last point where every block was feasible); 1 = classic Benders.
    /// </summary>
    public double Stabilization { get; init; } = 0.5;
}

/// <summary>How a decomposed LP solve ended.</summary>
internal enum BendersStatus
{
    /// <summary>Upper and lower bound met (within <see cref="BendersSettings.RelativeGap"/>).</summary>
    Optimal,
    /// <summary>Stopped by a limit or cancellation: the bound is valid, the point (if any) feasible but not proven optimal.</summary>
    Stopped,
    /// <summary>The LP is infeasible (a block cannot satisfy its own rows, or the master with its feasibility cuts is empty).</summary>
    Infeasible,
    /// <summary>The method does not apply (unbounded piece, numerical disagreement): solve the LP whole instead.</summary>
    NotApplicable,
}

/// <summary>A Benders cut in global column indices: <c>theta_Block x ThetaCoefficient + sum Coefficients x z &gt;= Lower</c>.</summary>
/// <param name="Feasibility">True for a feasibility cut (ThetaCoefficient 0).</param>
internal sealed record BendersCut(int Block, int[] Columns, double[] Coefficients, double ThetaCoefficient, double Lower, bool Feasibility);

/// <summary>Result of <see cref="BendersLp.Solve"/>.</summary>
internal sealed class BendersResult
{
    public required BendersStatus Status { get; init; }
    /// <summary>The master's bound: valid for the whole LP (every cut is valid). -inf when no master was solved.</summary>
    public double LowerBound { get; init; } = double.NegativeInfinity;
    /// <summary>Objective of <see cref="Values"/> (+inf when none).</summary>
    public double UpperBound { get; init; } = double.PositiveInfinity;
    /// <summary>A point feasible for the whole LP (the best master's linking values, each block re-solved at them); null when none was found.</summary>
    public double[]? Values { get; init; }
    /// <summary>Row prices at <see cref="Values"/>: block rows from the block solves, master rows from the last master.</summary>
    public double[]? Duals { get; init; }
    public int Iterations { get; init; }
    public long BlockSolves { get; init; }
    /// <summary>Every cut the run holds (those it started with included); valid for a later LP with the same columns and more rows.</summary>
    public IReadOnlyList<BendersCut> Cuts { get; init; } = [];
    public string Message { get; init; } = "";
}

/// <summary>
/// Classic Benders decomposition of an LP in block-angular form (<see cref="BlockPartition"/>).
/// <para>Master: the linking columns z with their costs and rows, one value variable theta_b per
/// block (bounded below by the block's optimum with its linking columns free), and the cuts. Block b
/// at a master point z^: its own columns, its rows, z fixed at z^ (cost 0 there). Its optimum V_b(z) is
/// convex in z, and the reduced costs g of the fixed z columns are a subgradient (the dual solution
/// stays feasible for every z; only the dual objective moves, linearly), so
/// <c>theta_b &gt;= V_b(z^) + g (z - z^)</c> is valid. An infeasible block is answered by its phase-one
/// problem (elastic columns, cost 1, on the rows that hold linking columns): its optimum w_b(z) &gt; 0
/// is convex too, and <c>w_b(z^) + g (z - z^) &lt;= 0</c> cuts z^ off without cutting any z for which the
/// block is feasible.</para>
/// <para>Lower bound: the master's optimum (a relaxation of the LP). Upper bound: the cost of z^ plus
/// every V_b(z^) when all blocks are feasible; that point (z^ and the blocks' solutions) satisfies every
/// row of the LP, so it is returned as the primal. The loop ends when the bounds meet, or when the
/// master's point violates no cut (it is then optimal).</para>
/// <para>Stabilisation (in-out, Ben-Ameur and Neto 2007): with many linking columns plain Benders
/// zig-zags, so blocks are solved first at a point between the master's point and a core point (the
/// last point where every block was feasible), which gives deeper cuts and feasible points sooner;
/// only when those cuts do not cut off the master's point are the blocks solved at it.</para>
/// <para>Threads: each block owns its Clp sessions (one native model each); a block is solved by one
/// worker at a time, results are kept by block index and cuts added in block order, so the run is the
/// same at any thread count.</para>
/// </summary>
internal sealed class BendersLp : IDisposable
{
    private readonly LinearModel _model;
    private readonly BlockPartition _part;
    private readonly ILpSolver _lp;
    private readonly BendersSettings _settings;
    private readonly BlockSolver[] _blocks;
    private readonly int[] _masterLocal; // global column -> master column, -1 elsewhere
    private long _blockSolves;

    public BendersLp(LinearModel model, BlockPartition partition, ILpSolver lp, BendersSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(partition);
        if (model.IsMip) throw new ArgumentException("A Benders LP decomposition needs an LP; the model has integer columns.", nameof(model));
        if (partition.ColumnCount != model.VariableCount || partition.RowCount != model.ConstraintCount)
            throw new ArgumentException($"The partition ({partition.RowCount} x {partition.ColumnCount}) was made for another model ({model.ConstraintCount} x {model.VariableCount}).", nameof(partition));
        _model = model;
        _part = partition;
        _lp = lp;
        _settings = settings;
        _masterLocal = new int[model.VariableCount];
        Array.Fill(_masterLocal, -1);
        for (var i = 0; i < partition.MasterColumns.Length; i++) _masterLocal[partition.MasterColumns[i]] = i;
        var scratch = new int[model.VariableCount];
        _blocks = partition.Blocks.Select((b, i) => new BlockSolver(i, model, partition, b, scratch, lp, settings)).ToArray();
    }

    public void Dispose()
    {
        foreach (var b in _blocks) b.Dispose();
    }

    /// <summary>Runs the loop. <paramref name="initialCuts"/>: cuts of an earlier run on the same columns (still valid when rows were only added).</summary>
    public BendersResult Solve(IReadOnlyList<BendersCut>? initialCuts, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        bool OutOfTime() => _settings.TimeLimit is { } limit && clock.Elapsed >= limit;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _settings.Threads > 0 ? _settings.Threads : Environment.ProcessorCount };
        var B = _blocks.Length;

        // theta_b >= the block's optimum with its linking columns free (a bound for every z)
        var floors = new BlockAnswer[B];
        Parallel.For(0, B, parallel, b => floors[b] = _blocks[b].SolveFree(ct));
        Interlocked.Add(ref _blockSolves, B);
        for (var b = 0; b < B; b++)
        {
            switch (floors[b].Kind)
            {
                case AnswerKind.Infeasible:
                    return new BendersResult { Status = BendersStatus.Infeasible, BlockSolves = _blockSolves, Message = $"Block {b} is infeasible whatever the linking columns are." };
                case AnswerKind.Stopped:
                    return new BendersResult { Status = BendersStatus.Stopped, BlockSolves = _blockSolves, Message = "Stopped before every block had a bound." };
                case AnswerKind.Failed:
                    return new BendersResult { Status = BendersStatus.NotApplicable, BlockSolves = _blockSolves, Message = $"Block {b}: {floors[b].Message}" };
            }
        }

        using var master = CreateMaster(floors.Select(f => f.Value).ToArray());
        var cuts = new List<BendersCut>();
        foreach (var cut in initialCuts ?? [])
        {
            if (cut.Block >= B || cut.Columns.Any(c => c >= _masterLocal.Length || _masterLocal[c] < 0)) continue;
            AddCut(master, cut);
            cuts.Add(cut);
        }

        var nz = _part.MasterColumns.Length;
        var lower = double.NegativeInfinity;
        var upper = double.PositiveInfinity;
        double[]? bestZ = null;
        BlockAnswer[]? bestAnswers = null;
        double[]? masterDuals = null;
        var iterations = 0;
        var status = BendersStatus.Stopped;
        var message = "";
        var answers = new BlockAnswer[B];
        double[]? core = null; // a point where every block was feasible (the stabilisation's centre)
        while (true)
        {
            if (ct.IsCancellationRequested || OutOfTime()) { message = "stopped by the time limit or cancellation"; break; }
            if (iterations >= _settings.MaxIterations) { message = $"stopped after {iterations} iterations"; break; }
            iterations++;
            var m = master.Solve(ct);
            if (m.Status == SolveStatus.Infeasible)
            {
                return new BendersResult { Status = BendersStatus.Infeasible, LowerBound = double.PositiveInfinity, Iterations = iterations, BlockSolves = _blockSolves, Cuts = cuts, Message = "The master is infeasible: no linking values let every block be feasible." };
            }
            if (!m.HasSolution)
            {
                if (m.Status is SolveStatus.Unbounded or SolveStatus.NumericalError)
                    return new BendersResult { Status = BendersStatus.NotApplicable, Iterations = iterations, BlockSolves = _blockSolves, Message = $"master: {m.Status}" };
                message = $"master stopped: {m.Status}";
                break;
            }
            lower = Math.Max(lower, m.Objective);
            masterDuals = m.Duals.ToArray();
            if (Converged(lower, upper)) { status = BendersStatus.Optimal; break; }

            var zHat = new double[nz];
            for (var i = 0; i < nz; i++) zHat[i] = m.Values[i];
            var thetaHat = new double[B];
            for (var b = 0; b < B; b++) thetaHat[b] = m.Values[nz + b];

            // In-out stabilisation: separate first between the core point and the master's point; where
            // that cuts nothing off at the master's point, separate at the master's point itself.
            var alpha = core is null ? 1.0 : _settings.Stabilization;
            var added = 0;
            var outcome = RoundOutcome.Continue;
            for (var pass = 0; pass < 2 && added == 0; pass++)
            {
                var a = pass == 0 ? alpha : 1.0;
                if (pass == 1 && alpha >= 1) break;
                var z = new double[nz];
                for (var i = 0; i < nz; i++) z[i] = a >= 1 ? zHat[i] : a * zHat[i] + (1 - a) * core![i];
                Parallel.For(0, B, parallel, b => answers[b] = _blocks[b].SolveAt(z, _masterLocal, ct));
                foreach (var ans in answers) if (!ans.Cached) Interlocked.Increment(ref _blockSolves);
                (outcome, var allFeasible, var candidate, var failedBlock) = Examine(answers, z);
                if (outcome != RoundOutcome.Continue)
                {
                    if (outcome == RoundOutcome.Stopped) { message = "stopped during the block solves"; break; }
                    return outcome == RoundOutcome.Infeasible
                        ? new BendersResult { Status = BendersStatus.Infeasible, LowerBound = double.PositiveInfinity, Iterations = iterations, BlockSolves = _blockSolves, Message = $"Block {failedBlock} is infeasible whatever the linking columns are." }
                        : new BendersResult { Status = BendersStatus.NotApplicable, LowerBound = lower, Iterations = iterations, BlockSolves = _blockSolves, Message = $"Block {failedBlock}: {answers[failedBlock].Message}" };
                }
                if (allFeasible)
                {
                    core = z;
                    if (candidate < upper)
                    {
                        upper = candidate;
                        bestZ = z;
                        bestAnswers = (BlockAnswer[])answers.Clone();
                    }
                }
                // keep the cuts that the master's point violates
                for (var b = 0; b < B; b++)
                {
                    var cut = answers[b].Cut;
                    if (cut is null) continue;
                    var lhs = cut.ThetaCoefficient * thetaHat[b];
                    for (var k = 0; k < cut.Columns.Length; k++) lhs += cut.Coefficients[k] * zHat[_masterLocal[cut.Columns[k]]];
                    if (lhs >= cut.Lower - Tolerance(cut.Lower)) continue;
                    AddCut(master, cut);
                    cuts.Add(cut);
                    added++;
                }
            }
            if (outcome == RoundOutcome.Stopped) break;
            if (Converged(lower, upper)) { status = BendersStatus.Optimal; break; }
            if (added == 0)
            {
                // nothing violated at the master's point: it is optimal up to the solver's tolerances
                status = bestZ is not null ? BendersStatus.Optimal : BendersStatus.NotApplicable;
                message = bestZ is null ? "no violated cut but no feasible point (numerical tolerances)" : "";
                break;
            }
        }

        if (bestZ is null || bestAnswers is null)
        {
            return new BendersResult { Status = status == BendersStatus.Optimal ? BendersStatus.Stopped : status, LowerBound = lower, Iterations = iterations, BlockSolves = _blockSolves, Cuts = cuts, Message = message };
        }
        var values = new double[_model.VariableCount];
        var duals = new double[_model.ConstraintCount];
        for (var i = 0; i < nz; i++) values[_part.MasterColumns[i]] = bestZ[i];
        for (var b = 0; b < B; b++) _blocks[b].Scatter(bestAnswers[b], values, duals);
        if (masterDuals is not null)
            for (var i = 0; i < _part.MasterRows.Length; i++) duals[_part.MasterRows[i]] = masterDuals[i];
        return new BendersResult
        {
            Status = status,
            LowerBound = Math.Min(lower, upper),
            UpperBound = upper,
            Values = values,
            Duals = duals,
            Iterations = iterations,
            BlockSolves = _blockSolves,
            Cuts = cuts,
            Message = message,
        };
    }

    private enum RoundOutcome { Continue, Stopped, Infeasible, Failed }

    /// <summary>Reads one round of block answers at <paramref name="z"/>: whether all are feasible, the objective of that point, or why the run must end.</summary>
    private (RoundOutcome Outcome, bool AllFeasible, double Candidate, int Block) Examine(BlockAnswer[] answers, double[] z)
    {
        var allFeasible = true;
        var candidate = _model.ObjectiveOffset;
        for (var i = 0; i < z.Length; i++) candidate += _model.ObjectiveCoefficient(new Variable(_part.MasterColumns[i])) * z[i];
        for (var b = 0; b < answers.Length; b++)
        {
            var a = answers[b];
            switch (a.Kind)
            {
                case AnswerKind.Stopped:
                    return (RoundOutcome.Stopped, false, double.NaN, b);
                case AnswerKind.Failed:
                    return (RoundOutcome.Failed, false, double.NaN, b);
                case AnswerKind.Infeasible:
                    return (RoundOutcome.Infeasible, false, double.NaN, b);
                case AnswerKind.Optimal:
                    candidate += a.Value;
                    break;
                case AnswerKind.LinkingInfeasible:
                    // a violation that does not depend on the linking columns: no z makes the block feasible
                    if (a.Cut!.Coefficients.All(c => Math.Abs(c) <= 1e-12)) return (RoundOutcome.Infeasible, false, double.NaN, b);
                    allFeasible = false;
                    break;
            }
        }
        return (RoundOutcome.Continue, allFeasible, candidate, -1);
    }

    private bool Converged(double lower, double upper) => double.IsFinite(upper) && upper - lower <= Tolerance(upper);

    private double Tolerance(double value) => _settings.RelativeGap * Math.Max(1, Math.Abs(value));

    /// <summary>The master LP: linking columns with their bounds and costs, then one theta per block, then the master rows.</summary>
    private ILpSession CreateMaster(double[] floors)
    {
        var lm = new LinearModel("benders-master") { ObjectiveOffset = _model.ObjectiveOffset };
        foreach (var j in _part.MasterColumns)
        {
            var v = new Variable(j);
            lm.AddVariable(_model.LowerBound(v), _model.UpperBound(v), _model.ObjectiveCoefficient(v));
        }
        foreach (var f in floors) lm.AddVariable(f, double.PositiveInfinity, 1);
        var (starts, cols, vals) = _part.Matrix;
        var rc = new List<int>();
        var rv = new List<double>();
        foreach (var r in _part.MasterRows)
        {
            rc.Clear();
            rv.Clear();
            for (var k = starts[r]; k < starts[r + 1]; k++)
            {
                rc.Add(_masterLocal[cols[k]]);
                rv.Add(vals[k]);
            }
            var row = new Constraint(r);
            lm.AddRow(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rc), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rv), _model.LowerBound(row), _model.UpperBound(row));
        }
        return _lp.CreateSession(lm, new SolverOptions { TimeLimit = _settings.TimeLimit });
    }

    private void AddCut(ILpSession master, BendersCut cut)
    {
        var nz = _part.MasterColumns.Length;
        var cols = new List<int>(cut.Columns.Length + 1);
        var vals = new List<double>(cut.Columns.Length + 1);
        for (var k = 0; k < cut.Columns.Length; k++)
        {
            if (cut.Coefficients[k] == 0) continue;
            cols.Add(_masterLocal[cut.Columns[k]]);
            vals.Add(cut.Coefficients[k]);
        }
        if (cut.ThetaCoefficient != 0)
        {
            cols.Add(nz + cut.Block);
            vals.Add(cut.ThetaCoefficient);
        }
        if (cols.Count == 0) return; // a constant row: nothing for the master to learn
        master.AddRows([0, cols.Count], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(cols), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(vals), [cut.Lower], [double.PositiveInfinity]);
    }

    internal enum AnswerKind { Optimal, LinkingInfeasible, Infeasible, Stopped, Failed }

    /// <summary>A block's answer at one master point: its value and cut, or a feasibility cut.</summary>
    internal sealed record BlockAnswer(AnswerKind Kind, double Value, BendersCut? Cut, double[]? Values, double[]? Duals, bool Cached = false, string Message = "");

    /// <summary>One block's LPs (the block at fixed linking values, and its phase one), each a persistent Clp session used by one worker at a time.</summary>
    private sealed class BlockSolver : IDisposable
    {
        private readonly int _index;
        private readonly BlockPartition.Block _block;
        private readonly LinearModel _sub;
        private readonly ILpSolver _lp;
        private readonly BendersSettings _settings;
        private readonly LinearModel _model;
        private readonly int[] _elasticRows; // local rows that hold linking columns
        private ILpSession? _session;
        private ILpSession? _phaseOne;
        private double[]? _lastZ;
        private BlockAnswer? _last;

        public BlockSolver(int index, LinearModel model, BlockPartition part, BlockPartition.Block block, int[] scratch, ILpSolver lp, BendersSettings settings)
        {
            _index = index;
            _block = block;
            _lp = lp;
            _settings = settings;
            _model = model;
            var nc = block.Columns.Length;
            _sub = new LinearModel($"benders-block-{_index}");
            for (var i = 0; i < nc; i++)
            {
                var v = new Variable(block.Columns[i]);
                scratch[block.Columns[i]] = i;
                _sub.AddVariable(model.LowerBound(v), model.UpperBound(v), model.ObjectiveCoefficient(v));
            }
            for (var i = 0; i < block.Linking.Length; i++)
            {
                var v = new Variable(block.Linking[i]);
                scratch[block.Linking[i]] = nc + i;
                _sub.AddVariable(model.LowerBound(v), model.UpperBound(v), 0);
            }
            var (starts, cols, vals) = part.Matrix;
            var rowStarts = new int[block.Rows.Length + 1];
            var rc = new List<int>();
            var rv = new List<double>();
            var lo = new double[block.Rows.Length];
            var hi = new double[block.Rows.Length];
            var elastic = new List<int>();
            var linkingStart = nc;
            for (var i = 0; i < block.Rows.Length; i++)
            {
                var r = block.Rows[i];
                var linked = false;
                for (var k = starts[r]; k < starts[r + 1]; k++)
                {
                    var local = scratch[cols[k]];
                    rc.Add(local);
                    rv.Add(vals[k]);
                    if (local >= linkingStart) linked = true;
                }
                rowStarts[i + 1] = rc.Count;
                lo[i] = model.LowerBound(new Constraint(r));
                hi[i] = model.UpperBound(new Constraint(r));
                if (linked) elastic.Add(i);
            }
            _sub.AddRows(rowStarts, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rc), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rv), lo, hi);
            _elasticRows = elastic.ToArray();
        }

        public void Dispose()
        {
            _session?.Dispose();
            _phaseOne?.Dispose();
        }

        // Clp itself leaves presolve out of large stoppable solves (ClpLpSession.PresolveMaxColumnsWhenStoppable)
        private SolverOptions Options => new() { TimeLimit = _settings.TimeLimit };

        /// <summary>
        /// The block with its linking columns free within their bounds: a lower bound on the block's value
        /// at every master point, and the basis the later solves start from. A block without linking
        /// columns is solved for good here.
        /// </summary>
        public BlockAnswer SolveFree(CancellationToken ct)
        {
            _session ??= _lp.CreateSession(_sub, Options);
            var r = _session.Solve(ct);
            var answer = r.Status switch
            {
                SolveStatus.Optimal => new BlockAnswer(AnswerKind.Optimal, r.Objective, _block.Linking.Length == 0 ? Cut(r.ReducedCosts, [], r.Objective, feasibility: false) : null, r.Values.ToArray(), r.Duals.ToArray()),
                SolveStatus.Infeasible => new BlockAnswer(AnswerKind.Infeasible, 0, null, null, null),
                SolveStatus.Unbounded => new BlockAnswer(AnswerKind.Failed, 0, null, null, null, Message: "unbounded with its linking columns free"),
                SolveStatus.NumericalError => new BlockAnswer(AnswerKind.Failed, 0, null, null, null, Message: "numerical error"),
                _ => new BlockAnswer(AnswerKind.Stopped, 0, null, null, null),
            };
            if (_block.Linking.Length == 0 && answer.Kind == AnswerKind.Optimal)
            {
                _last = answer;
                _lastZ = [];
            }
            return answer;
        }

        /// <summary>Solves the block with its linking columns fixed at the master point <paramref name="z"/> (master-local values).</summary>
        public BlockAnswer SolveAt(double[] z, int[] masterLocal, CancellationToken ct)
        {
            var nc = _block.Columns.Length;
            var local = new double[_block.Linking.Length];
            for (var i = 0; i < local.Length; i++)
            {
                var v = new Variable(_block.Linking[i]);
                local[i] = Math.Clamp(z[masterLocal[_block.Linking[i]]], _model.LowerBound(v), _model.UpperBound(v));
            }
            if (_last is not null && _lastZ is not null && local.AsSpan().SequenceEqual(_lastZ))
                return _last with { Cached = true };
            if (_session is null)
            {
                _session = _lp.CreateSession(_sub, Options);
            }
            for (var i = 0; i < local.Length; i++) _session.SetBounds(new Variable(nc + i), local[i], local[i]);
            var r = _session.Solve(ct);
            BlockAnswer answer;
            if (r.Status == SolveStatus.Optimal)
            {
                var cut = Cut(r.ReducedCosts, local, r.Objective, feasibility: false);
                answer = new BlockAnswer(AnswerKind.Optimal, r.Objective, cut, r.Values.ToArray(), r.Duals.ToArray());
            }
            else if (r.Status == SolveStatus.Infeasible)
            {
                answer = PhaseOne(local, ct);
            }
            else if (r.Status is SolveStatus.Unbounded or SolveStatus.NumericalError)
            {
                answer = new BlockAnswer(AnswerKind.Failed, 0, null, null, null, Message: r.Status.ToString());
            }
            else
            {
                return new BlockAnswer(AnswerKind.Stopped, 0, null, null, null);
            }
            _last = answer;
            _lastZ = local;
            return answer;
        }

        /// <summary>theta_b + sum(-g z) &gt;= value - g z^ (optimality), or sum(-g z) &gt;= w - g z^ (feasibility).</summary>
        private BendersCut Cut(IReadOnlyList<double> reducedCosts, double[] local, double value, bool feasibility)
        {
            var nc = _block.Columns.Length;
            var coef = new double[local.Length];
            var lower = value;
            for (var i = 0; i < local.Length; i++)
            {
                var g = reducedCosts[nc + i];
                coef[i] = -g;
                lower -= g * local[i];
            }
            return new BendersCut(_index, _block.Linking, coef, feasibility ? 0 : 1, lower, feasibility);
        }

        /// <summary>Phase one: minimum total violation of the rows that hold linking columns, at z^; its subgradient cuts z^ off.</summary>
        private BlockAnswer PhaseOne(double[] local, CancellationToken ct)
        {
            var nc = _block.Columns.Length;
            if (_phaseOne is null)
            {
                var lm = new LinearModel($"benders-phase-one-{_index}");
                for (var j = 0; j < _sub.VariableCount; j++)
                {
                    var v = new Variable(j);
                    lm.AddVariable(_sub.LowerBound(v), _sub.UpperBound(v), 0);
                }
                var (starts, cols, vals) = _sub.GetRowMajor();
                var rowStarts = new int[_sub.ConstraintCount + 1];
                var rc = new List<int>();
                var rv = new List<double>();
                var lo = new double[_sub.ConstraintCount];
                var hi = new double[_sub.ConstraintCount];
                var elasticAt = 0;
                for (var i = 0; i < _sub.ConstraintCount; i++)
                {
                    for (var k = starts[i]; k < starts[i + 1]; k++)
                    {
                        rc.Add(cols[k]);
                        rv.Add(vals[k]);
                    }
                    if (elasticAt < _elasticRows.Length && _elasticRows[elasticAt] == i)
                    {
                        elasticAt++;
                        rc.Add(lm.AddVariable(0, double.PositiveInfinity, 1).Index);
                        rv.Add(1);
                        rc.Add(lm.AddVariable(0, double.PositiveInfinity, 1).Index);
                        rv.Add(-1);
                    }
                    rowStarts[i + 1] = rc.Count;
                    lo[i] = _sub.LowerBound(new Constraint(i));
                    hi[i] = _sub.UpperBound(new Constraint(i));
                }
                lm.AddRows(rowStarts, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rc), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rv), lo, hi);
                _phaseOne = _lp.CreateSession(lm, Options);
            }
            for (var i = 0; i < local.Length; i++) _phaseOne.SetBounds(new Variable(nc + i), local[i], local[i]);
            var r = _phaseOne.Solve(ct);
            return r.Status switch
            {
                // a positive violation: the cut w(z^) + g (z - z^) <= 0
                SolveStatus.Optimal when r.Objective > 1e-9 => new BlockAnswer(AnswerKind.LinkingInfeasible, r.Objective, Cut(r.ReducedCosts, local, r.Objective, feasibility: true), null, null),
                SolveStatus.Optimal => new BlockAnswer(AnswerKind.Failed, 0, null, null, null, Message: $"the block LP is infeasible but its phase one finds a violation of only {r.Objective:G3}"),
                SolveStatus.Infeasible => new BlockAnswer(AnswerKind.Infeasible, 0, null, null, null),
                SolveStatus.Unbounded or SolveStatus.NumericalError => new BlockAnswer(AnswerKind.Failed, 0, null, null, null, Message: $"phase one: {r.Status}"),
                _ => new BlockAnswer(AnswerKind.Stopped, 0, null, null, null),
            };
        }

        /// <summary>Copies the block's solution and row prices into the whole LP's arrays.</summary>
        public void Scatter(BlockAnswer answer, double[] values, double[] duals)
        {
            if (answer.Values is null || answer.Duals is null) return;
            for (var i = 0; i < _block.Columns.Length; i++) values[_block.Columns[i]] = answer.Values[i];
            for (var i = 0; i < _block.Rows.Length; i++) duals[_block.Rows[i]] = answer.Duals[i];
        }
    }
}
