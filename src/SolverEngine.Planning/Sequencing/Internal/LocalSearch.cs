namespace SolverEngine.Planning.Sequencing.Internal;

/// <summary>
/// Iterated local search for the asymmetric tour. Reversing a segment changes its weight in the
/// asymmetric case, so the only move is the orientation-preserving 3-opt "segment exchange"
/// (A B C -> A C B), which contains Or-opt (a short B or C) and segment insertion. It is searched
/// with candidate lists and the gain criterion (one of the three new arcs must be cheaper than
/// the arc it replaces at the same tail), and don't-look bits. Restarts perturb the best tour
/// with a random double bridge (A B C D -> A D C B). Forbidden arcs weigh a penalty larger than
/// any allowed tour, so a tour is allowed exactly when its weight is below the penalty.
/// </summary>
internal sealed class LocalSearch
{
    private const int CandidateCount = 10;
    private const double Eps = 1e-9;

    private readonly int _n;
    private readonly double[] _c;
    private readonly int[][] _candidates;
    private readonly Random _rng;
    private int[] _tour;
    private int[] _next;
    private readonly int[] _pos;
    private readonly bool[] _queued;
    private readonly Queue<int> _queue = new();
    private double _cost;
    private long _evaluations;

    /// <summary>Weight given to a forbidden arc: more than any tour of allowed arcs.</summary>
    public double Penalty { get; }

    public LocalSearch(TourMatrix matrix, int seed)
    {
        _n = matrix.N;
        Penalty = (matrix.MaxFinite + 1.0) * _n * 2.0;
        _c = new double[_n * _n];
        for (int k = 0; k < _c.Length; k++)
        {
            _c[k] = double.IsPositiveInfinity(matrix.C[k]) ? Penalty : matrix.C[k];
        }
        _candidates = new int[_n][];
        for (int a = 0; a < _n; a++)
        {
            int row = a * _n;
            _candidates[a] = Enumerable.Range(0, _n)
                .Where(b => b != a && !double.IsPositiveInfinity(matrix.C[row + b]))
                .OrderBy(b => _c[row + b]).ThenBy(b => b)
                .Take(CandidateCount)
                .ToArray();
        }
        _rng = new Random(seed);
        _tour = new int[_n];
        _next = new int[_n];
        _pos = new int[_n];
        _queued = new bool[_n];
    }

    /// <summary>
    /// Runs the iterated local search from a nearest-neighbour tour (or <paramref name="start"/>)
    /// until the budget is spent or <paramref name="stallLimit"/> restarts in a row bring nothing.
    /// Returns the best tour (starting at node 0) and its weight with penalties.
    /// </summary>
    public int[] Run(WorkBudget budget, long stallLimit, int[]? start, out double cost)
    {
        if (_n <= 3)
        {
            // Two orders at most: Or-opt covers them, but enumerate to be plain.
            return Small(out cost);
        }
        if (start is not null)
        {
            Array.Copy(start, _tour, _n);
        }
        else
        {
            NearestNeighbour();
        }
        Index();
        _cost = Weight(_tour);
        EnqueueAll();
        Descend(budget);

        var best = (int[])_tour.Clone();
        double bestCost = _cost;
        long stall = 0;
        while (stall < stallLimit && !budget.IsExhausted)
        {
            DoubleBridge();
            Descend(budget);
            if (_cost < bestCost - Eps * Math.Max(1.0, Math.Abs(bestCost)))
            {
                bestCost = _cost;
                Array.Copy(_tour, best, _n);
                stall = 0;
            }
            else
            {
                stall++;
                if (_cost > bestCost + Eps * Math.Max(1.0, Math.Abs(bestCost)))
                {
                    Array.Copy(best, _tour, _n);
                    Index();
                    _cost = bestCost;
                }
            }
        }
        cost = Weight(best);
        return Rotate(best);
    }

    private int[] Small(out double cost)
    {
        var t = Enumerable.Range(0, _n).ToArray();
        cost = Weight(t);
        if (_n == 3)
        {
            int[] other = [0, 2, 1];
            double oc = Weight(other);
            if (oc < cost)
            {
                cost = oc;
                t = other;
            }
        }
        return t;
    }

    private void NearestNeighbour()
    {
        var used = new bool[_n];
        int cur = 0;
        used[0] = true;
        _tour[0] = 0;
        for (int k = 1; k < _n; k++)
        {
            int pick = -1;
            double pickCost = double.PositiveInfinity;
            int row = cur * _n;
            for (int b = 0; b < _n; b++)
            {
                if (!used[b] && _c[row + b] < pickCost)
                {
                    pickCost = _c[row + b];
                    pick = b;
                }
            }
            used[pick] = true;
            _tour[k] = pick;
            cur = pick;
        }
    }

    private void Index()
    {
        for (int k = 0; k < _n; k++)
        {
            _pos[_tour[k]] = k;
        }
    }

    private double Weight(int[] tour)
    {
        double total = 0;
        for (int k = 0; k < tour.Length; k++)
        {
            total += _c[tour[k] * _n + tour[(k + 1) % tour.Length]];
        }
        return total;
    }

    private int[] Rotate(int[] tour)
    {
        int start = Array.IndexOf(tour, 0);
        var r = new int[_n];
        for (int k = 0; k < _n; k++)
        {
            r[k] = tour[(start + k) % _n];
        }
        return r;
    }

    private void EnqueueAll()
    {
        _queue.Clear();
        for (int k = 0; k < _n; k++)
        {
            _queued[_tour[k]] = true;
            _queue.Enqueue(_tour[k]);
        }
    }

    private void Enqueue(int v)
    {
        if (!_queued[v])
        {
            _queued[v] = true;
            _queue.Enqueue(v);
        }
    }

    private void Descend(WorkBudget budget)
    {
        while (_queue.Count > 0)
        {
            int a = _queue.Dequeue();
            _queued[a] = false;
            _evaluations = 0;
            bool improved = TryImprove(a);
            budget.Spend(_evaluations + CandidateCount);
            if (budget.IsExhausted)
            {
                _queue.Clear();
                Array.Clear(_queued);
                return;
            }
            if (improved)
            {
                Enqueue(a);
            }
        }
    }

    /// <summary>First improving segment exchange whose arc out of <paramref name="a"/> changes.</summary>
    private bool TryImprove(int a)
    {
        int n = _n;
        int i = _pos[a];
        int a1 = _tour[(i + 1) % n];
        double dA = _c[a * n + a1];
        foreach (int b1 in _candidates[a])
        {
            double cab1 = _c[a * n + b1];
            if (dA - cab1 <= Eps)
            {
                break; // candidates are sorted: no later one has a positive first gain
            }
            int d1 = (_pos[b1] - i + n) % n;
            if (d1 < 2)
            {
                continue;
            }
            int b = _tour[(i + d1 - 1) % n];
            double fixedPart = cab1 - dA - _c[b * n + b1];
            for (int ko = d1; ko < n; ko++)
            {
                int ck = _tour[(i + ko) % n];
                int ck1 = _tour[(i + ko + 1) % n];
                double delta = fixedPart + _c[ck * n + a1] + _c[b * n + ck1] - _c[ck * n + ck1];
                if (delta < -Eps * Math.Max(1.0, Math.Abs(_cost)))
                {
                    _evaluations += ko - d1 + 1;
                    Apply(i, d1, ko);
                    _cost += delta;
                    Enqueue(a); Enqueue(b); Enqueue(ck); Enqueue(b1); Enqueue(a1); Enqueue(ck1);
                    return true;
                }
            }
            _evaluations += n - d1;
        }
        return false;
    }

    /// <summary>
    /// Exchanges B = offsets 1..d1-1 and C = offsets d1..ko after position i; A is the rest,
    /// ending at i. New tour: A C B.
    /// </summary>
    private void Apply(int i, int d1, int ko)
    {
        int n = _n;
        int w = 0;
        for (int off = ko + 1; off <= n; off++)
        {
            _next[w++] = _tour[(i + off) % n];
        }
        for (int off = d1; off <= ko; off++)
        {
            _next[w++] = _tour[(i + off) % n];
        }
        for (int off = 1; off < d1; off++)
        {
            _next[w++] = _tour[(i + off) % n];
        }
        (_tour, _next) = (_next, _tour);
        Index();
    }

    /// <summary>
    /// Random double bridge A B C D -> A D C B (four arcs change, so one segment exchange cannot
    /// undo it) with short B, C, D, then queue the touched nodes.
    /// </summary>
    private void DoubleBridge()
    {
        int n = _n;
        if (n < 5)
        {
            return;
        }
        int maxLen = Math.Max(1, Math.Min(50, (n - 1) / 4));
        int lenB = 1 + _rng.Next(maxLen);
        int lenC = 1 + _rng.Next(maxLen);
        int lenD = 1 + _rng.Next(maxLen);
        int i = _rng.Next(n); // end of A
        int x = lenB, y = lenB + lenC, z = lenB + lenC + lenD;
        int a = _tour[i], b = _tour[(i + 1) % n], bEnd = _tour[(i + x) % n];
        int c = _tour[(i + x + 1) % n], cEnd = _tour[(i + y) % n];
        int d = _tour[(i + y + 1) % n], dEnd = _tour[(i + z) % n];
        int e = _tour[(i + z + 1) % n];
        double delta = _c[a * n + d] + _c[dEnd * n + c] + _c[cEnd * n + b] + _c[bEnd * n + e]
            - _c[a * n + b] - _c[bEnd * n + c] - _c[cEnd * n + d] - _c[dEnd * n + e];
        int w = 0;
        for (int off = z + 1; off <= n; off++)
        {
            _next[w++] = _tour[(i + off) % n];
        }
        for (int off = y + 1; off <= z; off++)
        {
            _next[w++] = _tour[(i + off) % n];
        }
        for (int off = x + 1; off <= y; off++)
        {
            _next[w++] = _tour[(i + off) % n];
        }
        for (int off = 1; off <= x; off++)
        {
            _next[w++] = _tour[(i + off) % n];
        }
        (_tour, _next) = (_next, _tour);
        Index();
        _cost += delta;
        _queue.Clear();
        Array.Clear(_queued);
        foreach (int v in (int[])[a, b, bEnd, c, cEnd, d, dEnd, e])
        {
            Enqueue(v);
        }
    }
}
