namespace SolverEngine.Planning.Sequencing.Internal;

/// <summary>
/// Exact depth-first branch-and-bound for the tour, bounded by the Lagrangian relaxation of the
/// out-degree constraints over shortest spanning arborescences rooted at the depot plus the
/// cheapest arc into it (the asymmetric analogue of the Held-Karp 1-tree bound; its best value
/// equals the LP bound with subtour elimination, far stronger than the assignment bound on
/// instances such as ry48p). Multipliers are tuned by subgradient steps and inherited by the
/// children. Branching picks a node with several successors in the relaxed solution and makes one
/// child per successor (that arc fixed) plus one child where all of them are forbidden.
/// </summary>
internal sealed class BranchAndBound
{
    private const int RootIterationsPerNode = 60;
    private const int ChildIterations = 40;
    private const int ChildPatience = 8;
    private const double ChildLambda = 0.5;

    private readonly int _n;
    private readonly double[] _c;
    private readonly bool _integral;
    private readonly int[] _ban;
    private readonly int[] _outAllowed;
    private readonly int[] _inAllowed;
    private readonly Stack<int> _undo = new();
    private readonly Arborescence _arb;
    private readonly int[] _parent;
    private readonly int[] _deg;
    private WorkBudget _budget = null!;
    private bool _aborted;
    private bool _rootOnly;
    private bool _warm;

    /// <summary>Best tour weight known (the incumbent), +inf when none.</summary>
    public double UpperBound { get; private set; }

    /// <summary>Best tour known (starting at the depot), null when none.</summary>
    public int[]? BestTour { get; private set; }

    /// <summary>Lagrangian bound of the root node (valid for the whole problem).</summary>
    public double RootBound { get; private set; } = double.NegativeInfinity;

    /// <summary>Nodes explored.</summary>
    public long Nodes { get; private set; }

    public BranchAndBound(TourMatrix matrix, int[]? incumbent, double incumbentCost)
    {
        _n = matrix.N;
        _c = matrix.C;
        _integral = matrix.IntegralWeights;
        _ban = new int[_n * _n];
        _outAllowed = new int[_n];
        _inAllowed = new int[_n];
        for (int a = 0; a < _n; a++)
        {
            for (int b = 0; b < _n; b++)
            {
                if (double.IsPositiveInfinity(_c[a * _n + b]))
                {
                    _ban[a * _n + b] = 1;
                }
                else
                {
                    _outAllowed[a]++;
                    _inAllowed[b]++;
                }
            }
        }
        BanTwinReversals();
        _arb = new Arborescence(_n);
        _parent = new int[_n];
        _deg = new int[_n];
        UpperBound = incumbent is null ? double.PositiveInfinity : incumbentCost;
        BestTour = incumbent is null ? null : (int[])incumbent.Clone();
    }

    /// <summary>Forbids the arcs <see cref="TwinGroups.ReversalArcs"/> names (symmetry breaking).</summary>
    private void BanTwinReversals()
    {
        foreach (int arc in TwinGroups.ReversalArcs(_n, _c))
        {
            if (_ban[arc]++ == 0)
            {
                _outAllowed[arc / _n]--;
                _inAllowed[arc % _n]--;
            }
        }
    }

    /// <summary>
    /// Searches; true when the search finished (the incumbent is optimal, or none exists).
    /// With <paramref name="rootOnly"/> it stops after the root bound (for a lower bound on
    /// instances too large to branch on) and returns true only if the root settled the problem.
    /// </summary>
    /// <param name="budget">Work and time budget.</param>
    /// <param name="rootOnly">Stop after the root bound.</param>
    /// <param name="assignmentRowDuals">Row duals of the assignment bound, if known: starting from
    /// multipliers -α the first Lagrangian value is already at least the assignment bound.</param>
    public bool Run(WorkBudget budget, bool rootOnly = false, double[]? assignmentRowDuals = null)
    {
        _budget = budget;
        _aborted = false;
        _rootOnly = rootOnly;
        var u = new double[_n];
        _warm = assignmentRowDuals is not null;
        if (_warm)
        {
            for (int v = 0; v < _n; v++)
            {
                u[v] = -assignmentRowDuals![v];
            }
        }
        Node(u, isRoot: true);
        return !_aborted;
    }

    private bool CanPrune(double bound) => PruneRule.CanPrune(bound, UpperBound, _integral);

    private void Node(double[] u, bool isRoot)
    {
        Nodes++;
        if (_budget.IsExhausted)
        {
            _aborted = true;
            return;
        }
        if (!StronglyConnected())
        {
            // No tour can use only the allowed arcs left at this node.
            if (isRoot)
            {
                RootBound = double.PositiveInfinity;
            }
            return;
        }

        var bestParent = new int[_n];
        var bestDeg = new int[_n];
        int bestRootTail = -1;
        double bestL = double.NegativeInfinity;
        var bestU = (double[])u.Clone();
        int maxIter = isRoot ? Math.Max(3000, RootIterationsPerNode * _n) : ChildIterations;
        // From the assignment duals the root starts close: big first steps would throw that away.
        double lambda = isRoot ? (_warm ? 0.5 : 2.0) : ChildLambda;
        // The root needs slow step decay to converge (p43 stalls at a third of its bound with
        // a patience of 20); children start from the parent's multipliers and need few steps.
        int patience = isRoot ? Math.Max(100, 2 * _n) : ChildPatience;
        int sinceImprove = 0;
        bool tour = false;
        for (int it = 0; it < maxIter; it++)
        {
            double l = Evaluate(u, out int rootTail);
            if (double.IsPositiveInfinity(l))
            {
                bestL = l;
                break;
            }
            if (l > bestL + 1e-12 * Math.Max(1.0, Math.Abs(l)))
            {
                bestL = l;
                Array.Copy(_parent, bestParent, _n);
                Array.Copy(_deg, bestDeg, _n);
                Array.Copy(u, bestU, _n);
                bestRootTail = rootTail;
                sinceImprove = 0;
            }
            else if (++sinceImprove >= patience)
            {
                lambda *= 0.5;
                sinceImprove = 0;
                if (lambda < 1e-4)
                {
                    break;
                }
            }
            double norm = 0;
            for (int v = 0; v < _n; v++)
            {
                int g = _deg[v] - 1;
                norm += g * g;
            }
            if (norm == 0)
            {
                // Every out-degree is one: the relaxed solution is a tour, optimal for this node.
                tour = true;
                bestL = l;
                Array.Copy(_parent, bestParent, _n);
                bestRootTail = rootTail;
                break;
            }
            if (CanPrune(bestL) || _budget.IsExhausted)
            {
                break;
            }
            double target = double.IsPositiveInfinity(UpperBound) ? bestL + Math.Max(1.0, 0.05 * Math.Abs(bestL)) : UpperBound;
            double step = lambda * Math.Max(target - l, 1e-9 * Math.Max(1.0, Math.Abs(target))) / norm;
            for (int v = 0; v < _n; v++)
            {
                u[v] += step * (_deg[v] - 1);
            }
        }
        if (isRoot)
        {
            RootBound = bestL;
        }
        if (tour)
        {
            var t = TourFrom(bestParent, bestRootTail);
            double cost = 0;
            for (int k = 0; k < _n; k++)
            {
                cost += _c[t[k] * _n + t[(k + 1) % _n]];
            }
            if (cost < UpperBound)
            {
                UpperBound = cost;
                BestTour = t;
            }
            return;
        }
        if (CanPrune(bestL))
        {
            return;
        }
        if (_budget.IsExhausted)
        {
            _aborted = true;
            return;
        }

        if (_rootOnly)
        {
            _aborted = true; // not settled: the caller keeps the bound only
            return;
        }

        // Branch on the node with the most successors in the best relaxed solution.
        int a = 0;
        for (int v = 1; v < _n; v++)
        {
            if (bestDeg[v] > bestDeg[a])
            {
                a = v;
            }
        }
        var succ = new List<int>();
        for (int v = 1; v < _n; v++)
        {
            if (bestParent[v] == a)
            {
                succ.Add(v);
            }
        }
        if (bestRootTail == a)
        {
            succ.Add(0);
        }
        int row = a * _n;
        succ.Sort((x, y) => _c[row + x].CompareTo(_c[row + y]));

        foreach (int b in succ)
        {
            int mark = _undo.Count;
            Fix(a, b);
            Node((double[])bestU.Clone(), isRoot: false);
            Undo(mark);
            if (_aborted)
            {
                return;
            }
        }
        {
            int mark = _undo.Count;
            foreach (int b in succ)
            {
                Ban(a * _n + b);
            }
            Node((double[])bestU.Clone(), isRoot: false);
            Undo(mark);
        }
    }

    /// <summary>L(u) = arborescence + cheapest arc into the depot, with u added to every arc weight out of its tail, minus sum u.</summary>
    private double Evaluate(double[] u, out int rootTail)
    {
        int n = _n;
        var w = _arb.Weights;
        for (int a = 0; a < n; a++)
        {
            int row = a * n;
            double ua = u[a];
            for (int b = 0; b < n; b++)
            {
                w[row + b] = _ban[row + b] > 0 ? double.PositiveInfinity : _c[row + b] + ua;
            }
        }
        double arb = _arb.Solve(_parent, out long work);
        _budget.Spend(work + (long)n * n);
        rootTail = -1;
        if (double.IsPositiveInfinity(arb))
        {
            return double.PositiveInfinity;
        }
        double best = double.PositiveInfinity;
        for (int a = 1; a < n; a++)
        {
            double x = w[a * n];
            if (x < best)
            {
                best = x;
                rootTail = a;
            }
        }
        if (rootTail < 0)
        {
            return double.PositiveInfinity;
        }
        Array.Clear(_deg);
        for (int v = 1; v < n; v++)
        {
            _deg[_parent[v]]++;
        }
        _deg[rootTail]++;
        double sumU = 0;
        for (int a = 0; a < n; a++)
        {
            sumU += u[a];
        }
        return arb + best - sumU;
    }

    /// <summary>
    /// A tour needs every node reachable from the depot and the depot reachable from every node
    /// over allowed arcs. The Lagrangian bound only detects a violation slowly (its dual is then
    /// unbounded), so it is checked directly, O(N^2).
    /// </summary>
    private bool StronglyConnected()
    {
        int n = _n;
        for (int v = 0; v < n; v++)
        {
            if (_outAllowed[v] == 0 || _inAllowed[v] == 0)
            {
                return false;
            }
        }
        _budget.Spend(2L * n * n);
        return Reaches(forward: true) && Reaches(forward: false);
    }

    private bool Reaches(bool forward)
    {
        int n = _n;
        var seen = new bool[n];
        var stack = new Stack<int>();
        stack.Push(0);
        seen[0] = true;
        int count = 1;
        while (stack.Count > 0)
        {
            int x = stack.Pop();
            for (int y = 0; y < n; y++)
            {
                int arc = forward ? x * n + y : y * n + x;
                if (!seen[y] && _ban[arc] == 0)
                {
                    seen[y] = true;
                    count++;
                    stack.Push(y);
                }
            }
        }
        return count == n;
    }

    private int[] TourFrom(int[] parent, int rootTail)
    {
        // Each node has out-degree one: successor of parent[v] is v, successor of rootTail is 0.
        var next = new int[_n];
        for (int v = 1; v < _n; v++)
        {
            next[parent[v]] = v;
        }
        next[rootTail] = 0;
        var t = new int[_n];
        int x = 0;
        for (int k = 0; k < _n; k++)
        {
            t[k] = x;
            x = next[x];
        }
        return t;
    }

    private void Fix(int a, int b)
    {
        for (int k = 0; k < _n; k++)
        {
            if (k != b)
            {
                Ban(a * _n + k);
            }
            if (k != a)
            {
                Ban(k * _n + b);
            }
        }
        if (_n > 2)
        {
            Ban(b * _n + a);
        }
    }

    private void Ban(int arc)
    {
        if (_ban[arc]++ == 0)
        {
            _outAllowed[arc / _n]--;
            _inAllowed[arc % _n]--;
        }
        _undo.Push(arc);
    }

    private void Undo(int mark)
    {
        while (_undo.Count > mark)
        {
            int arc = _undo.Pop();
            if (--_ban[arc] == 0)
            {
                _outAllowed[arc / _n]++;
                _inAllowed[arc % _n]++;
            }
        }
    }
}
