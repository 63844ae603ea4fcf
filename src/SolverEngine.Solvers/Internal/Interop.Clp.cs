using System.Runtime.InteropServices;

namespace SolverEngine.Solvers.Internal;

internal static partial class Interop
{
    /// <summary>
    /// P/Invoke declarations for COIN-OR Clp 1.17 (Clp_C_Interface.h). Widths follow the header:
    /// CoinBigIndex is <c>int</c> (COIN_BIG_INDEX is 0 in Debian's build: CoinTypes.hpp defaults it to 0),
    /// C <c>int</c> is <see cref="int"/>, <c>double</c> is <see cref="double"/>, pointers are <see cref="nint"/>.
    /// </summary>
    internal static unsafe partial class Clp
    {
        internal const string Library = NativeLibraries.ClpLogicalName;

        /// <summary>Values of <c>Clp_status</c> (ClpModel.hpp: -1 unknown, 0 optimal, 1 primal infeasible, 2 dual infeasible, 3 stopped on iterations or time, 4 stopped due to errors, 5 stopped by event handler).</summary>
        internal static class Status
        {
            internal const int Unknown = -1;
            internal const int Optimal = 0;
            internal const int PrimalInfeasible = 1;
            internal const int DualInfeasible = 2;
            internal const int StoppedOnLimit = 3;
            internal const int StoppedOnErrors = 4;
            internal const int StoppedByEventHandler = 5;
        }

        /// <summary>ClpSolve_setSolveType methods (header: 0 dual, 1 primal, 2 primal or sprint, 3 barrier, 4 barrier no crossover, 5 automatic).</summary>
        internal static class SolveType
        {
            internal const int Dual = 0;
            internal const int Primal = 1;
            internal const int PrimalOrSprint = 2;
            internal const int Barrier = 3;
            internal const int BarrierNoCrossover = 4;
            internal const int Automatic = 5;
        }

        /// <summary>ClpSolve_setPresolveType amounts (header: 0 on, 1 off, 2 number, 3 number cost).</summary>
        internal static class PresolveType
        {
            internal const int On = 0;
            internal const int Off = 1;
        }

        [LibraryImport(Library)] internal static partial nint Clp_Version();
        [LibraryImport(Library)] internal static partial int Clp_VersionMajor();
        [LibraryImport(Library)] internal static partial int Clp_VersionMinor();

        [LibraryImport(Library)] internal static partial nint Clp_newModel();
        [LibraryImport(Library)] internal static partial void Clp_deleteModel(nint model);
        [LibraryImport(Library)] internal static partial nint ClpSolve_new();
        [LibraryImport(Library)] internal static partial void ClpSolve_delete(nint solve);

        [LibraryImport(Library)]
        internal static partial void Clp_loadProblem(ClpHandle model, int numcols, int numrows,
            int* start, int* index, double* value, double* collb, double* colub, double* obj,
            double* rowlb, double* rowub);

        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Clp_readMps(ClpHandle model, string filename, int keepNames, int ignoreErrors);

        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Clp_writeMps(ClpHandle model, string filename, int formatType, int numberAcross, double objSense);

        [LibraryImport(Library)]
        internal static partial void Clp_addRows(ClpHandle model, int number, double* rowLower, double* rowUpper,
            int* rowStarts, int* columns, double* elements);

        [LibraryImport(Library)]
        internal static partial void Clp_addColumns(ClpHandle model, int number, double* columnLower, double* columnUpper,
            double* objective, int* columnStarts, int* rows, double* elements);

        [LibraryImport(Library)] internal static partial void Clp_deleteRows(ClpHandle model, int number, int* which);
        [LibraryImport(Library)] internal static partial void Clp_chgRowLower(ClpHandle model, double* rowLower);
        [LibraryImport(Library)] internal static partial void Clp_chgRowUpper(ClpHandle model, double* rowUpper);
        [LibraryImport(Library)] internal static partial void Clp_chgColumnLower(ClpHandle model, double* columnLower);
        [LibraryImport(Library)] internal static partial void Clp_chgColumnUpper(ClpHandle model, double* columnUpper);
        [LibraryImport(Library)] internal static partial void Clp_chgObjCoefficients(ClpHandle model, double* objIn);

        [LibraryImport(Library)] internal static partial int Clp_numberRows(ClpHandle model);
        [LibraryImport(Library)] internal static partial int Clp_numberColumns(ClpHandle model);
        [LibraryImport(Library)] internal static partial int Clp_getNumElements(ClpHandle model);
        [LibraryImport(Library)] internal static partial double Clp_objectiveOffset(ClpHandle model);
        [LibraryImport(Library)] internal static partial void Clp_setObjectiveOffset(ClpHandle model, double value);
        [LibraryImport(Library)] internal static partial int Clp_numberIterations(ClpHandle model);
        [LibraryImport(Library)] internal static partial void Clp_setNumberIterations(ClpHandle model, int numberIterations);
        [LibraryImport(Library)] internal static partial void Clp_setMaximumIterations(ClpHandle model, int value);
        [LibraryImport(Library, EntryPoint = "maximumIterations")] internal static partial int Clp_maximumIterations(ClpHandle model);
        [LibraryImport(Library)] internal static partial double Clp_maximumSeconds(ClpHandle model);
        [LibraryImport(Library)] internal static partial void Clp_setMaximumSeconds(ClpHandle model, double value);
        [LibraryImport(Library)] internal static partial int Clp_hitMaximumIterations(ClpHandle model);
        [LibraryImport(Library)] internal static partial int Clp_status(ClpHandle model);
        [LibraryImport(Library)] internal static partial void Clp_setProblemStatus(ClpHandle model, int problemStatus);
        [LibraryImport(Library)] internal static partial int Clp_secondaryStatus(ClpHandle model);
        [LibraryImport(Library)] internal static partial double Clp_optimizationDirection(ClpHandle model);
        [LibraryImport(Library)] internal static partial void Clp_setOptimizationDirection(ClpHandle model, double value);

        [LibraryImport(Library)] internal static partial double* Clp_primalRowSolution(ClpHandle model);
        [LibraryImport(Library)] internal static partial double* Clp_primalColumnSolution(ClpHandle model);
        [LibraryImport(Library)] internal static partial double* Clp_dualRowSolution(ClpHandle model);
        [LibraryImport(Library)] internal static partial double* Clp_dualColumnSolution(ClpHandle model);
        [LibraryImport(Library)] internal static partial double* Clp_rowLower(ClpHandle model);
        [LibraryImport(Library)] internal static partial double* Clp_rowUpper(ClpHandle model);
        [LibraryImport(Library)] internal static partial double* Clp_objective(ClpHandle model);
        [LibraryImport(Library)] internal static partial double* Clp_columnLower(ClpHandle model);
        [LibraryImport(Library)] internal static partial double* Clp_columnUpper(ClpHandle model);
        [LibraryImport(Library)] internal static partial double Clp_objectiveValue(ClpHandle model);
        [LibraryImport(Library)] internal static partial int Clp_statusExists(ClpHandle model);

        [LibraryImport(Library)] internal static partial void Clp_setLogLevel(ClpHandle model, int value);
        [LibraryImport(Library)] internal static partial int Clp_logLevel(ClpHandle model);

        [LibraryImport(Library)] internal static partial int Clp_initialSolve(ClpHandle model);
        [LibraryImport(Library)] internal static partial int Clp_initialSolveWithOptions(ClpHandle model, ClpSolveOptionsHandle options);
        [LibraryImport(Library)] internal static partial int Clp_initialDualSolve(ClpHandle model);
        [LibraryImport(Library)] internal static partial int Clp_initialPrimalSolve(ClpHandle model);
        [LibraryImport(Library)] internal static partial int Clp_dual(ClpHandle model, int ifValuesPass);
        [LibraryImport(Library)] internal static partial int Clp_primal(ClpHandle model, int ifValuesPass);

        [LibraryImport(Library)] internal static partial int Clp_isAbandoned(ClpHandle model);
        [LibraryImport(Library)] internal static partial int Clp_isProvenOptimal(ClpHandle model);
        [LibraryImport(Library)] internal static partial int Clp_isProvenPrimalInfeasible(ClpHandle model);
        [LibraryImport(Library)] internal static partial int Clp_isProvenDualInfeasible(ClpHandle model);
        [LibraryImport(Library)] internal static partial int Clp_isIterationLimitReached(ClpHandle model);
        [LibraryImport(Library)] internal static partial double Clp_getObjValue(ClpHandle model);

        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void Clp_setRowName(ClpHandle model, int iRow, string name);
        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void Clp_setColumnName(ClpHandle model, int iColumn, string name);
        [LibraryImport(Library)] internal static partial int Clp_lengthNames(ClpHandle model);

        [LibraryImport(Library)] internal static partial void ClpSolve_setSolveType(ClpSolveOptionsHandle options, int method, int extraInfo);
        [LibraryImport(Library)] internal static partial int ClpSolve_getSolveType(ClpSolveOptionsHandle options);
        [LibraryImport(Library)] internal static partial void ClpSolve_setPresolveType(ClpSolveOptionsHandle options, int amount, int extraInfo);
        [LibraryImport(Library)] internal static partial int ClpSolve_getPresolveType(ClpSolveOptionsHandle options);
    }
}
