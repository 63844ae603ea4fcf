using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests.Aggregate;

/// <summary>
/// The start state of each (line, bucket) read from the line's precomputed first free bucket and
/// frozen-run buckets agrees with its definition on the instance's frozen runs and free times.
/// </summary>
public class LineStartsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Start_of_every_bucket_follows_the_frozen_runs_and_the_free_time(bool l2SetupPerBucket)
    {
        var model = ExampleModels.Small();
        model.Lines[1].SetupPerBucket = l2SetupPerBucket;
        // a second frozen run on L1 two days in (the line is free only after it), one on L2 in day 1
        model.FrozenRuns.Add(new FrozenRun { LineId = "L1", ProductId = "B", Start = Day(2), End = At(Start.AddDays(2).AddHours(5)), Quantity = 200 });
        model.FrozenRuns.Add(new FrozenRun { LineId = "L2", ProductId = "C", Start = At(Start.AddDays(1).AddHours(6)), End = At(Start.AddDays(1).AddHours(9)), Quantity = 100 });
        var inst = InstanceBuilder.Build(model);
        const int carried = 12345;
        var checkedFrozen = 0;
        for (var l = 0; l < inst.Lines.Length; l++)
        {
            var line = inst.Lines[l];
            var first = Enumerable.Range(0, inst.T).FirstOrDefault(t => line.FreeFrom[t] < inst.Buckets[t].End, inst.T);
            Assert.Equal(first, LineStarts.FirstFreeBucket(inst, l));
            for (var t = 0; t < inst.T; t++)
            {
                var frozenHere = inst.FrozenRuns.Any(f => f.Line == l && f.Bucket == t);
                if (frozenHere) checkedFrozen++;
                var expected = line.SetupPerBucket
                    ? frozenHere ? (ChangeoverBounds.StartKind.Known, line.StateAfterFrozen) : (ChangeoverBounds.StartKind.PerBucketClean, -1)
                    : t == first ? (ChangeoverBounds.StartKind.Known, line.StateAfterFrozen) : (ChangeoverBounds.StartKind.Unknown, carried);
                Assert.Equal(expected, LineStarts.StartOf(inst, l, t, carried));
            }
        }
        Assert.Equal(3, checkedFrozen);
        Assert.Equal(2, LineStarts.FirstFreeBucket(inst, 0)); // L1 is busy until its frozen run ends in day 2
    }
}
