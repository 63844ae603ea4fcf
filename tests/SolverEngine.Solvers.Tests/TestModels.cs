namespace SolverEngine.Solvers.Tests;

/// <summary>Deterministic synthetic models shared by the tests.</summary>
internal static class TestModels
{
    /// <summary>
    /// Balanced-ish transportation LP: min sum c_ij x_ij, sum_j x_ij &lt;= supply_i, sum_i x_ij &gt;= demand_j,
    /// loaded row-major in bulk. Variable (i, j) has index i * sinks + j.
    /// </summary>
    public static LinearModel Transport(int sources, int sinks, int seed)
    {
        var random = new Random(seed);
        var m = new LinearModel($"transport-{sources}x{sinks}");
        m.AddVariables(sources * sinks);
        for (var k = 0; k < sources * sinks; k++)
        {
            m.SetObjectiveCoefficient(new Variable(k), random.Next(1, 100));
        }

        var demand = Enumerable.Range(0, sinks).Select(_ => (double)random.Next(10, 50)).ToArray();
        var totalDemand = demand.Sum();
        var supply = Enumerable.Range(0, sources).Select(_ => Math.Ceiling(totalDemand * 1.2 / sources) + random.Next(0, 10)).ToArray();
        var rows = sources + sinks;
        var starts = new int[rows + 1];
        var columns = new int[2 * sources * sinks];
        var values = new double[2 * sources * sinks];
        var lower = new double[rows];
        var upper = new double[rows];
        var p = 0;
        for (var i = 0; i < sources; i++)
        {
            starts[i] = p;
            for (var j = 0; j < sinks; j++)
            {
                columns[p] = (i * sinks) + j;
                values[p++] = 1;
            }

            lower[i] = double.NegativeInfinity;
            upper[i] = supply[i];
        }

        for (var j = 0; j < sinks; j++)
        {
            starts[sources + j] = p;
            for (var i = 0; i < sources; i++)
            {
                columns[p] = (i * sinks) + j;
                values[p++] = 1;
            }

            lower[sources + j] = demand[j];
            upper[sources + j] = double.PositiveInfinity;
        }

        starts[rows] = p;
        m.AddRows(starts, columns, values, lower, upper);
        return m;
    }

    /// <summary>A random sparse LP (max c x, -5 &lt;= Ax &lt;= 5, 0 &lt;= x &lt;= 10) that takes Clp many pivots.</summary>
    public static LinearModel HardRandomLp(int rows, int seed)
    {
        var random = new Random(seed);
        var m = new LinearModel("hard-random") { Sense = ObjectiveSense.Maximize };
        var n = 2 * rows;
        m.AddVariables(n, 0, 10);
        for (var j = 0; j < n; j++)
        {
            m.SetObjectiveCoefficient(new Variable(j), random.NextDouble());
        }

        m.AddEmptyRows(rows, -5, 5);
        for (var j = 0; j < n; j++)
        {
            for (var t = 0; t < 8; t++)
            {
                m.SetCoefficient(new Constraint(random.Next(rows)), new Variable(j), (random.NextDouble() * 2) - 1);
            }
        }

        return m;
    }
}
