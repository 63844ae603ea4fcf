using System.Runtime.InteropServices;

namespace SolverEngine.Solvers.Internal;

internal static partial class Interop
{
    /// <summary>
    /// P/Invoke declarations for COIN-OR Cbc 2.10 (Cbc_C_Interface.h). CoinBigIndex is <c>int</c>
    /// (see <see cref="Clp"/>); <c>char</c> arguments are one byte.
    /// </summary>
    internal static unsafe partial class Cbc
    {
        internal const string Library = NativeLibraries.CbcLogicalName;

        /// <summary>
        /// Values of <c>Cbc_status</c> (CbcModel::status): -1 before branch and bound, 0 finished (optimal or
        /// infeasible), 1 stopped on a limit (nodes, seconds, solutions), 2 difficulties (abandoned),
        /// 5 stopped by an event (user interrupt).
        /// </summary>
        internal static class Status
        {
            internal const int NotStarted = -1;
            internal const int Finished = 0;
            internal const int StoppedOnLimit = 1;
            internal const int Abandoned = 2;
            internal const int StoppedByEvent = 5;
        }

        /// <summary>
        /// Values of <c>Cbc_secondaryStatus</c>: 0 optimal, 1 LP relaxation infeasible, 2 gap reached,
        /// 3 node limit, 4 time limit, 5 user stop, 6 solution limit, 7 LP relaxation unbounded, 8 iteration limit
        /// (CbcModel.hpp, secondaryStatus()).
        /// </summary>
        internal static class SecondaryStatus
        {
            internal const int Optimal = 0;
            internal const int LinearRelaxationInfeasible = 1;
            internal const int GapReached = 2;
            internal const int NodeLimit = 3;
            internal const int TimeLimit = 4;
            internal const int UserStop = 5;
            internal const int SolutionLimit = 6;
            internal const int LinearRelaxationUnbounded = 7;
            internal const int IterationLimit = 8;
        }

        [LibraryImport(Library)] internal static partial nint Cbc_getVersion();
        [LibraryImport(Library)] internal static partial nint Cbc_newModel();
        [LibraryImport(Library)] internal static partial void Cbc_deleteModel(nint model);

        [LibraryImport(Library)]
        internal static partial void Cbc_loadProblem(CbcHandle model, int numcols, int numrows,
            int* start, int* index, double* value, double* collb, double* colub, double* obj,
            double* rowlb, double* rowub);

        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void Cbc_setColName(CbcHandle model, int iColumn, string name);
        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void Cbc_setRowName(CbcHandle model, int iRow, string name);
        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Cbc_setProblemName(CbcHandle model, string name);

        [LibraryImport(Library)] internal static partial void Cbc_setObjSense(CbcHandle model, double sense);
        [LibraryImport(Library)] internal static partial double Cbc_getObjSense(CbcHandle model);
        [LibraryImport(Library)] internal static partial void Cbc_setInteger(CbcHandle model, int iColumn);
        [LibraryImport(Library)] internal static partial void Cbc_setContinuous(CbcHandle model, int iColumn);
        [LibraryImport(Library)] internal static partial int Cbc_isInteger(CbcHandle model, int i);

        [LibraryImport(Library)] internal static partial void Cbc_setMIPStartI(CbcHandle model, int count, int* colIdxs, double* colValues);

        [LibraryImport(Library)] internal static partial int Cbc_getNumElements(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_getNumCols(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_getNumRows(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_getNumIntegers(CbcHandle model);

        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Cbc_readMps(CbcHandle model, string filename);
        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void Cbc_writeMps(CbcHandle model, string filename);
        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void Cbc_writeLp(CbcHandle model, string filename);

        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void Cbc_setParameter(CbcHandle model, string name, string value);
        [LibraryImport(Library)] internal static partial double Cbc_getAllowableFractionGap(CbcHandle model);
        [LibraryImport(Library)] internal static partial void Cbc_setAllowableFractionGap(CbcHandle model, double gap);
        [LibraryImport(Library)] internal static partial double Cbc_getMaximumSeconds(CbcHandle model);
        [LibraryImport(Library)] internal static partial void Cbc_setMaximumSeconds(CbcHandle model, double seconds);
        [LibraryImport(Library)] internal static partial int Cbc_getLogLevel(CbcHandle model);
        [LibraryImport(Library)] internal static partial void Cbc_setLogLevel(CbcHandle model, int level);

        [LibraryImport(Library)]
        internal static partial void Cbc_addCutCallback(CbcHandle model,
            delegate* unmanaged<nint, nint, nint, void> cutcb, byte* name, nint appData);

        [LibraryImport(Library)] internal static partial int Cbc_solve(CbcHandle model);
        [LibraryImport(Library)] internal static partial double* Cbc_getColSolution(CbcHandle model);
        [LibraryImport(Library)] internal static partial double* Cbc_bestSolution(CbcHandle model);
        [LibraryImport(Library)] internal static partial double* Cbc_getRowActivity(CbcHandle model);
        [LibraryImport(Library)] internal static partial double Cbc_getBestPossibleObjValue(CbcHandle model);
        [LibraryImport(Library)] internal static partial double Cbc_getObjValue(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_isAbandoned(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_isProvenOptimal(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_isProvenInfeasible(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_isContinuousUnbounded(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_isNodeLimitReached(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_isSecondsLimitReached(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_isSolutionLimitReached(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_isInitialSolveProvenOptimal(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_isInitialSolveProvenPrimalInfeasible(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_status(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_secondaryStatus(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_getIterationCount(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_getNodeCount(CbcHandle model);
        [LibraryImport(Library)] internal static partial int Cbc_numberSavedSolutions(CbcHandle model);

        // Called from inside a cut callback, on the OsiSolverInterface / OsiCuts pointers Cbc passes in.
        [LibraryImport(Library)] internal static partial int Osi_getNumCols(nint osi);
        [LibraryImport(Library)] internal static partial double* Osi_getColLower(nint osi);
        [LibraryImport(Library)] internal static partial double* Osi_getColUpper(nint osi);
        [LibraryImport(Library)] internal static partial void OsiCuts_addRowCut(nint osiCuts, int nz, int* idx, double* coef, byte sense, double rhs);
    }
}
