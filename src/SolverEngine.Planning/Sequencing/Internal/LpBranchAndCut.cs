using System.Globalization;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Sequencing.Internal;

/// <summary>
/// Exact LP-based branch-and-cut for the tour on a Clp session: one column per allowed arc
/// (forbidden arcs have none), out- and in-degree equal to one, subtour elimination constraints
/// separated exactly (strongly connected components of the support, then a minimum 0 -> t cut for
/// every t) and kept globally, reduced-cost fixing against the incumbent, branching on the most
/// fractional arc, depth-first from the warm basis. The incumbent comes from the local search.
/// </summary>
/// <remarks>
/// Clp rather than Cbc: Cbc_solve keeps process-wide state and is serialised, while the
/// coordinator sequences many (line, bucket) pairs in parallel; a Clp session per call runs
/// fully in parallel. The separation (exact subtour cuts) is ours either way, and Cbc 2.10's C
/// API has no reliable hook for lazy constraints on integer solutions.
/// Deterministic: Clp's simplex and the separation do not read the clock; work is counted from
/// simplex iterations and separation steps.
/// </remarks>
internal sealed class LpBranchAndCut : IDisposable
{
    private const double Eps = 1e-6;
    private const int MaxRoundsPerChild = 8;

    /// <summary>Work units charged per Cbc solve and per Cbc node (calibrated on p43: about 1 s for 2 solves).</summary>
    public const long MipSolveWork = 20_000_000;
    public const long MipNodeWork = 200_000;

    private readonly int _n;
    private readonly double[] _c;
    private readonly bool _integral;
    private readonly int[] _tail;    // column -> tail node
    private readonly int[] _head;    // column -> head node
    private readonly int[] _column;  // arc a*n+b -> column, -1 when the arc has none
    private readonly double[] _baseUpper; // upper bounds after global fixing
    private readonly double[] _lower;     // bounds currently in the LP
    private readonly double[] _upper;
    private readonly ClpLpSession _lp;
    private readonly HashSet<string> _cutKeys = [];
    private readonly MaxFlow _flow;
    private WorkBudget _budget = null!;

    /// <summary>Best tour weight known, +inf when none.</summary>
    public double UpperBound { get; private set; }

    /// <summary>Best tour known (starting at the depot), null when none.</summary>
    public int[]? BestTour { get; private set; }

    /// <summary>Proven lower bound on the optimum (+inf when proven infeasible).</summary>
    public double LowerBound { get; private set; } = double.NegativeInfinity;

    /// <summary>LP bound of the root after its cutting planes.</summary>
    public double RootBound { get; private set; } = double.NegativeInfinity;

    /// <summary>Nodes explored.</summary>
    public long Nodes { get; private set; }

    /// <summary>Subtour cuts added.</summary>
    public int Cuts { get; private set; }

    public LpBranchAndCut(TourMatrix matrix, int[]? incumbent, double incumbentCost, bool breakTwinSymmetry = true, TimeSpan? lpTimeLimit = null)
    {
        _n = matrix.N;
        _c = matrix.C;
        _integral = matrix.IntegralWeights;
        int n = _n;
        var banned = new bool[n * n];
        if (breakTwinSymmetry)
        {
            foreach (int arc in TwinGroups.ReversalArcs(n, _c))
            {
                banned[arc] = true;
            }
        }
        _column = new int[n * n];
        var tails = new List<int>();
        var heads = new List<int>();
        var model = new LinearModel("atsp");
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                int arc = a * n + b;
                if (a == b || banned[arc] || double.IsPositiveInfinity(_c[arc]))
                {
                    _column[arc] = -1;
                    continue;
                }
                _column[arc] = tails.Count;
                tails.Add(a);
                heads.Add(b);
                model.AddVariable(0.0, 1.0, _c[arc]);
            }
        }
        _tail = [.. tails];
        _head = [.. heads];
        int m = _tail.Length;
        // Degree rows: out(v) = 1 for rows 0..n-1, in(v) = 1 for rows n..2n-1 (built row-major in bulk).
        var outCount = new int[n];
        var inCount = new int[n];
        for (int j = 0; j < m; j++)
        {
            outCount[_tail[j]]++;
            inCount[_head[j]]++;
        }
        var starts = new int[2 * n + 1];
        for (int v = 0; v < n; v++)
        {
            starts[v + 1] = starts[v] + outCount[v];
        }
        for (int v = 0; v < n; v++)
        {
            starts[n + v + 1] = starts[n + v] + inCount[v];
        }
        var cols = new int[2 * m];
        var vals = new double[2 * m];
        var fill = (int[])starts.Clone();
        for (int j = 0; j < m; j++)
        {
            cols[fill[_tail[j]]++] = j;
            cols[fill[n + _head[j]]++] = j;
        }
        Array.Fill(vals, 1.0);
        var ones = new double[2 * n];
        Array.Fill(ones, 1.0);
        model.AddRows(starts, cols, vals, ones, ones);
        _lp = ClpLpSolver.Instance.CreateSession(model, new SolverOptions { Algorithm = LpAlgorithm.DualSimplex, Presolve = false, TimeLimit = lpTimeLimit });
        _baseUpper = new double[m];
        Array.Fill(_baseUpper, 1.0);
        _lower = new double[m];
        _upper = (double[])_baseUpper.Clone();
        _flow = new MaxFlow(n);
        UpperBound = incumbent is null ? double.PositiveInfinity : incumbentCost;
        BestTour = incumbent is null ? null : (int[])incumbent.Clone();
    }

    public void Dispose() => _lp.Dispose();

    /// <summary>What <see cref="Solve"/> established.</summary>
    public sealed record Outcome(bool Settled, int[]? Tour, double Cost, double LowerBound, long Nodes);

    /// <summary>Tree search over the LP (a share of the budget, at most <see cref="TreeNodes"/> nodes),
    /// then Cbc on what is left.</summary>
    public const long TreeNodes = 40;

    /// <summary>
    /// The portfolio's entry: tree search on the LP for a share of the budget, then Cbc MIPs on the
    /// reduced arc set with the rest. Settled = the returned tour is optimal, or (no tour) none
    /// exists. A native failure (library missing, Clp/Cbc error) ends the attempt with what was
    /// proven so far: this stage only adds to what the other methods found.
    /// </summary>
    public static Outcome Solve(TourMatrix matrix, int[]? incumbent, double incumbentCost, WorkBudget budget)
    {
        LpBranchAndCut? bc = null;
        try
        {
            // Wall-clock mode: no single LP may outlive the budget (the loop checks only between LPs).
            bc = new LpBranchAndCut(matrix, incumbent, incumbentCost, lpTimeLimit: budget.TimeLeft);
            WorkBudget tree = budget.Slice(0.3);
            bool settled = bc.Run(tree, TreeNodes);
            budget.Spend(tree.Work);
            // A Cbc solve has a fixed cost (cut generation): not worth starting on a budget that cannot pay for one.
            if (!settled && !budget.IsExhausted && budget.WorkLeft >= MipSolveWork)
            {
                long nodes = Math.Clamp(budget.WorkLeft / MipNodeWork, 10, 1_000_000);
                settled = bc.RunMip(budget, nodes);
            }
            return new Outcome(settled, bc.BestTour, bc.UpperBound, bc.LowerBound, bc.Nodes);
        }
        catch (SolverException)
        {
            return bc is null
                ? new Outcome(false, null, double.PositiveInfinity, double.NegativeInfinity, 0)
                : new Outcome(false, bc.BestTour, bc.UpperBound, bc.LowerBound, bc.Nodes);
        }
        finally
        {
            bc?.Dispose();
        }
    }

    private sealed record OpenNode(List<(int Column, bool One)> Fixings, double ParentBound);

    /// <summary>
    /// Searches until the incumbent is proven optimal (or none exists): true. False when the
    /// budget ran out, was cancelled, or the LP failed; <see cref="LowerBound"/> is then the
    /// smallest bound of the open nodes.
    /// </summary>
    public bool Run(WorkBudget budget, long maxNodes = long.MaxValue)
    {
        _budget = budget;
        var open = new Stack<OpenNode>();
        open.Push(new OpenNode([], double.NegativeInfinity));
        bool root = true;
        while (open.Count > 0)
        {
            if (_budget.IsExhausted || Nodes >= maxNodes)
            {
                LowerBound = OpenBound(open, double.PositiveInfinity);
                return false;
            }
            var node = open.Pop();
            if (CanPrune(node.ParentBound))
            {
                continue;
            }
            Nodes++;
            if (!Apply(node.Fixings))
            {
                continue;
            }
            var outcome = SolveNode(root ? int.MaxValue : MaxRoundsPerChild, out double bound, out int branchColumn, out double[]? x);
            if (outcome == NodeOutcome.Aborted)
            {
                // The last LP solved at this node (fewer cuts than it would get) still bounds it.
                LowerBound = OpenBound(open, Math.Max(node.ParentBound, bound));
                if (root)
                {
                    RootBound = LowerBound;
                }
                return false;
            }
            if (root)
            {
                RootBound = bound;
                root = false;
                if (outcome == NodeOutcome.Branch)
                {
                    FixByReducedCost(bound, global: true, node.Fixings);
                }
            }
            if (outcome != NodeOutcome.Branch)
            {
                continue; // pruned, infeasible, or the LP optimum is a tour (taken as incumbent)
            }
            var fixings = FixByReducedCost(bound, global: false, node.Fixings);
            // Depth-first: the child pushed last is explored first. The arc at 1 follows the LP.
            bool upFirst = x![branchColumn] >= 0.5;
            var zero = new List<(int, bool)>(fixings) { (branchColumn, false) };
            var one = new List<(int, bool)>(fixings) { (branchColumn, true) };
            if (upFirst)
            {
                open.Push(new OpenNode(zero, bound));
                open.Push(new OpenNode(one, bound));
            }
            else
            {
                open.Push(new OpenNode(one, bound));
                open.Push(new OpenNode(zero, bound));
            }
        }
        LowerBound = UpperBound;
        return true;
    }

    /// <summary>
    /// Finishes with Cbc on the arcs that survived reduced-cost fixing, with every subtour cut
    /// found so far: the MIP only has to find a tour better than the incumbent (cutoff) or prove
    /// that none exists. An integer solution with subtours gets their cuts and the MIP is solved
    /// again. True when settled; <see cref="LowerBound"/> is updated either way.
    /// </summary>
    public bool RunMip(WorkBudget budget, long maxNodesPerSolve)
    {
        _budget = budget;
        int n = _n;
        var alive = new List<int>();
        for (int j = 0; j < _tail.Length; j++)
        {
            if (_baseUpper[j] > 0)
            {
                alive.Add(j);
            }
        }
        var local = new int[_tail.Length];
        Array.Fill(local, -1);
        for (int k = 0; k < alive.Count; k++)
        {
            local[alive[k]] = k;
        }
        var cuts = new List<(int[] Columns, double Rhs)>(_cutRows);
        while (!budget.IsExhausted)
        {
            var model = new LinearModel("atsp-mip");
            foreach (int j in alive)
            {
                model.AddBinary(_c[_tail[j] * n + _head[j]]);
            }
            var outRow = new LinearExpression[n];
            var inRow = new LinearExpression[n];
            for (int v = 0; v < n; v++)
            {
                outRow[v] = new LinearExpression();
                inRow[v] = new LinearExpression();
            }
            for (int k = 0; k < alive.Count; k++)
            {
                outRow[_tail[alive[k]]].Add(new Variable(k), 1.0);
                inRow[_head[alive[k]]].Add(new Variable(k), 1.0);
            }
            for (int v = 0; v < n; v++)
            {
                model.AddEquality(outRow[v], 1.0);
                model.AddEquality(inRow[v], 1.0);
            }
            foreach (var (columns, rhs) in cuts)
            {
                var e = new LinearExpression();
                foreach (int j in columns)
                {
                    if (local[j] >= 0)
                    {
                        e.Add(new Variable(local[j]), 1.0);
                    }
                }
                model.AddLessOrEqual(e, rhs);
            }
            // Cbc's own cuts close what the subtour cuts leave (p43: 5611 -> 5620 in a few nodes); its
            // primal heuristics and preprocessing only cost time here (the incumbent is the cutoff).
            var parameters = new Dictionary<string, string>
            {
                ["maxNodes"] = maxNodesPerSolve.ToString(CultureInfo.InvariantCulture),
                ["heuristicsOnOff"] = "off",
                ["preprocess"] = "off",
            };
            if (!double.IsPositiveInfinity(UpperBound))
            {
                double cutoff = _integral ? UpperBound - 0.5 : UpperBound - 1e-9 * Math.Max(1.0, Math.Abs(UpperBound));
                parameters["cutoff"] = cutoff.ToString("R", CultureInfo.InvariantCulture);
            }
            var options = new SolverOptions { Parameters = parameters, TimeLimit = budget.TimeLeft };
            var mip = CbcMipSolver.Instance.Solve(model, options, start: null, budget.CancellationToken);
            // Cbc's time goes mostly into cut generation: a fixed share per solve plus nodes and pivots.
            budget.Spend(MipSolveWork + mip.NodeCount * MipNodeWork + mip.Iterations * 20_000L);
            MipSolves++;

            if (mip.Status == SolveStatus.Infeasible)
            {
                LowerBound = UpperBound; // no tour below the incumbent (or none at all)
                return true;
            }
            if (mip.Status == SolveStatus.Optimal && mip.HasSolution)
            {
                var x = new double[_tail.Length];
                for (int k = 0; k < alive.Count; k++)
                {
                    x[alive[k]] = mip.Values[k];
                }
                bool tour = TakeTour(x); // becomes the incumbent when better
                double proven = Math.Min(mip.Objective, mip.BestBound);
                if (CanPrune(proven) || (tour && proven >= UpperBound - 1e-9 * Math.Max(1.0, Math.Abs(UpperBound))))
                {
                    LowerBound = UpperBound; // nothing better than the incumbent exists
                    return true;
                }
                LowerBound = Math.Max(LowerBound, Math.Min(UpperBound, proven));
                int before = cuts.Count;
                Separate(x, out _);
                cuts.AddRange(_cutRows.Skip(cuts.Count));
                if (cuts.Count == before)
                {
                    return false; // nothing to separate: numerical trouble
                }
                continue;
            }
            if (double.IsFinite(mip.BestBound))
            {
                LowerBound = Math.Max(LowerBound, Math.Min(UpperBound, mip.BestBound));
            }
            if (mip.HasSolution)
            {
                var x = new double[_tail.Length];
                for (int k = 0; k < alive.Count; k++)
                {
                    x[alive[k]] = mip.Values[k];
                }
                TakeTour(x);
            }
            return false;
        }
        return false;
    }

    /// <summary>Cbc solves run by <see cref="RunMip"/>.</summary>
    public int MipSolves { get; private set; }

    private enum NodeOutcome { Pruned, Branch, Aborted }

    private double OpenBound(Stack<OpenNode> open, double current)
    {
        double bound = Math.Min(current, UpperBound);
        foreach (var node in open)
        {
            bound = Math.Min(bound, node.ParentBound);
        }
        return bound;
    }

    private bool CanPrune(double bound) => PruneRule.CanPrune(bound, UpperBound, _integral);

    /// <summary>Sets the LP bounds to the base bounds plus <paramref name="fixings"/>, touching only what changes.</summary>
    private bool Apply(List<(int Column, bool One)> fixings)
    {
        int m = _tail.Length;
        var wantLower = new double[m];
        var wantUpper = (double[])_baseUpper.Clone();
        foreach (var (column, one) in fixings)
        {
            if (one)
            {
                wantLower[column] = 1.0;
            }
            else
            {
                wantUpper[column] = 0.0;
            }
        }
        for (int j = 0; j < m; j++)
        {
            if (wantLower[j] > wantUpper[j])
            {
                // An arc fixed at 1 here was fixed at 0 globally since: no better tour in this subtree.
                return false;
            }
        }
        for (int j = 0; j < m; j++)
        {
            if (wantLower[j] != _lower[j] || wantUpper[j] != _upper[j])
            {
                _lp.SetBounds(new Variable(j), wantLower[j], wantUpper[j]);
                _lower[j] = wantLower[j];
                _upper[j] = wantUpper[j];
            }
        }
        _budget.Spend(m);
        return true;
    }

    /// <summary>Solves the node's LP with cutting-plane rounds.</summary>
    private NodeOutcome SolveNode(int maxRounds, out double bound, out int branchColumn, out double[]? x)
    {
        bound = double.NegativeInfinity;
        branchColumn = -1;
        x = null;
        for (int round = 0; ; round++)
        {
            LpResult lp = _lp.Solve(_budget.CancellationToken);
            _budget.Spend((lp.Iterations + 1L) * (_tail.Length + _lp.ConstraintCount) / 4 + 1000);
            if (lp.Status == SolveStatus.Infeasible)
            {
                bound = double.PositiveInfinity;
                return NodeOutcome.Pruned;
            }
            if (lp.Status != SolveStatus.Optimal)
            {
                return NodeOutcome.Aborted; // cancelled, or a numerical failure: the bound stays unproven here
            }
            bound = lp.Objective;
            _lastReducedCosts = [.. lp.ReducedCosts];
            if (CanPrune(bound))
            {
                return NodeOutcome.Pruned;
            }
            x = [.. lp.Values];
            _lastValues = x;
            int added = Separate(x, out bool integral);
            if (added == 0)
            {
                if (integral)
                {
                    // No subtour left in an integral point: it is a tour. Anything else is numerical trouble.
                    return TakeTour(x) ? NodeOutcome.Pruned : NodeOutcome.Aborted;
                }
                branchColumn = MostFractional(x);
                return NodeOutcome.Branch;
            }
            if (round + 1 >= maxRounds && !integral)
            {
                // Enough rounds here; the cuts stay for the children. The bound of this LP is valid.
                branchColumn = MostFractional(x);
                return NodeOutcome.Branch;
            }
            if (_budget.IsExhausted)
            {
                return NodeOutcome.Aborted;
            }
        }
    }

    private int MostFractional(double[] x)
    {
        int best = -1;
        double bestScore = -1;
        for (int j = 0; j < x.Length; j++)
        {
            double f = x[j];
            if (f <= Eps || f >= 1 - Eps)
            {
                continue;
            }
            double score = Math.Min(f, 1 - f);
            if (score > bestScore + 1e-9)
            {
                best = j;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>
    /// Reduced-cost fixing: an arc at 0 whose reduced cost lifts the LP bound to the incumbent
    /// cannot be in a better tour of this subtree. Global at the root (base bounds), otherwise
    /// returned as fixings for the children.
    /// </summary>
    private List<(int Column, bool One)> FixByReducedCost(double bound, bool global, List<(int Column, bool One)> fixings)
    {
        var result = new List<(int Column, bool One)>(fixings);
        if (double.IsPositiveInfinity(UpperBound))
        {
            return result;
        }
        // The reduced costs of the last solve (the node's final LP).
        var rc = _lastReducedCosts;
        var xs = _lastValues;
        if (rc is null || xs is null)
        {
            return result;
        }
        for (int j = 0; j < rc.Length; j++)
        {
            if (_baseUpper[j] == 0.0 || _upper[j] == 0.0 || _lower[j] == 1.0 || xs[j] > Eps || rc[j] <= 0)
            {
                continue;
            }
            if (CanPrune(bound + rc[j] - 1e-7 * Math.Max(1.0, Math.Abs(bound))))
            {
                if (global)
                {
                    _baseUpper[j] = 0.0;
                }
                else
                {
                    result.Add((j, false));
                }
            }
        }
        return result;
    }

    private readonly List<(int[] Columns, double Rhs)> _cutRows = [];
    private double[]? _lastReducedCosts;
    private double[]? _lastValues;

    /// <summary>
    /// Finds violated subtour elimination constraints x(δ+(S)) &gt;= 1 and adds them as
    /// x(A(S)) &lt;= |S| - 1 on the smaller side. Returns the number added.
    /// </summary>
    private int Separate(double[] x, out bool integral)
    {
        int n = _n;
        integral = true;
        foreach (double v in x)
        {
            if (v > Eps && v < 1 - Eps)
            {
                integral = false;
                break;
            }
        }
        var cap = _flow.Capacity;
        Array.Clear(cap);
        for (int j = 0; j < x.Length; j++)
        {
            if (x[j] > Eps)
            {
                cap[_tail[j] * n + _head[j]] += x[j];
            }
        }
        var sets = new List<bool[]>();
        // Components of the support graph first: every strongly connected component but the whole is a violated set.
        var comp = StrongComponents(cap, out int count);
        _budget.Spend((long)n * n);
        if (count > 1)
        {
            for (int k = 0; k < count; k++)
            {
                var inS = new bool[n];
                for (int v = 0; v < n; v++)
                {
                    inS[v] = comp[v] == k;
                }
                if (OutFlow(cap, inS) < 1 - Eps)
                {
                    sets.Add(inS);
                }
            }
        }
        if (sets.Count == 0 && !integral)
        {
            for (int t = 1; t < n; t++)
            {
                double f = _flow.Run(0, t, 1.0, out long work);
                _budget.Spend(work);
                if (f < 1 - 1e-4)
                {
                    sets.Add(_flow.SourceSide());
                }
            }
        }
        return AddCuts(sets);
    }

    private double OutFlow(double[] cap, bool[] inS)
    {
        int n = _n;
        double total = 0;
        for (int a = 0; a < n; a++)
        {
            if (!inS[a])
            {
                continue;
            }
            for (int b = 0; b < n; b++)
            {
                if (!inS[b])
                {
                    total += cap[a * n + b];
                }
            }
        }
        return total;
    }

    private int AddCuts(List<bool[]> sets)
    {
        int n = _n;
        var rowStarts = new List<int> { 0 };
        var cols = new List<int>();
        var upper = new List<double>();
        foreach (var inS in sets)
        {
            int size = inS.Count(s => s);
            bool inside = size <= n - size;
            // x(A(S)) <= |S| - 1 is the same constraint as x(A(V \ S)) <= |V \ S| - 1 given the degree rows.
            int k = inside ? size : n - size;
            string key = string.Concat(Enumerable.Range(0, n).Select(v => inS[v] == inside ? '1' : '0'));
            if (!_cutKeys.Add(key))
            {
                continue;
            }
            for (int a = 0; a < n; a++)
            {
                if (inS[a] != inside)
                {
                    continue;
                }
                for (int b = 0; b < n; b++)
                {
                    if (inS[b] == inside && _column[a * n + b] >= 0)
                    {
                        cols.Add(_column[a * n + b]);
                    }
                }
            }
            _cutRows.Add(([.. cols.Skip(rowStarts[^1])], k - 1));
            rowStarts.Add(cols.Count);
            upper.Add(k - 1);
        }
        int rows = upper.Count;
        if (rows == 0)
        {
            return 0;
        }
        var values = new double[cols.Count];
        Array.Fill(values, 1.0);
        var lower = new double[rows];
        Array.Fill(lower, double.NegativeInfinity);
        _lp.AddRows([.. rowStarts], [.. cols], values, lower, [.. upper]);
        _budget.Spend(cols.Count);
        Cuts += rows;
        return rows;
    }

    private bool TakeTour(double[] x)
    {
        int n = _n;
        var next = new int[n];
        Array.Fill(next, -1);
        for (int j = 0; j < x.Length; j++)
        {
            if (x[j] > 0.5)
            {
                next[_tail[j]] = _head[j];
            }
        }
        var tour = new int[n];
        int v = 0;
        double cost = 0;
        var seen = new bool[n];
        for (int k = 0; k < n; k++)
        {
            if (v < 0 || seen[v])
            {
                return false;
            }
            seen[v] = true;
            tour[k] = v;
            if (next[v] < 0)
            {
                return false;
            }
            cost += _c[v * n + next[v]];
            v = next[v];
        }
        if (v != 0)
        {
            return false;
        }
        if (cost < UpperBound)
        {
            UpperBound = cost;
            BestTour = tour;
        }
        return true;
    }

    /// <summary>Strongly connected components of the graph of positive capacities (Tarjan, iterative).</summary>
    private int[] StrongComponents(double[] cap, out int count)
    {
        int n = _n;
        var index = new int[n];
        var low = new int[n];
        var comp = new int[n];
        var onStack = new bool[n];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var call = new Stack<(int V, int Next)>();
        int counter = 0;
        count = 0;
        for (int s = 0; s < n; s++)
        {
            if (index[s] >= 0)
            {
                continue;
            }
            call.Push((s, 0));
            index[s] = low[s] = counter++;
            stack.Push(s);
            onStack[s] = true;
            while (call.Count > 0)
            {
                var (v, next) = call.Pop();
                bool descended = false;
                for (int w = next; w < n; w++)
                {
                    if (cap[v * n + w] <= Eps)
                    {
                        continue;
                    }
                    if (index[w] < 0)
                    {
                        call.Push((v, w + 1));
                        index[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack[w] = true;
                        call.Push((w, 0));
                        descended = true;
                        break;
                    }
                    if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }
                }
                if (descended)
                {
                    continue;
                }
                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        comp[w] = count;
                    }
                    while (w != v);
                    count++;
                }
                if (call.Count > 0)
                {
                    int parent = call.Peek().V;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }
        return comp;
    }
}
