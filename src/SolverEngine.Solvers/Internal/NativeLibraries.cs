using System.Reflection;
using System.Runtime.InteropServices;

namespace SolverEngine.Solvers.Internal;

/// <summary>
/// Resolves the COIN-OR shared libraries once per process. The versioned soname is tried first (it is what the
/// runtime packages install), then the unversioned development symlink. A missing library becomes a
/// <see cref="SolverException"/> that names the Debian packages to install.
/// </summary>
internal static class NativeLibraries
{
    internal const string ClpLogicalName = "SolverEngine.Clp";
    internal const string CbcLogicalName = "SolverEngine.CbcSolver";

    private static readonly Lazy<nint> s_clp = new(() => Load(
        ["libClp.so.1", "libClp.so", "libClp.dylib", "libClp.dll", "Clp.dll"],
        "COIN-OR Clp (LP solver)", "coinor-libclp1 (runtime) or coinor-libclp-dev (development)"));

    private static readonly Lazy<nint> s_cbc = new(() => Load(
        ["libCbcSolver.so.3", "libCbcSolver.so", "libCbcSolver.dylib", "libCbcSolver.dll", "CbcSolver.dll"],
        "COIN-OR Cbc (MIP solver)", "coinor-libcbc3 (runtime) or coinor-libcbc-dev (development)"));

    // Every native call goes through a handle made by ClpHandle/CbcHandle.Create, which calls Ensure* first, so
    // registering the resolver in the static constructor is early enough (and happens once per process).
    static NativeLibraries() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);

    /// <summary>Loads Clp now; throws <see cref="SolverException"/> if it is not installed.</summary>
    internal static void EnsureClp() => _ = s_clp.Value;

    /// <summary>Loads Cbc now; throws <see cref="SolverException"/> if it is not installed.</summary>
    internal static void EnsureCbc() => _ = s_cbc.Value;

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        ClpLogicalName => s_clp.Value,
        CbcLogicalName => s_cbc.Value,
        _ => 0,
    };

    private static nint Load(string[] candidates, string what, string packages)
    {
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        throw new SolverException(
            $"{what} could not be loaded: none of [{string.Join(", ", candidates)}] was found on the library path. " +
            $"Install the Debian/Ubuntu package {packages}, e.g. 'apt-get install {packages.Split(' ')[0]}'.",
            isTransient: false);
    }
}
