namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>The sequenced set-ups of one line in one bucket.</summary>
internal sealed class BucketSequence
{
    public static BucketSequence Empty(int startState) => new() { Order = [], StartState = startState, EndState = startState };

    /// <summary>Products in run order (product indices).</summary>
    public required int[] Order { get; init; }
    /// <summary>State the first run changes over from (-1 = clean / lost).</summary>
    public required int StartState { get; init; }
    /// <summary>State at the end of the bucket (carried into the next one).</summary>
    public required int EndState { get; init; }
    public double Hours { get; init; }
    public double Cost { get; init; }
}

/// <summary>Sequences of every (line, bucket): [line][bucket].</summary>
internal sealed class LineSchedule(BucketSequence[][] buckets)
{
    public BucketSequence[][] Buckets { get; } = buckets;

    public BucketSequence this[int line, int bucket] => Buckets[line][bucket];
}
