using System.Runtime.InteropServices;
using SolverEngine.Solvers.Internal;

namespace SolverEngine.Solvers.Tests;

/// <summary>
/// Proves the binding matches the installed C headers: integer widths, status codes and predicates, by driving the
/// native API directly on models whose outcome is known.
/// </summary>
public unsafe class InteropMappingTests
{
    [Fact]
    public void Library_versions_are_the_ones_bound()
    {
        using var clp = ClpHandle.Create();
        Assert.Equal(1, Interop.Clp.Clp_VersionMajor());
        Assert.Equal(17, Interop.Clp.Clp_VersionMinor());
        using var cbc = CbcHandle.Create();
        Assert.StartsWith("2.10", Marshal.PtrToStringUTF8(Interop.Cbc.Cbc_getVersion()));
    }

    [Fact]
    public void A_missing_library_is_a_solver_exception_that_names_the_package()
    {
        var error = Assert.Throws<SolverException>(() => NativeLibraries.Load(
            ["libSolverEngineDoesNotExist.so.1", "libSolverEngineDoesNotExist.so"], "COIN-OR Clp (LP solver)",
            "coinor-libclp1 (runtime) or coinor-libclp-dev (development)"));

        Assert.Contains("coinor-libclp1", error.Message);
        Assert.Contains("libSolverEngineDoesNotExist.so.1", error.Message);
        Assert.Contains("apt-get install coinor-libclp1", error.Message);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void CoinBigIndex_is_32_bit_the_column_starts_read_back_unchanged()
    {
        // 2 rows x 3 columns: if CoinBigIndex were 64-bit, Clp would read our int[] starts as garbage.
        int[] starts = [0, 2, 3, 5];
        int[] rows = [0, 1, 0, 0, 1];
        double[] values = [1, 2, 3, 4, 5];
        using var h = ClpHandle.Create();
        fixed (int* s = starts)
        fixed (int* r = rows)
        fixed (double* v = values)
        {
            Interop.Clp.Clp_loadProblem(h, 3, 2, s, r, v, null, null, null, null, null);
        }

        Assert.Equal(5, Interop.Clp.Clp_getNumElements(h));
        Assert.Equal(starts, new ReadOnlySpan<int>(Interop.Clp.Clp_getVectorStarts(h), 4).ToArray());
        Assert.Equal(rows, new ReadOnlySpan<int>(Interop.Clp.Clp_getIndices(h), 5).ToArray());
        Assert.Equal(values, new ReadOnlySpan<double>(Interop.Clp.Clp_getElements(h), 5).ToArray());
        // NULL bounds mean the header's defaults: columns [0, +inf), rows (-inf, +inf).
        Assert.Equal(0.0, Interop.Clp.Clp_columnLower(h)[2]);
        Assert.True(Interop.Clp.Clp_columnUpper(h)[2] >= 1e30);
        Assert.True(Interop.Clp.Clp_rowLower(h)[1] <= -1e30);
    }

    [Fact]
    public void Clp_status_codes_match_the_header()
    {
        var infeasible = new LinearModel();
        var x = infeasible.AddVariable(0, 1, 1);
        infeasible.AddGreaterOrEqual(x, 2);
        using (var s = ClpLpSolver.Instance.CreateSession(infeasible, new SolverOptions { Presolve = false }))
        {
            s.Solve();
            Assert.Equal(1, Interop.Clp.Clp_status(s.Handle)); // 1 - primal infeasible
            Assert.Equal(Interop.Clp.Status.PrimalInfeasible, Interop.Clp.Clp_status(s.Handle));
            Assert.Equal(1, Interop.Clp.Clp_isProvenPrimalInfeasible(s.Handle));
            Assert.Equal(0, Interop.Clp.Clp_isProvenOptimal(s.Handle));
        }

        var unbounded = new LinearModel { Sense = ObjectiveSense.Maximize };
        unbounded.AddVariable(objective: 1);
        using (var s = ClpLpSolver.Instance.CreateSession(unbounded, new SolverOptions { Presolve = false }))
        {
            s.Solve();
            Assert.Equal(2, Interop.Clp.Clp_status(s.Handle)); // 2 - dual infeasible
            Assert.Equal(1, Interop.Clp.Clp_isProvenDualInfeasible(s.Handle));
            Assert.Equal(-1.0, Interop.Clp.Clp_optimizationDirection(s.Handle));
        }

        var (wyndor, _, _, _) = ClpLpSolverTests.Wyndor();
        using (var s = ClpLpSolver.Instance.CreateSession(wyndor))
        {
            s.Solve();
            Assert.Equal(0, Interop.Clp.Clp_status(s.Handle)); // 0 - optimal
            Assert.Equal(1, Interop.Clp.Clp_isProvenOptimal(s.Handle));
            Assert.Equal(36, Interop.Clp.Clp_objectiveValue(s.Handle), 1e-9);
        }

        // 3 - stopped on iterations: one pivot is not enough for this LP.
        var transport = TestModels.Transport(10, 10, seed: 1);
        using (var s = ClpLpSolver.Instance.CreateSession(transport, new SolverOptions { Algorithm = LpAlgorithm.DualSimplex, Presolve = false }))
        {
            Interop.Clp.Clp_setMaximumIterations(s.Handle, 1);
            Assert.Equal(1, Interop.Clp.Clp_maximumIterations(s.Handle));
            Interop.Clp.Clp_dual(s.Handle, 0);
            Assert.Equal(3, Interop.Clp.Clp_status(s.Handle));
            Assert.Equal(1, Interop.Clp.Clp_isIterationLimitReached(s.Handle));
        }
    }

    [Fact]
    public void Cbc_status_codes_match_the_header()
    {
        Assert.Equal((0, 0, 1, 0), RunCbc(Knapsack(), []));                 // finished, search completed with solution
        Assert.Equal((0, 1, 0, 1), RunCbc(IntegerInfeasible(), []));       // finished, relaxation infeasible
        Assert.Equal((1, 3, 0, 0), RunCbc(CbcNeedsNodes(), ["maxNodes", "0", "cuts", "off", "heuristics", "off", "preprocess", "off"])); // stopped on nodes
    }

    /// <summary>Returns (Cbc_status, Cbc_secondaryStatus, Cbc_isProvenOptimal, Cbc_isProvenInfeasible).</summary>
    private static (int, int, int, int) RunCbc(LinearModel model, string[] parameters)
    {
        using var h = CbcHandle.Create();
        var matrix = model.BuildColumnMajor();
        var colLower = model.ColumnLower.ToArray();
        var colUpper = model.ColumnUpper.ToArray().Select(u => double.IsPositiveInfinity(u) ? double.MaxValue : u).ToArray();
        var rowLower = model.RowLower.ToArray().Select(l => double.IsNegativeInfinity(l) ? double.MinValue : l).ToArray();
        var rowUpper = model.RowUpper.ToArray().Select(u => double.IsPositiveInfinity(u) ? double.MaxValue : u).ToArray();
        var obj = model.Objective.ToArray();
        fixed (int* s = matrix.Starts)
        fixed (int* i = matrix.Indices)
        fixed (double* v = matrix.Values)
        fixed (double* cl = colLower)
        fixed (double* cu = colUpper)
        fixed (double* o = obj)
        fixed (double* rl = rowLower)
        fixed (double* ru = rowUpper)
        {
            Interop.Cbc.Cbc_loadProblem(h, model.VariableCount, model.ConstraintCount, s, i, v, cl, cu, o, rl, ru);
        }

        for (var j = 0; j < model.VariableCount; j++)
        {
            if (model.IsInteger(new Variable(j)))
            {
                Interop.Cbc.Cbc_setInteger(h, j);
            }
        }

        Assert.Equal(model.IntegerCount, Interop.Cbc.Cbc_getNumIntegers(h));
        Interop.Cbc.Cbc_setObjSense(h, model.Sense == ObjectiveSense.Maximize ? -1 : 1);
        Interop.Cbc.Cbc_setParameter(h, "log", "0");
        for (var k = 0; k < parameters.Length; k += 2)
        {
            Interop.Cbc.Cbc_setParameter(h, parameters[k], parameters[k + 1]);
        }

        // CbcMain1 uses process globals: take the same lock the solver takes.
        CbcMipSolver.s_cbcMainLock.Wait();
        try
        {
            Interop.Cbc.Cbc_solve(h);
        }
        finally
        {
            CbcMipSolver.s_cbcMainLock.Release();
        }

        return (Interop.Cbc.Cbc_status(h), Interop.Cbc.Cbc_secondaryStatus(h), Interop.Cbc.Cbc_isProvenOptimal(h), Interop.Cbc.Cbc_isProvenInfeasible(h));
    }

    private static LinearModel Knapsack() => CbcMipSolverTests.Knapsack([60, 100, 120], [10, 20, 30], 50).Model;

    private static LinearModel IntegerInfeasible()
    {
        var m = new LinearModel();
        var x = m.AddVariable(0, 10, 1, isInteger: true);
        m.AddGreaterOrEqual(x, 11);
        return m;
    }

    private static LinearModel CbcNeedsNodes()
    {
        // A knapsack whose LP relaxation is fractional, so zero nodes cannot finish it.
        return CbcMipSolverTests.Knapsack([10, 13, 18, 31, 7, 15, 22, 9], [11, 15, 20, 35, 10, 33, 21, 12], 47).Model;
    }
}
