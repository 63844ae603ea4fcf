using System.Globalization;

namespace SolverEngine.Solvers.Tests;

/// <summary>Reads TSPLIB ATSP files (FULL_MATRIX) and builds the Miller-Tucker-Zemlin MIP of the tour.</summary>
public static class Atsp
{
    public static string InstanceDirectory => "/work/shared/data/instances/tsplib_atsp";

    public static int[,] Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var dimension = 0;
        var numbers = new List<int>();
        var inWeights = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("DIMENSION", StringComparison.Ordinal))
            {
                dimension = int.Parse(line.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("EDGE_WEIGHT_SECTION", StringComparison.Ordinal))
            {
                inWeights = true;
            }
            else if (line.StartsWith("EOF", StringComparison.Ordinal))
            {
                break;
            }
            else if (inWeights)
            {
                numbers.AddRange(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, CultureInfo.InvariantCulture)));
            }
        }

        var d = new int[dimension, dimension];
        for (var i = 0; i < dimension; i++)
        {
            for (var j = 0; j < dimension; j++)
            {
                d[i, j] = numbers[(i * dimension) + j];
            }
        }

        return d;
    }

    /// <summary>
    /// min sum d_ij x_ij; each city left once and entered once; u_i - u_j + (n-1) x_ij &lt;= n-2 for i, j &gt;= 1
    /// (MTZ subtour elimination, u_i in [1, n-1]). Returns the model and x[i, j] (default for i == j).
    /// </summary>
    public static (LinearModel Model, Variable[,] X) Mtz(int[,] d)
    {
        var n = d.GetLength(0);
        var m = new LinearModel("atsp-mtz");
        var x = new Variable[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    x[i, j] = m.AddBinary(d[i, j], $"x_{i}_{j}");
                }
            }
        }

        var u = new Variable[n];
        for (var i = 1; i < n; i++)
        {
            u[i] = m.AddVariable(1, n - 1, 0, name: $"u_{i}");
        }

        for (var i = 0; i < n; i++)
        {
            var outgoing = new LinearExpression();
            var incoming = new LinearExpression();
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    outgoing.Add(x[i, j]);
                    incoming.Add(x[j, i]);
                }
            }

            m.AddEquality(outgoing, 1, $"out_{i}");
            m.AddEquality(incoming, 1, $"in_{i}");
        }

        for (var i = 1; i < n; i++)
        {
            for (var j = 1; j < n; j++)
            {
                if (i != j)
                {
                    m.AddRow([u[i].Index, u[j].Index, x[i, j].Index], [1.0, -1.0, n - 1], double.NegativeInfinity, n - 2);
                }
            }
        }

        return (m, x);
    }

    /// <summary>The tour as a MIP start: x_ij = 1 on consecutive cities, u = position.</summary>
    public static MipStart Start(int[] tour, Variable[,] x, int n)
    {
        var start = new MipStart();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    start.Set(x[i, j], 0);
                }
            }
        }

        for (var k = 0; k < n; k++)
        {
            start.Set(x[tour[k], tour[(k + 1) % n]], 1);
        }

        var first = n * (n - 1);
        for (var k = 0; k < n; k++)
        {
            if (tour[k] != 0)
            {
                start.Set(new Variable(first + tour[k] - 1), k);
            }
        }

        return start;
    }

    public static int TourLength(int[] tour, int[,] d)
    {
        var total = 0;
        for (var k = 0; k < tour.Length; k++)
        {
            total += d[tour[k], tour[(k + 1) % tour.Length]];
        }

        return total;
    }
}
