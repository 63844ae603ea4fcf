using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Scheduling;

namespace SolverEngine.Planning.Tests.Coordination;

/// <summary>
/// The caps the timing repair puts on runs that did not fit, read back per (line, product, bucket):
/// what the repair of an infeasible fixed set-up LP compares with a lot's minimum run (a lot whose
/// minimum run its cap no longer allows is dropped alone instead of halving the plan's lots).
/// </summary>
public class TimingCapsTests
{
    [Fact]
    public void A_stuck_run_keeps_half_twice_then_only_what_was_placed_and_other_cells_stay_uncapped()
    {
        var inst = InstanceBuilder.Build(ExampleModels.Small());
        var ra = inst.Recipes.Single(r => r.Id == "RA");
        var (line, product) = (ra.Line, ra.Product);
        var caps = new TimingCaps();
        Assert.Equal(double.PositiveInfinity, caps.Allows(inst, line, product, 2));

        var stuck = new TimingFailure(2, [new StuckRun(line, ra.Index, Placed: 10, Quantity: 40, First: true)]);
        caps.Add(stuck, inst);
        Assert.Equal(30, caps.Allows(inst, line, product, 2)); // placed + half of the run
        caps.Add(stuck, inst);
        Assert.Equal(30, caps.Allows(inst, line, product, 2));
        caps.Add(stuck, inst); // third time the bucket is stuck: nothing beyond what was placed
        Assert.Equal(10, caps.Allows(inst, line, product, 2));

        Assert.Equal(double.PositiveInfinity, caps.Allows(inst, line, product, 3));
        var other = inst.Recipes.Single(r => r.Id == "RB");
        Assert.Equal(double.PositiveInfinity, caps.Allows(inst, other.Line, other.Product, 2));
    }

    [Fact]
    public void In_a_hurry_a_stuck_run_keeps_only_what_was_placed()
    {
        var inst = InstanceBuilder.Build(ExampleModels.Small());
        var ra = inst.Recipes.Single(r => r.Id == "RA");
        var caps = new TimingCaps();
        caps.Add(new TimingFailure(1, [new StuckRun(ra.Line, ra.Index, Placed: 25, Quantity: 80, First: true)]), inst, hurry: true);
        Assert.Equal(25, caps.Allows(inst, ra.Line, ra.Product, 1));
    }
}
