namespace SolverEngine.Solvers.Internal;

/// <summary>
/// A <see cref="LinearModel"/> handed to Clp_loadProblem or Cbc_loadProblem (the two take the same C arguments):
/// the column-major matrix, the objective and the bounds with infinities as COIN_DBL_MAX.
/// </summary>
internal static unsafe class NativeProblem
{
    /// <summary>COIN_DBL_MAX (DBL_MAX); Clp and Cbc treat |bound| >= 1e30 as infinite.</summary>
    public const double Infinity = double.MaxValue;

    /// <summary>One library's loadProblem, bound to its native model.</summary>
    public delegate void LoadProblem(int columns, int rows, int* start, int* index, double* value,
        double* columnLower, double* columnUpper, double* objective, double* rowLower, double* rowUpper);

    /// <summary>Pins the model's arrays and passes them to <paramref name="load"/> (which copies them).</summary>
    public static void Load(LinearModel model, LoadProblem load)
    {
        var matrix = model.BuildColumnMajor();
        var colLower = ToNative(model.ColumnLower);
        var colUpper = ToNative(model.ColumnUpper);
        var rowLower = ToNative(model.RowLower);
        var rowUpper = ToNative(model.RowUpper);
        fixed (int* start = matrix.Starts)
        fixed (int* index = matrix.Indices)
        fixed (double* value = matrix.Values)
        fixed (double* cl = colLower)
        fixed (double* cu = colUpper)
        fixed (double* obj = model.Objective)
        fixed (double* rl = rowLower)
        fixed (double* ru = rowUpper)
        {
            load(model.VariableCount, model.ConstraintCount, start, index, value, cl, cu, obj, rl, ru);
        }
    }

    public static double ToNative(double bound) =>
        double.IsPositiveInfinity(bound) ? Infinity : double.IsNegativeInfinity(bound) ? -Infinity : bound;

    public static double[] ToNative(ReadOnlySpan<double> bounds)
    {
        var result = new double[bounds.Length];
        for (var i = 0; i < bounds.Length; i++)
        {
            result[i] = ToNative(bounds[i]);
        }

        return result;
    }
}
