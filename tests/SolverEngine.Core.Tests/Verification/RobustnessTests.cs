using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class RobustnessTests
{
    /// <summary>
    /// Any plan, however broken, gets a report and not an exception: the verifier is what a caller
    /// runs on plans it does not trust. Each seed breaks the sample plan in several random ways.
    /// </summary>
    [Fact]
    public void Randomly_broken_plans_get_a_report_not_an_exception()
    {
        for (var seed = 0; seed < 150; seed++)
        {
            var random = new Random(seed);
            var plan = Plan();
            for (var k = 0; k < 1 + random.Next(4); k++)
            {
                Break(plan, random);
            }

            var report = PlanVerifier.Verify(Model(), plan, random.NextDouble() * 3000);
            var again = PlanVerifier.Verify(Model(), plan, report.ReportedObjective);

            Assert.True(double.IsFinite(report.Costs.Total), $"seed {seed}");
            Assert.Equal(report.Violations, again.Violations);
            Assert.All(report.Violations, v => Assert.Contains(v.Code, ViolationCodes.All));
        }
    }

    /// <summary>
    /// The same for the process-physics checks: a plan with tank flows, shared-asset occupations,
    /// changeovers and a previous plan, with run times shifted, dropped, emptied or reversed.
    /// </summary>
    [Fact]
    public void Randomly_broken_physics_plans_get_a_report_not_an_exception()
    {
        var model = PhysicsModel.Tanks(2);
        model.SharedAssets.Add(new SharedAsset { Id = "K", SiteId = "S", Capacity = 1, Calendar = new Calendar { HoursPerDay = 12 } });
        model.Recipes[0].AssetIds.Add("K");
        model.Recipes[2].AssetIds.Add("K");
        model.Changeovers.Add(new Changeover { FromProductId = "I1", ToProductId = "I2", Hours = 1, AssetIds = { "K" } });
        model.Tanks[0].AllowedProductIds.Add("I1");
        model.Horizon.Slushy = Hours(48);
        model.Policy = new Policy { StabilityCost = 3 };
        Plan Base() => PhysicsModel.PlanFor(model, PhysicsModel.R("MIX", "I1", 0, 0, 4, 80), PhysicsModel.R("PACK", "F1", 0, 4, 12, 80),
            PhysicsModel.R("MIX", "I2", 1, 1, 3, 40, new ChangeoverInfo { FromProductId = "I1", Hours = 1, Start = At(1, 0), End = At(1, 1) }));
        model.PreviousPlan = Base();
        for (var seed = 0; seed < 150; seed++)
        {
            var random = new Random(seed);
            var plan = Base();
            plan.Kpis = new Kpis { Stability = new PlanStability { RunsMoved = (uint)random.Next(3) } };
            for (var k = 0; k < 1 + random.Next(4); k++)
            {
                var run = plan.Runs[random.Next(plan.Runs.Count)];
                switch (random.Next(5))
                {
                    case 0: run.Start = Timestamp.FromDateTime(run.Start.ToDateTime().AddHours(random.Next(-30, 31))); break;
                    case 1: run.End = random.Next(3) == 0 ? null : Timestamp.FromDateTime((run.End ?? run.Start).ToDateTime().AddHours(random.Next(-30, 31))); break;
                    case 2: run.End = run.Start.Clone(); break;
                    case 3: run.Quantity = random.Next(-50, 400); break;
                    default: run.Changeover = new ChangeoverInfo { FromProductId = "I1", Hours = 1, Start = run.End, End = run.Start }; break;
                }
            }

            var report = PlanVerifier.Verify(model, plan);
            var again = PlanVerifier.Verify(model, plan);

            Assert.True(double.IsFinite(report.Costs.Total), $"seed {seed}");
            Assert.Equal(report.Violations, again.Violations);
            Assert.All(report.Violations, v => Assert.Contains(v.Code, ViolationCodes.All));
        }
    }

    private static void Break(Plan plan, Random random)
    {
        Timestamp Shift(Timestamp? t) => t is null ? At(0, 0) : Timestamp.FromDateTime(t.ToDateTime().AddHours(random.Next(-30, 31)));
        switch (random.Next(10))
        {
            case 0 when plan.Runs.Count > 0:
                plan.Runs.RemoveAt(random.Next(plan.Runs.Count));
                break;
            case 1 when plan.Runs.Count > 0:
                var run = plan.Runs[random.Next(plan.Runs.Count)];
                run.Start = Shift(run.Start);
                run.End = random.Next(4) == 0 ? null : Shift(run.End);
                break;
            case 2 when plan.Runs.Count > 0:
                plan.Runs[random.Next(plan.Runs.Count)].Quantity = random.Next(-50, 400);
                break;
            case 3 when plan.Runs.Count > 0:
                var r = plan.Runs[random.Next(plan.Runs.Count)];
                (r.LineId, r.ProductId, r.RecipeId) = random.Next(3) switch { 0 => ("L2", r.ProductId, r.RecipeId), 1 => (r.LineId, "P2", ""), _ => (r.LineId, r.ProductId, "X") };
                break;
            case 4 when plan.Deliveries.Count > 0:
                var d = plan.Deliveries[random.Next(plan.Deliveries.Count)];
                d.Time = Shift(d.Time);
                d.OrderId = random.Next(2) == 0 ? "O1" : d.OrderId;
                d.SiteId = random.Next(3) == 0 ? "" : d.SiteId;
                break;
            case 5:
                plan.Transfers.Add(new Transfer { LaneId = "LN1", ProductId = "P2", Quantity = random.Next(500), Departure = Shift(At(1, 0)) });
                break;
            case 6:
                plan.Purchases.Add(new Purchase { MaterialId = random.Next(2) == 0 ? "M1" : "MX", SiteId = "S2", Quantity = random.Next(900), OrderTime = Shift(At(1, 0)) });
                break;
            case 7 when plan.Buckets.Count > 0:
                plan.Buckets.RemoveAt(random.Next(plan.Buckets.Count));
                break;
            case 8 when plan.Runs.Count > 0:
                plan.Runs[random.Next(plan.Runs.Count)].Changeover = new ChangeoverInfo { FromProductId = "P3", Hours = -1, Start = Shift(null), End = Shift(null) };
                break;
            default:
                plan.Inventory.Add(new InventoryLevel { SiteId = "S2", ProductId = "P3", BucketIndex = (uint)random.Next(5), Quantity = random.Next(10) });
                break;
        }
    }
}
