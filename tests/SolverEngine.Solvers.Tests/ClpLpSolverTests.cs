namespace SolverEngine.Solvers.Tests;

public class ClpLpSolverTests
{
    private const double Tol = 1e-7;

    /// <summary>
    /// Hillier &amp; Lieberman's Wyndor Glass LP: max 3x + 5y s.t. x &lt;= 4, 2y &lt;= 12, 3x + 2y &lt;= 18.
    /// Optimum 36 at (2, 6); shadow prices 0, 1.5, 1; reduced costs 0, 0.
    /// </summary>
    internal static (LinearModel Model, Variable X, Variable Y, Constraint[] Rows) Wyndor()
    {
        var m = new LinearModel("wyndor") { Sense = ObjectiveSense.Maximize };
        var x = m.AddVariable(0, double.PositiveInfinity, 3, name: "x");
        var y = m.AddVariable(0, double.PositiveInfinity, 5, name: "y");
        var r0 = m.AddLessOrEqual(x, 4, "plant1");
        var r1 = m.AddLessOrEqual(2 * y, 12, "plant2");
        var r2 = m.AddLessOrEqual(3 * x + 2 * y, 18, "plant3");
        return (m, x, y, [r0, r1, r2]);
    }

    [Fact]
    public void Wyndor_objective_values_and_duals_match_the_textbook()
    {
        var (model, x, y, rows) = Wyndor();

        var result = ClpLpSolver.Instance.Solve(model);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.True(result.HasSolution);
        Assert.Equal(36, result.Objective, Tol);
        Assert.Equal(2, result.Value(x), Tol);
        Assert.Equal(6, result.Value(y), Tol);
        Assert.Equal(0, result.Dual(rows[0]), Tol);
        Assert.Equal(1.5, result.Dual(rows[1]), Tol);
        Assert.Equal(1, result.Dual(rows[2]), Tol);
        Assert.Equal(0, result.ReducedCost(x), Tol);
        Assert.Equal(0, result.ReducedCost(y), Tol);
        Assert.Equal(2, result.RowActivities[0], Tol);
        Assert.Equal(12, result.RowActivities[1], Tol);
        Assert.Equal(18, result.RowActivities[2], Tol);
    }

    /// <summary>
    /// min 2a + 3b + 4c s.t. a + b + c &gt;= 10, a &lt;= 3, b - c = 1 (all &gt;= 0).
    /// a = 3, b + c = 7 with b = c + 1 -> c = 3, b = 4: 6 + 12 + 12 = 30.
    /// Duals (d obj / d rhs): cover row 3.5, b - c row -0.5, a &lt;= 3 row -1.5; reduced costs all 0 (basic), offset kept.
    /// </summary>
    [Fact]
    public void Minimisation_with_equality_and_offset_reports_signed_duals()
    {
        var m = new LinearModel { ObjectiveOffset = 100 };
        var a = m.AddVariable(objective: 2);
        var b = m.AddVariable(objective: 3);
        var c = m.AddVariable(objective: 4);
        var cover = m.AddGreaterOrEqual(a + b + c, 10);
        var cap = m.AddLessOrEqual(a, 3);
        var link = m.AddEquality(b - c, 1);

        var result = ClpLpSolver.Instance.Solve(m);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(130, result.Objective, Tol);
        Assert.Equal(3, result.Value(a), Tol);
        Assert.Equal(4, result.Value(b), Tol);
        Assert.Equal(3, result.Value(c), Tol);
        Assert.Equal(3.5, result.Dual(cover), Tol);
        Assert.Equal(-1.5, result.Dual(cap), Tol);
        Assert.Equal(-0.5, result.Dual(link), Tol);
    }

    [Theory]
    [InlineData(LpAlgorithm.Automatic, true)]
    [InlineData(LpAlgorithm.DualSimplex, true)]
    [InlineData(LpAlgorithm.PrimalSimplex, false)]
    [InlineData(LpAlgorithm.Barrier, false)]
    public void Every_algorithm_reaches_the_same_optimum(LpAlgorithm algorithm, bool presolve)
    {
        var (model, x, y, _) = Wyndor();

        var result = ClpLpSolver.Instance.Solve(model, new SolverOptions { Algorithm = algorithm, Presolve = presolve });

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(36, result.Objective, 1e-6);
        Assert.Equal(2, result.Value(x), 1e-6);
        Assert.Equal(6, result.Value(y), 1e-6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Infeasible_lp_is_a_status_not_an_exception(bool presolve)
    {
        var m = new LinearModel();
        var x = m.AddVariable(0, 10, 1);
        var y = m.AddVariable(0, 10, 1);
        m.AddGreaterOrEqual(x + y, 5);
        m.AddLessOrEqual(x + y, 3);

        var result = ClpLpSolver.Instance.Solve(m, new SolverOptions { Presolve = presolve });

        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.False(result.HasSolution);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Unbounded_lp_is_a_status_not_an_exception(bool presolve)
    {
        var m = new LinearModel { Sense = ObjectiveSense.Maximize };
        var x = m.AddVariable(objective: 1);
        var y = m.AddVariable(objective: 1);
        m.AddGreaterOrEqual(x - y, 1);

        var result = ClpLpSolver.Instance.Solve(m, new SolverOptions { Presolve = presolve });

        Assert.Equal(SolveStatus.Unbounded, result.Status);
        Assert.False(result.HasSolution);
    }

    [Fact]
    public void Bulk_row_major_and_column_major_loading_give_the_same_model()
    {
        // Same Wyndor LP, once row-major, once column-major.
        var rowMajor = new LinearModel { Sense = ObjectiveSense.Maximize };
        rowMajor.AddVariables(2);
        rowMajor.SetObjectiveCoefficient(new Variable(0), 3);
        rowMajor.SetObjectiveCoefficient(new Variable(1), 5);
        rowMajor.AddRows([0, 1, 2, 4], [0, 1, 0, 1], [1, 2, 3, 2], [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity], [4, 12, 18]);

        var columnMajor = new LinearModel { Sense = ObjectiveSense.Maximize };
        columnMajor.AddEmptyRows(3, double.NegativeInfinity, 0);
        columnMajor.SetBounds(new Constraint(0), double.NegativeInfinity, 4);
        columnMajor.SetBounds(new Constraint(1), double.NegativeInfinity, 12);
        columnMajor.SetBounds(new Constraint(2), double.NegativeInfinity, 18);
        columnMajor.AddColumns([0, 2, 4], [0, 2, 1, 2], [1, 3, 2, 2], [0, 0], [double.PositiveInfinity, double.PositiveInfinity], [3, 5]);

        var a = ClpLpSolver.Instance.Solve(rowMajor);
        var b = ClpLpSolver.Instance.Solve(columnMajor);

        Assert.Equal(36, a.Objective, Tol);
        Assert.Equal(36, b.Objective, Tol);
        Assert.Equal(a.Values, b.Values);
        Assert.Equal(a.Duals, b.Duals);
    }

    [Fact]
    public void Duplicate_entries_are_summed_and_cancelled_entries_dropped()
    {
        // max x s.t. (0.5 x + 0.5 x) + (y - y) <= 7 -> x = 7.
        var m = new LinearModel { Sense = ObjectiveSense.Maximize };
        var x = m.AddVariable(objective: 1);
        var y = m.AddVariable(0, 1, 0);
        var row = m.AddEmptyRows(1, double.NegativeInfinity, 7);
        m.SetCoefficient(row, x, 0.5);
        m.SetCoefficient(row, y, 1);
        m.SetCoefficient(row, x, 0.5);
        m.SetCoefficient(row, y, -1);

        var result = ClpLpSolver.Instance.Solve(m);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(7, result.Value(x), Tol);
    }

    [Fact]
    public void Caller_misuse_throws_standard_exceptions_with_the_values()
    {
        var m = new LinearModel();
        var x = m.AddVariable();
        var swapped = Assert.Throws<ArgumentException>(() => m.AddVariable(5, 1, name: "late"));
        Assert.Contains("[5, 1]", swapped.Message);
        Assert.Contains("'late'", swapped.Message);
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => m.AddRow([0, 3], [1.0, 1.0], 0, 1));
        Assert.Contains("column 3", outOfRange.Message);
        Assert.Throws<ArgumentException>(() => m.SetCoefficient(m.AddEmptyRows(1, 0, 1), x, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClpLpSolver.Instance.Solve(m, new SolverOptions { TimeLimit = TimeSpan.Zero }));
    }
}
