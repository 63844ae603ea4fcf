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

    [Fact]
    public void In_a_hurry_a_bucket_stuck_again_gives_up_twice_its_shortfall_more_each_time()
    {
        var inst = InstanceBuilder.Build(ExampleModels.Small());
        var ra = inst.Recipes.Single(r => r.Id == "RA");
        var caps = new TimingCaps();
        // each round the run is placed but for 10 units, however much smaller it gets
        double[] placed = [90, 80, 60, 20];
        double[] expected = [90, 70, 30, 0]; // placed, then less 1x, 3x, 7x the shortfall (never below zero)
        for (var i = 0; i < placed.Length; i++)
        {
            caps.Add(new TimingFailure(1, [new StuckRun(ra.Line, ra.Index, Placed: placed[i], Quantity: 10, First: true)]), inst, hurry: true);
            Assert.Equal(expected[i], caps.Allows(inst, ra.Line, ra.Product, 1));
        }
    }

    [Fact]
    public void Freezing_caps_every_recipe_in_every_bucket_at_its_quantity_and_keeps_lower_caps()
    {
        var inst = InstanceBuilder.Build(ExampleModels.Small());
        var ra = inst.Recipes.Single(r => r.Id == "RA");
        var caps = new TimingCaps();
        caps.Add(new TimingFailure(1, [new StuckRun(ra.Line, ra.Index, Placed: 5, Quantity: 80, First: true)]), inst, hurry: true);
        caps.Freeze(inst, (r, t) => 10 * r + t + 7);

        for (var t = 0; t < inst.T; t++)
            foreach (var r in inst.Recipes)
            {
                var expected = r.Index == ra.Index && t == 1 ? 5 : 10 * r.Index + t + 7; // the stuck run's lower cap stays
                var others = inst.Lines[r.Line].RecipesOfProduct[r.Product].Where(o => o != r.Index).Sum(o => o == ra.Index && t == 1 ? 5 : 10 * o + t + 7);
                Assert.Equal(expected + others, caps.Allows(inst, r.Line, r.Product, t));
            }
    }
}
