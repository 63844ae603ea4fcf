namespace SolverEngine.Planning.Sequencing.Internal;

/// <summary>
/// Minimum-weight spanning arborescence rooted at node 0 on a dense matrix (Chu-Liu/Edmonds):
/// pick the cheapest arc into every node, contract the cycles this makes, repeat, then expand.
/// O(N^2) per contraction round. The workspace is reused between calls (one per thread).
/// </summary>
internal sealed class Arborescence
{
    private readonly int _n;
    private readonly List<double[]> _w = [];   // weight matrix per level
    private readonly List<int[]> _orig = [];   // original arc (a * n + b) per level entry
    private readonly List<int[]> _inArc = [];  // chosen tail per node per level
    private readonly List<int[]> _comp = [];   // node -> node of the next level
    private readonly List<int[]> _nodeMap = []; // original node -> node of this level
    private readonly List<int> _size = [];
    private readonly List<int[]> _cycleId = []; // node -> cycle id at this level or -1
    private readonly int[] _mark;
    private readonly int[] _walk;

    public Arborescence(int n)
    {
        _n = n;
        _mark = new int[n];
        _walk = new int[n];
    }

    private void EnsureLevel(int level)
    {
        while (_w.Count <= level)
        {
            _w.Add(new double[_n * _n]);
            _orig.Add(new int[_n * _n]);
            _inArc.Add(new int[_n]);
            _comp.Add(new int[_n]);
            _nodeMap.Add(new int[_n]);
            _size.Add(0);
            _cycleId.Add(new int[_n]);
        }
    }

    /// <summary>Level-0 weights to fill before <see cref="Solve"/> (row-major, +inf = no arc).</summary>
    public double[] Weights
    {
        get
        {
            EnsureLevel(0);
            return _w[0];
        }
    }

    /// <summary>
    /// Solves on <see cref="Weights"/>; writes parent[v] (tail of the arc into v; -1 for the root)
    /// and returns the weight, or +inf when some node cannot be reached.
    /// </summary>
    public double Solve(int[] parent, out long work)
    {
        int n = _n;
        EnsureLevel(0);
        {
            var o = _orig[0];
            for (int k = 0; k < n * n; k++)
            {
                o[k] = k;
            }
            var map = _nodeMap[0];
            for (int v = 0; v < n; v++)
            {
                map[v] = v;
            }
        }
        _size[0] = n;
        work = 0;
        int level = 0;
        while (true)
        {
            int m = _size[level];
            var w = _w[level];
            var inArc = _inArc[level];
            work += (long)m * m;
            inArc[0] = -1;
            for (int v = 1; v < m; v++)
            {
                double best = double.PositiveInfinity;
                int arg = -1;
                for (int u = 0; u < m; u++)
                {
                    double x = w[u * m + v];
                    if (u != v && x < best)
                    {
                        best = x;
                        arg = u;
                    }
                }
                if (arg < 0)
                {
                    return double.PositiveInfinity;
                }
                inArc[v] = arg;
            }

            // Find the cycles of the chosen arcs.
            var cycleId = _cycleId[level];
            Array.Fill(cycleId, -1, 0, m);
            Array.Fill(_mark, -1, 0, m);
            int cycles = 0;
            _mark[0] = 0;
            for (int v = 1; v < m; v++)
            {
                int x = v;
                while (_mark[x] < 0)
                {
                    _mark[x] = v + 1; // walk id
                    x = inArc[x];
                }
                if (_mark[x] == v + 1 && x != 0)
                {
                    // x is on a new cycle found by this walk.
                    int y = x;
                    do
                    {
                        cycleId[y] = cycles;
                        y = inArc[y];
                    }
                    while (y != x);
                    cycles++;
                }
            }
            if (cycles == 0)
            {
                break;
            }

            // Contract: each cycle becomes one node; others keep their own.
            EnsureLevel(level + 1);
            // The root stays node 0 of the next level, then one node per cycle, then the rest.
            var comp = _comp[level];
            int mNext = 0;
            int[] cycleNew = new int[cycles];
            int rootNew = mNext++;
            for (int cyc = 0; cyc < cycles; cyc++)
            {
                cycleNew[cyc] = mNext++;
            }
            for (int v = 0; v < m; v++)
            {
                if (v == 0)
                {
                    comp[v] = rootNew;
                }
                else if (cycleId[v] >= 0)
                {
                    comp[v] = cycleNew[cycleId[v]];
                }
                else
                {
                    comp[v] = mNext++;
                }
            }
            var w2 = _w[level + 1];
            var o = _orig[level];
            var o2 = _orig[level + 1];
            Array.Fill(w2, double.PositiveInfinity, 0, mNext * mNext);
            for (int u = 0; u < m; u++)
            {
                int cu = comp[u];
                for (int v = 1; v < m; v++)
                {
                    int cv = comp[v];
                    if (cu == cv)
                    {
                        continue;
                    }
                    double x = w[u * m + v];
                    if (double.IsPositiveInfinity(x))
                    {
                        continue;
                    }
                    if (cycleId[v] >= 0)
                    {
                        x -= w[inArc[v] * m + v];
                    }
                    int idx = cu * mNext + cv;
                    if (x < w2[idx])
                    {
                        w2[idx] = x;
                        o2[idx] = o[u * m + v];
                    }
                }
            }
            var map = _nodeMap[level];
            var map2 = _nodeMap[level + 1];
            for (int a = 0; a < n; a++)
            {
                map2[a] = comp[map[a]];
            }
            _size[level + 1] = mNext;
            level++;
        }

        // Expand: the last level has no cycle; its chosen arcs are original arcs.
        Array.Fill(parent, -1);
        {
            int m = _size[level];
            var inArc = _inArc[level];
            var o = _orig[level];
            for (int v = 1; v < m; v++)
            {
                int arc = o[inArc[v] * m + v];
                parent[arc % n] = arc / n;
            }
        }
        for (int l = level - 1; l >= 0; l--)
        {
            int m = _size[l];
            var inArc = _inArc[l];
            var cycleId = _cycleId[l];
            var o = _orig[l];
            var map = _nodeMap[l];
            // For each cycle, the level-l node entered from outside keeps the outside arc;
            // every other cycle node keeps its cycle arc.
            var entered = _walk;
            Array.Fill(entered, -1, 0, m);
            for (int b = 0; b < n; b++)
            {
                int a = parent[b];
                if (a < 0)
                {
                    continue;
                }
                int vb = map[b];
                int va = map[a];
                if (cycleId[vb] >= 0 && cycleId[va] != cycleId[vb])
                {
                    entered[vb] = 1;
                }
            }
            for (int v = 1; v < m; v++)
            {
                if (cycleId[v] >= 0 && entered[v] < 0)
                {
                    int arc = o[inArc[v] * m + v];
                    parent[arc % n] = arc / n;
                }
            }
        }

        double total = 0;
        var w0 = _w[0];
        for (int v = 1; v < n; v++)
        {
            total += w0[parent[v] * n + v];
        }
        return total;
    }
}
