using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Tests;

/// <summary>Small hand-built models for tests; each call returns a fresh, valid copy.</summary>
internal static class TestModels
{
    public static readonly DateTime Start = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc); // a Monday

    public static Timestamp At(DateTime t) => Timestamp.FromDateTime(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    public static Timestamp Day(double days) => At(Start.AddDays(days));

    public static Duration Hours(double h) => Duration.FromTimeSpan(TimeSpan.FromHours(h));

    /// <summary>
    /// One site, two lines, products A and B (family "plain") and C (family "allergen"),
    /// intermediate I made on L1 into tank T and consumed by C; material M; 7 DAY buckets.
    /// </summary>
    public static PlanningModel Small()
    {
        var m = new PlanningModel
        {
            Name = "small",
            Horizon = new Horizon { Start = At(Start), Bands = { new ResolutionBand { Granularity = Granularity.Day, Count = 7 } } },
            Sites = { new Site { Id = "S1" } },
            Lines =
            {
                new Line { Id = "L1", SiteId = "S1", InitialProductId = "A" },
                new Line { Id = "L2", SiteId = "S1", Calendar = new Calendar { HoursPerDay = 16, ShiftStart = Hours(6) } },
            },
            Products =
            {
                new Product { Id = "A", Family = "plain", HoldingCost = 0.1, BacklogCost = 1 },
                new Product { Id = "B", Family = "plain", HoldingCost = 0.1, BacklogCost = 1 },
                new Product { Id = "C", Family = "allergen", HoldingCost = 0.1, BacklogCost = 1 },
                new Product { Id = "I", Intermediate = true },
            },
            Materials = { new Material { Id = "M", Purchasable = true, PurchaseCost = 2, LeadTime = Hours(48) } },
            Recipes =
            {
                new Recipe { Id = "RA", ProductId = "A", LineId = "L1", Rate = 100, Inputs = { new RecipeInput { MaterialId = "M", QuantityPerUnit = 1 } } },
                new Recipe { Id = "RB", ProductId = "B", LineId = "L1", Rate = 80, Yield = 0.8 },
                new Recipe { Id = "RI", ProductId = "I", LineId = "L1", Rate = 50, OutputTankId = "T" },
                new Recipe { Id = "RC", ProductId = "C", LineId = "L2", Rate = 40, InputTankId = "T", AssetIds = { "CIP" },
                    Inputs = { new RecipeInput { ProductId = "I", QuantityPerUnit = 0.5 } } },
            },
            Changeovers =
            {
                new Changeover { Hours = 1, Cost = 10 },
                new Changeover { FromFamily = "allergen", ToFamily = "plain", Forbidden = true },
                new Changeover { LineId = "L1", FromProductId = "A", ToProductId = "B", Hours = 0.5, Cost = 5, AssetIds = { "CIP" } },
            },
            Supplies = { new Supply { MaterialId = "M", SiteId = "S1", Quantity = 500, Arrival = Day(2) } },
            Tanks = { new Tank { Id = "T", SiteId = "S1", Capacity = 1000, AllowedProductIds = { "I" }, InitialProductId = "I", InitialLevel = 200 } },
            SharedAssets = { new SharedAsset { Id = "CIP", SiteId = "S1", Capacity = 1 } },
            InitialInventory = { new InitialInventory { SiteId = "S1", ProductId = "A", Quantity = 50, Backlog = 5 } },
            Forecasts = { new Forecast { ProductId = "A", SiteId = "S1", Start = Day(0), End = Day(7), Quantity = 700 } },
            Orders = { new Order { Id = "O1", ProductId = "B", SiteId = "S1", Quantity = 120, Due = Day(3.5), Customer = "acme" } },
            FrozenRuns = { new FrozenRun { LineId = "L1", ProductId = "A", Start = Day(0), End = At(Start.AddHours(4)), Quantity = 400 } },
        };
        return m;
    }
}
