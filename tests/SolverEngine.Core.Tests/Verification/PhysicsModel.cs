using SolverEngine.Contracts.V1;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

/// <summary>
/// Small models for the process-physics rules, from <see cref="SamplePlan.Start"/> (a Monday), one
/// site S, all lines round the clock, no demand.
/// <list type="bullet">
/// <item><see cref="Assets"/>: lines L1 and L2 making A and B at 10 units/hour; recipes of A list the
/// shared asset K (capacity 1); the changeover A -> B on any line takes 1 h, costs 5 and uses K.</item>
/// <item><see cref="Tanks"/>: line MIX makes intermediates I1, I2 at 20/hour into tank T (capacity 100,
/// clean 2 h, initially empty and holding nothing); line PACK makes F1 from I1 and F2 from I2 at
/// 10/hour (1 unit each), drawing from T, plus 1 bag (material BAG, 100 in stock) from site stock.</item>
/// </list>
/// </summary>
internal static class PhysicsModel
{
    public static PlanningModel Assets(int days = 1, Granularity granularity = Granularity.Day) => new()
    {
        Name = "assets",
        Horizon = new Horizon { Start = At(0, 0), Bands = { new ResolutionBand { Granularity = granularity, Count = (uint)days } } },
        Sites = { new Site { Id = "S" } },
        Lines = { new Line { Id = "L1", SiteId = "S" }, new Line { Id = "L2", SiteId = "S" } },
        Products = { new Product { Id = "A" }, new Product { Id = "B" } },
        Recipes =
        {
            new Recipe { Id = "L1-A", ProductId = "A", LineId = "L1", Rate = 10, AssetIds = { "K" } },
            new Recipe { Id = "L1-B", ProductId = "B", LineId = "L1", Rate = 10 },
            new Recipe { Id = "L2-A", ProductId = "A", LineId = "L2", Rate = 10, AssetIds = { "K" } },
            new Recipe { Id = "L2-B", ProductId = "B", LineId = "L2", Rate = 10 },
        },
        Changeovers = { new Changeover { FromProductId = "A", ToProductId = "B", Hours = 1, Cost = 5, AssetIds = { "K" } } },
        SharedAssets = { new SharedAsset { Id = "K", SiteId = "S", Name = "CIP skid" } },
    };

    public static PlanningModel Tanks(int days = 1, Granularity granularity = Granularity.Day) => new()
    {
        Name = "tanks",
        Horizon = new Horizon { Start = At(0, 0), Bands = { new ResolutionBand { Granularity = granularity, Count = (uint)days } } },
        Sites = { new Site { Id = "S" } },
        Lines = { new Line { Id = "MIX", SiteId = "S" }, new Line { Id = "PACK", SiteId = "S" } },
        Products =
        {
            new Product { Id = "I1", Intermediate = true }, new Product { Id = "I2", Intermediate = true },
            new Product { Id = "F1" }, new Product { Id = "F2" },
        },
        Recipes =
        {
            new Recipe { Id = "MIX-I1", ProductId = "I1", LineId = "MIX", Rate = 20, OutputTankId = "T" },
            new Recipe { Id = "MIX-I2", ProductId = "I2", LineId = "MIX", Rate = 20, OutputTankId = "T" },
            new Recipe
            {
                Id = "PACK-F1", ProductId = "F1", LineId = "PACK", Rate = 10, InputTankId = "T",
                Inputs = { new RecipeInput { ProductId = "I1", QuantityPerUnit = 1 }, new RecipeInput { MaterialId = "BAG", QuantityPerUnit = 1 } },
            },
            new Recipe
            {
                Id = "PACK-F2", ProductId = "F2", LineId = "PACK", Rate = 10, InputTankId = "T",
                Inputs = { new RecipeInput { ProductId = "I2", QuantityPerUnit = 1 }, new RecipeInput { MaterialId = "BAG", QuantityPerUnit = 1 } },
            },
        },
        Materials = { new Material { Id = "BAG" } },
        InitialInventory = { new InitialInventory { SiteId = "S", MaterialId = "BAG", Quantity = 100 } },
        Tanks = { new Tank { Id = "T", SiteId = "S", Capacity = 100, CleanHours = 2 } },
    };

    /// <summary>A plan with the model's bucket grid (all LIQUID unless the model has fences) and the given runs.</summary>
    public static Plan PlanFor(PlanningModel model, params Run[] runs)
    {
        var plan = new Plan();
        var t = model.Horizon.Start.ToDateTime();
        var frozenEnd = t + (model.Horizon.Frozen?.ToTimeSpan() ?? TimeSpan.Zero);
        var slushyEnd = t + (model.Horizon.Slushy?.ToTimeSpan() ?? TimeSpan.Zero);
        foreach (var band in model.Horizon.Bands)
        {
            for (var i = 0; i < band.Count; i++)
            {
                var end = band.Granularity == Granularity.Day ? t.AddDays(1) : band.Granularity == Granularity.Week ? t.AddDays(7) : t.AddMonths(1);
                plan.Buckets.Add(new Bucket
                {
                    Index = (uint)plan.Buckets.Count,
                    Start = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(t),
                    End = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(end),
                    Granularity = band.Granularity.ToString().ToUpperInvariant(),
                    Fence = t < frozenEnd ? "FROZEN" : t < slushyEnd ? "SLUSHY" : "LIQUID",
                });
                t = end;
            }
        }

        plan.Runs.Add(runs);
        return plan;
    }

    /// <summary>A run on a line of these models, in the DAY bucket of its start day (bucket 0 for WEEK models: pass bucket).</summary>
    public static Run R(string line, string product, int day, double fromHour, double toHour, double quantity, ChangeoverInfo? changeover = null, uint? bucket = null) =>
        Run(line, product, $"{line}-{product}", day, fromHour, day, toHour, quantity, bucket ?? (uint)day, changeover);

    /// <summary>The A -> B changeover (1 h, cost 5) at [day + fromHour, + 1 h).</summary>
    public static ChangeoverInfo AtoB(int day, double fromHour) =>
        new() { FromProductId = "A", Hours = 1, Cost = 5, Start = At(day, fromHour), End = At(day, fromHour + 1) };
}
