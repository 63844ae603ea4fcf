using SolverEngine.Contracts.V1;
using static SolverEngine.Planning.Tests.TestSupport;
using SolveStatus = SolverEngine.Contracts.V1.SolveStatus;

namespace SolverEngine.Planning.Tests;

/// <summary>Tiny models with objectives worked out by hand: each checks one objective term or constraint family.</summary>
public class TinyModelTests
{
    private static PlanningModel OneLine(int buckets = 1) => new()
    {
        Name = "tiny",
        Horizon = Days(buckets),
        Sites = { new Site { Id = "S" } },
        Lines = { new Line { Id = "L", SiteId = "S" } },
        Products = { new Product { Id = "A", LostSaleCost = 10 } },
        Recipes = { new Recipe { Id = "RA", ProductId = "A", LineId = "L", Rate = 10, VariableCost = 2 } },
    };

    [Fact]
    public void Production_cost_of_meeting_demand()
    {
        var m = OneLine();
        m.Orders.Add(new Order { Id = "O", ProductId = "A", SiteId = "S", Quantity = 100, Due = Day(0.5) });
        var r = SolveVerified(m);
        Assert.Equal(SolveStatus.Optimal, r.Status);
        Assert.Equal(200, r.Objective, 6);
        Assert.Equal(1.0, r.Plan.Kpis.OnTimeInFull);
        Assert.Single(r.Plan.Runs);
        Assert.Equal(100, r.Plan.Runs[0].Quantity, 6);
    }
}
