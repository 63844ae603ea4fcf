using SolverEngine.Solvers.Internal;

namespace SolverEngine.Solvers.Tests;

public sealed class ExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("solverengine-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A model that uses every MPS feature the writer has: max sense, offset, ranges, free/fixed/negative bounds, integers, names.</summary>
    private static LinearModel Rich(bool withIntegers)
    {
        var m = new LinearModel("rich model") { Sense = ObjectiveSense.Maximize, ObjectiveOffset = 7.5 };
        var x = m.AddVariable(0, 4, 3, name: "x");
        var y = m.AddVariable(-2, 6, 5, isInteger: withIntegers, name: "y");
        var z = m.AddVariable(double.NegativeInfinity, double.PositiveInfinity, -1, name: "free z");   // invalid MPS name
        var w = m.AddVariable(1.5, 1.5, 2, name: "x");                                               // duplicate name
        var v = m.AddVariable(0, double.PositiveInfinity, 1, isInteger: withIntegers);
        var unused = m.AddVariable(-3, -1, 0.5);
        m.AddRow(3 * x + 2 * y + v, 2, 18, "ranged");
        m.AddLessOrEqual(z - x + v, 1, "cap");
        m.AddGreaterOrEqual(z + y, -4, "floor");
        m.AddEquality(x + w + 0.5 * v, 6.25, "balance");
        m.AddRow(x + y, double.NegativeInfinity, double.PositiveInfinity, "free row");
        _ = unused;
        return m;
    }

    [Fact]
    public void Mps_round_trip_through_clp_gives_the_same_lp_optimum()
    {
        var model = Rich(withIntegers: false);
        var path = Path.Combine(_dir, "rich.mps");
        model.ExportToMpsFile(path);

        var direct = ClpLpSolver.Instance.Solve(model);
        using var session = ClpLpSolver.Instance.ReadMps(path);
        var reread = session.Solve();

        Assert.Equal(SolveStatus.Optimal, direct.Status);
        Assert.Equal(SolveStatus.Optimal, reread.Status);
        Assert.Equal(model.VariableCount, session.VariableCount);
        Assert.Equal(model.ConstraintCount, session.ConstraintCount);
        // The file holds "minimise -f" for this maximisation.
        Assert.Equal(direct.Objective, -reread.Objective, 1e-7);
        Assert.Equal(direct.Values, reread.Values, (a, b) => Math.Abs(a - b) < 1e-7);
    }

    [Fact]
    public void Clp_native_writer_and_our_writer_agree()
    {
        var model = TestModels.Transport(6, 7, seed: 3);
        var ours = Path.Combine(_dir, "ours.mps");
        var theirs = Path.Combine(_dir, "clp.mps");
        model.ExportToMpsFile(ours);
        using (var session = ClpLpSolver.Instance.CreateSession(model))
        {
            session.WriteMps(theirs);
        }

        using var a = ClpLpSolver.Instance.ReadMps(ours);
        using var b = ClpLpSolver.Instance.ReadMps(theirs);
        Assert.Equal(a.Solve().Objective, b.Solve().Objective, 1e-7);
    }

    [Fact]
    public void Mps_round_trip_through_cbc_keeps_integrality()
    {
        var model = Rich(withIntegers: true);
        var path = Path.Combine(_dir, "rich-int.mps");
        model.ExportToMpsFile(path);
        var direct = CbcMipSolver.Instance.Solve(model);

        // Read back with Cbc's own reader: the integer markers must survive.
        using var h = CbcHandle.Create();
        Assert.Equal(0, Interop.Cbc.Cbc_readMps(h, path));
        Assert.Equal(model.IntegerCount, Interop.Cbc.Cbc_getNumIntegers(h));
        Assert.Equal(model.VariableCount, Interop.Cbc.Cbc_getNumCols(h));
        Assert.Equal(1.0, Interop.Cbc.Cbc_getObjSense(h)); // maximisation written as minimisation of -f

        Assert.Equal(SolveStatus.Optimal, direct.Status);
        Assert.Equal(0, direct.Values[1] - Math.Round(direct.Values[1]), 1e-9);
        var lp = ClpLpSolver.Instance.Solve(model);
        Assert.True(direct.Objective <= lp.Objective + 1e-7, "a MIP optimum cannot beat its LP relaxation");
    }

    [Fact]
    public void Mps_text_has_the_expected_sections_and_sanitised_names()
    {
        var text = Rich(withIntegers: true).ExportToMpsString();

        Assert.StartsWith("NAME          rich_model  FREE", text);
        Assert.Contains("* Maximisation written as: minimise the negated objective", text);
        Assert.Contains("    x  OBJ  -3", text);
        Assert.Contains("'MARKER'  'INTORG'", text);
        Assert.Contains(" FR BND  C2", text);          // "free z" has a space: generated name
        Assert.Contains(" FX BND  C3  1.5", text);     // duplicate "x": generated name
        Assert.Contains("    RHS  OBJ  7.5", text);    // offset 7.5 of the maximisation = -7.5 of the minimisation, RHS = -constant
        Assert.Contains("    RNG  ranged  16", text);  // 2 <= row <= 18
        Assert.EndsWith("ENDATA" + Environment.NewLine, text);
    }

    [Fact]
    public void Lp_format_export_reads_back_with_the_same_mip_optimum()
    {
        var (model, _) = CbcMipSolverTests.Knapsack([60, 100, 120], [10, 20, 30], 50);
        var path = Path.Combine(_dir, "knapsack.lp");
        CbcMipSolver.WriteLp(model, path);

        var text = File.ReadAllText(path);
        // Osi writes a maximisation as "Minimize" of the negated objective.
        Assert.Contains("Minimize", text, StringComparison.Ordinal);
        Assert.Contains("-100 x1", text, StringComparison.Ordinal);
        using var h = CbcHandle.Create();
        Assert.Equal(0, Interop.Cbc.Cbc_readLp(h, path));
        Assert.Equal(3, Interop.Cbc.Cbc_getNumIntegers(h));
        Assert.Equal(3, Interop.Cbc.Cbc_getNumCols(h));

        Interop.Cbc.Cbc_setParameter(h, "log", "0");
        CbcMipSolver.s_cbcMainLock.Wait();
        try
        {
            Interop.Cbc.Cbc_solve(h);
        }
        finally
        {
            CbcMipSolver.s_cbcMainLock.Release();
        }

        Assert.Equal(1, Interop.Cbc.Cbc_isProvenOptimal(h));
        Assert.Equal(-220, Interop.Cbc.Cbc_getObjValue(h), 1e-9); // minimise -f: the knapsack optimum 220, negated
    }
}
