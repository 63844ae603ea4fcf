namespace SolverEngine.Planning.Sequencing.Internal;

/// <summary>
/// Maximum flow on a small dense graph (augmenting shortest paths, Edmonds-Karp), used to
/// separate subtour cuts: the minimum s-t cut of the LP solution's arc values.
/// </summary>
internal sealed class MaxFlow
{
    private readonly int _n;
    private readonly double[] _residual;
    private readonly int[] _pred;
    private readonly int[] _queue;

    public MaxFlow(int n)
    {
        _n = n;
        Capacity = new double[n * n];
        _residual = new double[n * n];
        _pred = new int[n];
        _queue = new int[n];
    }

    /// <summary>Arc capacities, row-major n x n; the caller fills it before <see cref="Run"/>.</summary>
    public double[] Capacity { get; }

    /// <summary>
    /// Pushes flow from <paramref name="s"/> to <paramref name="t"/> until no augmenting path is
    /// left or the flow reaches <paramref name="enough"/>; returns the flow value.
    /// </summary>
    public double Run(int s, int t, double enough, out long work)
    {
        int n = _n;
        Array.Copy(Capacity, _residual, n * n);
        double flow = 0;
        work = (long)n * n;
        while (flow < enough - 1e-9)
        {
            if (!Bfs(s, t, ref work))
            {
                break;
            }
            double push = double.PositiveInfinity;
            for (int v = t; v != s; v = _pred[v])
            {
                push = Math.Min(push, _residual[_pred[v] * n + v]);
            }
            for (int v = t; v != s; v = _pred[v])
            {
                int u = _pred[v];
                _residual[u * n + v] -= push;
                _residual[v * n + u] += push;
            }
            flow += push;
        }
        _lastSource = s;
        return flow;
    }

    private int _lastSource;

    /// <summary>Nodes reachable from the source in the residual graph of the last <see cref="Run"/> (a minimum cut's source side).</summary>
    public bool[] SourceSide()
    {
        long work = 0;
        Bfs(_lastSource, -1, ref work);
        var side = new bool[_n];
        for (int v = 0; v < _n; v++)
        {
            side[v] = _pred[v] != -1;
        }
        return side;
    }

    private bool Bfs(int s, int t, ref long work)
    {
        int n = _n;
        Array.Fill(_pred, -1);
        _pred[s] = s;
        int head = 0, tail = 0;
        _queue[tail++] = s;
        while (head < tail)
        {
            int u = _queue[head++];
            int row = u * n;
            work += n;
            for (int v = 0; v < n; v++)
            {
                if (_pred[v] == -1 && _residual[row + v] > 1e-9)
                {
                    _pred[v] = u;
                    if (v == t)
                    {
                        return true;
                    }
                    _queue[tail++] = v;
                }
            }
        }
        return false;
    }
}
