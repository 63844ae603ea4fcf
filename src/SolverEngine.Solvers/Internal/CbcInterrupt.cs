using System.Runtime.InteropServices;

namespace SolverEngine.Solvers.Internal;

/// <summary>
/// Stops a running Cbc branch and bound. Cbc 2.10's C API has no stop call and no event handler; what it does have
/// is a cut callback (Cbc_addCutCallback) that Cbc calls on the solving thread at every node's cut loop. Once
/// <see cref="Request"/> has been called, the callback answers with a cut no point satisfies (see
/// <see cref="AddInfeasibleCut"/>): every node still open becomes infeasible and the search ends within a node or
/// two. The solver then believes it finished, so the caller must read <see cref="Requested"/> and report
/// Interrupted / TimeLimit itself, and must not trust Cbc's final bound.
/// </summary>
internal sealed unsafe class CbcInterrupt : IDisposable
{
    private static readonly byte[] s_generatorName = "SolverEngineInterrupt\0"u8.ToArray();
    private GCHandle _self;
    private volatile bool _requested;

    public CbcInterrupt() => _self = GCHandle.Alloc(this, GCHandleType.Normal);

    public bool Requested => _requested;

    /// <summary>Number of callback invocations; lets tests prove the callback is wired.</summary>
    public int Calls;

    public void Request() => _requested = true;

    /// <summary>Registers the cut callback on <paramref name="model"/>; the GCHandle keeps this object alive.</summary>
    public void Attach(CbcHandle model)
    {
        fixed (byte* name = s_generatorName)
        {
            Interop.Cbc.Cbc_addCutCallback(model, &OnCutGeneration, name, GCHandle.ToIntPtr(_self));
        }
    }

    /// <summary>
    /// Adds one cut no point within the node's bounds satisfies: x_j &gt;= u_j + 1 on a column with a finite upper
    /// bound (or x_j &lt;= l_j - 1 on one with a finite lower bound). Every candidate violates it, so Cbc keeps it.
    /// </summary>
    private static void AddInfeasibleCut(nint osiSolver, nint osiCuts)
    {
        var n = Interop.Cbc.Osi_getNumCols(osiSolver);
        var lower = Interop.Cbc.Osi_getColLower(osiSolver);
        var upper = Interop.Cbc.Osi_getColUpper(osiSolver);
        double one = 1.0;
        for (var j = 0; j < n; j++)
        {
            if (upper[j] < 1e20)
            {
                Interop.Cbc.OsiCuts_addRowCut(osiCuts, 1, &j, &one, (byte)'G', upper[j] + 1.0);
                return;
            }

            if (lower[j] > -1e20)
            {
                Interop.Cbc.OsiCuts_addRowCut(osiCuts, 1, &j, &one, (byte)'L', lower[j] - 1.0);
                return;
            }
        }

        // All columns free: 0 >= 1 over the empty row.
        Interop.Cbc.OsiCuts_addRowCut(osiCuts, 0, null, null, (byte)'G', 1.0);
    }

    public void Dispose()
    {
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    [UnmanagedCallersOnly]
    private static void OnCutGeneration(nint osiSolver, nint osiCuts, nint appData)
    {
        // Never let an exception cross into native code.
        try
        {
            if (GCHandle.FromIntPtr(appData).Target is not CbcInterrupt self)
            {
                return;
            }

            Interlocked.Increment(ref self.Calls);
            if (!self._requested)
            {
                return;
            }

            AddInfeasibleCut(osiSolver, osiCuts);
        }
        catch
        {
            // Swallowed on purpose: the worst case is a slower stop.
        }
    }
}
