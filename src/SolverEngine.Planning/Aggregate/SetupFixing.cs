namespace SolverEngine.Planning.Aggregate;

/// <summary>
/// A set-up pattern with its sequenced changeovers: what the fixed set-up LP holds fixed.
/// Layouts follow <see cref="AggregateModel"/>: [line][position in line.Products][bucket] and [line][bucket].
/// </summary>
internal sealed class SetupFixing
{
    public required bool[][][] Setup { get; init; }
    /// <summary>True where the product's lot starts with a changeover in that bucket (minimum run applies).</summary>
    public required bool[][][] MinRunApplies { get; init; }
    public required double[][] ChangeoverHours { get; init; }
    public required double[][] ChangeoverCost { get; init; }
    /// <summary>Changeover cost of the frozen runs (a constant of every plan).</summary>
    public double FrozenChangeoverCost { get; init; }
    /// <summary>Changeover hours of the sequences that occupy each shared asset, per [asset][bucket] (null = none counted).</summary>
    public double[][]? AssetChangeoverHours { get; init; }
}

internal enum SetupCutKind { Hours, Cost }

/// <summary>
/// A cut from sequencing: when every product of <see cref="Positions"/> is set up on the line in
/// the bucket, its changeover hours (or cost) are at least <see cref="Bound"/>:
/// <c>co[l,t] &gt;= Bound * (sum_{p in S} y[l,p,t] - |S| + 1)</c>.
/// </summary>
/// <remarks>
/// Valid because <see cref="Bound"/> is a proven lower bound of the least changeover of any
/// order that contains S, for any superset of S and any state carried in: it is computed on the
/// shortest-path closure of the line's changeover matrix (a path through products outside S
/// never costs less than the closure's direct arc) with a free first product (or the bucket's
/// exact start row where the start state is known). With fewer than all of S set up the right
/// side is &lt;= 0 and the row is slack.
/// </remarks>
internal sealed record SetupCut(int Line, int Bucket, int[] Positions, SetupCutKind Kind, double Bound);
