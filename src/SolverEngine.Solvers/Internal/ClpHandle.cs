using Microsoft.Win32.SafeHandles;

namespace SolverEngine.Solvers.Internal;

/// <summary>Owns one native <c>Clp_Simplex*</c>; freed only by <see cref="ReleaseHandle"/>.</summary>
internal sealed class ClpHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private ClpHandle() : base(ownsHandle: true)
    {
    }

    internal static ClpHandle Create()
    {
        NativeLibraries.EnsureClp();
        var handle = new ClpHandle();
        handle.SetHandle(Interop.Clp.Clp_newModel());
        if (handle.IsInvalid)
        {
            throw new SolverException("Clp_newModel returned NULL (out of native memory?).", isTransient: true);
        }

        return handle;
    }

    protected override bool ReleaseHandle()
    {
        Interop.Clp.Clp_deleteModel(handle);
        return true;
    }
}

/// <summary>Owns one native <c>Clp_Solve*</c> (ClpSolve options object); freed only by <see cref="ReleaseHandle"/>.</summary>
internal sealed class ClpSolveOptionsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private ClpSolveOptionsHandle() : base(ownsHandle: true)
    {
    }

    internal static ClpSolveOptionsHandle Create()
    {
        NativeLibraries.EnsureClp();
        var handle = new ClpSolveOptionsHandle();
        handle.SetHandle(Interop.Clp.ClpSolve_new());
        if (handle.IsInvalid)
        {
            throw new SolverException("ClpSolve_new returned NULL (out of native memory?).", isTransient: true);
        }

        return handle;
    }

    protected override bool ReleaseHandle()
    {
        Interop.Clp.ClpSolve_delete(handle);
        return true;
    }
}
