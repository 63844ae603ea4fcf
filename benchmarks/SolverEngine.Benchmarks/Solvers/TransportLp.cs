using SolverEngine.Solvers;

namespace SolverEngine.Benchmarks.Solvers;

/// <summary>
/// Fixed synthetic transportation LP for the solver benchmarks: <c>rows / 2</c> sources and <c>rows / 2</c> sinks,
/// each source linked to <see cref="ArcsPerSource"/> sinks (so columns = 2 x rows), min cost,
/// supply rows (&lt;=) and demand rows (&gt;=). Deterministic for a given size.
/// </summary>
internal sealed class TransportLp
{
    public const int ArcsPerSource = 4;

    private TransportLp(int rows)
    {
        var random = new Random(12345);
        Sources = rows / 2;
        Sinks = rows - Sources;
        Columns = Sources * ArcsPerSource;
        Cost = new double[Columns];
        ArcSink = new int[Columns];
        for (var i = 0; i < Sources; i++)
        {
            for (var a = 0; a < ArcsPerSource; a++)
            {
                var k = (i * ArcsPerSource) + a;
                // Arc a of source i goes to a sink near i (so every sink is reachable), costs 1..100.
                ArcSink[k] = ((i * Sinks / Sources) + (a * 7) + random.Next(3)) % Sinks;
                Cost[k] = random.Next(1, 101);
            }
        }

        Demand = new double[Sinks];
        for (var j = 0; j < Sinks; j++)
        {
            Demand[j] = random.Next(1, 20);
        }

        // Every sink must be served; give each source the demand of its arcs' sinks with slack.
        Supply = new double[Sources];
        var reach = new int[Sinks];
        foreach (var j in ArcSink)
        {
            reach[j]++;
        }

        for (var k = 0; k < Columns; k++)
        {
            var j = ArcSink[k];
            Supply[k / ArcsPerSource] += reach[j] == 0 ? 0 : 1.5 * Demand[j] / reach[j];
        }

        for (var j = 0; j < Sinks; j++)
        {
            if (reach[j] == 0)
            {
                Demand[j] = 0; // unreachable sink: nothing to deliver
            }
        }
    }

    public int Sources { get; }

    public int Sinks { get; }

    public int Columns { get; }

    public double[] Cost { get; }

    public int[] ArcSink { get; }

    public double[] Supply { get; }

    public double[] Demand { get; }

    public static TransportLp Create(int rows) => new(rows);

    /// <summary>Bulk build: row-major arrays for all rows at once.</summary>
    public LinearModel BuildBulk()
    {
        var m = new LinearModel("transport");
        var first = m.AddVariables(Columns);
        for (var k = 0; k < Columns; k++)
        {
            m.SetObjectiveCoefficient(new Variable(first.Index + k), Cost[k]);
        }

        var rows = Sources + Sinks;
        var starts = new int[rows + 1];
        var columns = new int[2 * Columns];
        var values = new double[2 * Columns];
        var lower = new double[rows];
        var upper = new double[rows];
        var p = 0;
        for (var i = 0; i < Sources; i++)
        {
            starts[i] = p;
            for (var a = 0; a < ArcsPerSource; a++)
            {
                columns[p] = (i * ArcsPerSource) + a;
                values[p++] = 1;
            }

            lower[i] = double.NegativeInfinity;
            upper[i] = Supply[i];
        }

        // Demand rows: bucket the arcs by sink.
        var bySink = new List<int>[Sinks];
        for (var k = 0; k < Columns; k++)
        {
            (bySink[ArcSink[k]] ??= []).Add(k);
        }

        for (var j = 0; j < Sinks; j++)
        {
            starts[Sources + j] = p;
            foreach (var k in bySink[j] ?? [])
            {
                columns[p] = k;
                values[p++] = 1;
            }

            lower[Sources + j] = Demand[j];
            upper[Sources + j] = double.PositiveInfinity;
        }

        starts[rows] = p;
        m.AddRows(starts, columns, values, lower, upper);
        return m;
    }

    /// <summary>Per-coefficient build: empty rows, then one SetCoefficient call per matrix entry.</summary>
    public LinearModel BuildPerCoefficient()
    {
        var m = new LinearModel("transport");
        var x = new Variable[Columns];
        for (var k = 0; k < Columns; k++)
        {
            x[k] = m.AddVariable(0, double.PositiveInfinity, Cost[k]);
        }

        for (var i = 0; i < Sources; i++)
        {
            m.AddEmptyRows(1, double.NegativeInfinity, Supply[i]);
        }

        for (var j = 0; j < Sinks; j++)
        {
            m.AddEmptyRows(1, Demand[j], double.PositiveInfinity);
        }

        for (var k = 0; k < Columns; k++)
        {
            m.SetCoefficient(new Constraint(k / ArcsPerSource), x[k], 1);
            m.SetCoefficient(new Constraint(Sources + ArcSink[k]), x[k], 1);
        }

        return m;
    }
}
