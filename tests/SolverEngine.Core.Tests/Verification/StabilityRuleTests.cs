using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

/// <summary>
/// Plan stability against the sample plan (frozen 4 h, slushy to day 2 00:00). Its slushy-zone runs
/// that are not frozen: run 0 (L1 P1), runs 1 and 2 (L1 P2), run 5 (L2 P3). Each case changes the
/// previous plan (the plan itself stays valid) and states the counts the Policy comment gives.
/// </summary>
public class StabilityRuleTests
{
    private const double StabilityCost = 100;

    private static PlanningModel ModelWith(Plan previous)
    {
        var model = Model();
        model.PreviousPlan = previous;
        model.Policy = new Policy { StabilityCost = StabilityCost };
        return model;
    }

    private static Timestamp Shift(Timestamp t, double seconds) => Timestamp.FromDateTime(t.ToDateTime().AddSeconds(seconds));

    public static TheoryData<string, int, int, int> Cases => new()
    {
        { "unchanged", 0, 0, 0 },
        { "start 0.5 s earlier", 0, 0, 0 },
        { "start 2 s earlier", 1, 0, 0 },
        { "end 2 s later", 1, 0, 0 },
        { "quantity 1e-7 relative", 0, 0, 0 },
        { "quantity 1e-5 relative", 1, 0, 0 },
        { "listed in another order", 0, 0, 0 },
        { "one run more", 0, 0, 1 },
        { "one run fewer", 0, 1, 0 },
        { "other product", 2, 1, 1 },
        { "liquid zone run changed", 0, 0, 0 },
        { "frozen run changed", 0, 0, 0 },
        { "second P2 run moved to the first's place", 1, 0, 0 },
        { "slushy run marked frozen in the previous plan", 0, 1, 0 },
    };

    private static Plan Previous(string change)
    {
        var previous = Plan();
        switch (change)
        {
            case "start 0.5 s earlier": previous.Runs[R2P2].Start = Shift(previous.Runs[R2P2].Start, -0.5); break;
            case "start 2 s earlier": previous.Runs[R2P2].Start = Shift(previous.Runs[R2P2].Start, -2); break;
            case "end 2 s later": previous.Runs[R0P1].End = Shift(previous.Runs[R0P1].End, 2); break;
            case "quantity 1e-7 relative": previous.Runs[R1P2].Quantity *= 1 + 1e-7; break;
            case "quantity 1e-5 relative": previous.Runs[R1P2].Quantity *= 1 + 1e-5; break;
            case "listed in another order":
                var first = previous.Runs[R1P2];
                previous.Runs.RemoveAt(R1P2);
                previous.Runs.Add(first);
                break;
            case "one run more": previous.Runs.Add(Run("L2", "P3", "R3", 1, 8, 1, 10, 80, 1)); break;
            case "one run fewer": previous.Runs.RemoveAt(R5P3); break;
            // Paired in start order per (line, product): previous P2 runs at day 0 06:00, 10:00 and day 1 06:00 against
            // new P2 runs at day 0 10:00 and day 1 06:00: both pairs differ and one previous P2 run is removed; the new
            // P1 run has no previous P1 run in the slushy zone: added.
            case "other product": previous.Runs[R0P1].ProductId = "P2"; break;
            case "slushy run marked frozen in the previous plan": previous.Runs[R5P3].Frozen = true; break;
            case "liquid zone run changed": previous.Runs[R3P1].Quantity = 150; break;
            case "frozen run changed": previous.Runs[R4Frozen].Quantity = 100; break;
            // Both previous P2 runs at day 0 10:00: the first pairs unchanged, the second is moved.
            case "second P2 run moved to the first's place":
                previous.Runs[R2P2].Start = previous.Runs[R1P2].Start;
                previous.Runs[R2P2].End = previous.Runs[R1P2].End;
                break;
        }

        return previous;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Runs_moved_added_and_removed_are_counted_and_costed(string change, int moved, int added, int removed)
    {
        var model = ModelWith(Previous(change));
        var plan = Plan();
        plan.Kpis = new Kpis { Stability = new PlanStability { RunsMoved = (uint)moved, RunsAdded = (uint)added, RunsRemoved = (uint)removed } };
        var total = Total + StabilityCost * (moved + added + removed);

        var report = PlanVerifier.Verify(model, plan, total);

        Assertions.Valid(report);
        Assert.Equal(StabilityCost * (moved + added + removed), report.Costs.Stability, 9);
        Assert.Equal(total, report.Costs.Total, 9);
    }

    [Fact]
    public void Stability_cost_is_part_of_the_objective()
    {
        var model = ModelWith(Previous("one run fewer"));

        var v = Assertions.Single(PlanVerifier.Verify(model, Plan(), Total), ViolationCodes.ObjectiveMismatch);
        Assert.Contains("recomputed total 1989.8", v.Message);
    }

    [Fact]
    public void Reported_counts_that_differ_are_a_stability_mismatch()
    {
        var model = ModelWith(Previous("start 2 s earlier"));
        var plan = Plan();
        plan.Kpis = new Kpis { Stability = new PlanStability { RunsAdded = 1 } };

        var v = Assertions.Single(PlanVerifier.Verify(model, plan), ViolationCodes.StabilityMismatch);
        Assert.Equal("kpis.stability", v.Path);
        Assert.Contains("reports 0 moved, 1 added, 0 removed", v.Message);
        Assert.Contains("1 moved, 0 added, 0 removed", v.Message);
        Assert.Contains("[2026-01-05T04:00:00Z, 2026-01-07T00:00:00Z)", v.Message);
    }

    [Fact]
    public void Without_a_previous_plan_nothing_is_counted()
    {
        var model = Model();
        model.Policy = new Policy { StabilityCost = StabilityCost };
        var plan = Plan();
        plan.Kpis = new Kpis();

        var report = PlanVerifier.Verify(model, plan, Total);

        Assertions.Valid(report);
        Assert.Equal(0, report.Costs.Stability);
    }
}
