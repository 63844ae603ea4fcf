using Microsoft.Win32.SafeHandles;

namespace SolverEngine.Solvers.Internal;

/// <summary>Owns one native <c>Cbc_Model*</c>; freed only by <see cref="ReleaseHandle"/>.</summary>
internal sealed class CbcHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private CbcHandle() : base(ownsHandle: true)
    {
    }

    internal static CbcHandle Create()
    {
        NativeLibraries.EnsureCbc();
        var handle = new CbcHandle();
        handle.SetHandle(Interop.Cbc.Cbc_newModel());
        if (handle.IsInvalid)
        {
            throw new SolverException("Cbc_newModel returned NULL (out of native memory?).", isTransient: true);
        }

        return handle;
    }

    protected override bool ReleaseHandle()
    {
        Interop.Cbc.Cbc_deleteModel(handle);
        return true;
    }
}
