using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using Duration = Google.Protobuf.WellKnownTypes.Duration;

namespace SolverEngine.Core.Tests.Verification;

/// <summary>
/// A small model with every rule family (2 sites, 2 lines, 3 products, 3 DAY buckets, a lane, a
/// purchasable material with a supply, forecasts, orders of BACKLOG and LOST_SALES products, a
/// frozen run) and a hand-made plan that is valid against it. Every call returns fresh objects,
/// so a test can break exactly one rule.
/// </summary>
/// <remarks>
/// Horizon Mon 2026-01-05 00:00 UTC, 3 DAY buckets; frozen 4 h, slushy 2 days.
/// L1 (site S1): 06:00-22:00 every day, initially set up for P1, at most 2 lots per bucket.
/// L2 (site S1): round the clock, clean, down 2026-01-06 00:00-04:00 (its day-1 run starts at 04:00).
/// The plan's cost, by hand:
/// production 200x1 + 160x2 + 160x2 + 200x1 + 120x0.5 + 80x0.5 = 1140;
/// changeover 100 (P1 -> P2, light -> dark) + 150 (P2 -> P1 on L1) = 250;
/// holding P1@S1 (200+50+250)x0.1 + P1@S2 150x0.1 + P2@S1 (60+140+20)x0.2 + P3@S1 (40+90+90)x0.05
///   + M1@S1 (180+200+100)x0.01 = 50 + 15 + 44 + 11 + 4.8 = 124.8;
/// backlog P2 20 in bucket 1 x 0.5 = 10; lost sales P3 20 (order O3 short) x 3 = 60;
/// transport 150 x 0.5 = 75; purchasing 100 x 2 = 200; safety stock P2 (50 - 20) x 1 = 30;
/// total 1889.8.
/// </remarks>
internal static class SamplePlan
{
    public const double Total = 1889.8;

    public static readonly DateTime Start = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Timestamp at day d (0 = horizon start) and hour h.</summary>
    public static Timestamp At(int day, double hour) => Timestamp.FromDateTime(Start.AddDays(day).AddHours(hour));

    public static Duration Hours(double h) => Duration.FromTimeSpan(TimeSpan.FromHours(h));

    public static PlanningModel Model() => new()
    {
        Name = "verifier-sample",
        Horizon = new Horizon
        {
            Start = At(0, 0),
            Bands = { new ResolutionBand { Granularity = Granularity.Day, Count = 3 } },
            Frozen = Hours(4),
            Slushy = Hours(48),
        },
        Sites =
        {
            new Site { Id = "S1", Name = "Plant", WarehouseCapacity = 1000 },
            new Site { Id = "S2", Name = "DC" },
        },
        Lines =
        {
            new Line
            {
                Id = "L1", SiteId = "S1", InitialProductId = "P1", MaxRunsPerBucket = 2,
                Calendar = new Calendar { HoursPerDay = 16, ShiftStart = Hours(6) },
            },
            new Line
            {
                Id = "L2", SiteId = "S1",
                Calendar = new Calendar { Downtimes = { new Downtime { Start = At(1, 0), End = At(1, 4), Reason = "maintenance" } } },
            },
        },
        Products =
        {
            new Product { Id = "P1", Family = "light", HoldingCost = 0.1, BacklogCost = 1, LostSaleCost = 5 },
            new Product { Id = "P2", Family = "dark", HoldingCost = 0.2, BacklogCost = 0.5, LostSaleCost = 4, SafetyStock = 50, SafetyStockCost = 1 },
            new Product { Id = "P3", HoldingCost = 0.05, LostSaleCost = 3, DemandPolicy = DemandPolicy.LostSales },
        },
        Recipes =
        {
            new Recipe
            {
                Id = "R1", ProductId = "P1", LineId = "L1", Rate = 100, MinRunQuantity = 200, BatchSize = 50, VariableCost = 1,
                Inputs = { new RecipeInput { MaterialId = "M1", QuantityPerUnit = 0.5 } },
            },
            new Recipe { Id = "R2", ProductId = "P2", LineId = "L1", Rate = 50, Yield = 0.8, VariableCost = 2 },
            new Recipe
            {
                Id = "R3", ProductId = "P3", LineId = "L2", Rate = 40, VariableCost = 0.5,
                Inputs = { new RecipeInput { MaterialId = "M1", QuantityPerUnit = 1 } },
            },
        },
        Changeovers =
        {
            new Changeover { FromFamily = "light", ToFamily = "dark", Hours = 2, Cost = 100 },
            // Dark to light is forbidden on all lines, except that L1 has its own, more specific rule.
            new Changeover { FromFamily = "dark", ToFamily = "light", Forbidden = true },
            new Changeover { LineId = "L1", FromProductId = "P2", ToProductId = "P1", Hours = 3, Cost = 150 },
        },
        Materials =
        {
            new Material
            {
                Id = "M1", Purchasable = true, PurchaseCost = 2, LeadTime = Hours(24), HoldingCost = 0.01, MaxPurchasePerDay = 500,
            },
        },
        Supplies = { new Supply { MaterialId = "M1", SiteId = "S1", Quantity = 300, Arrival = At(0, 0) } },
        Lanes =
        {
            new Lane
            {
                Id = "LN1", FromSiteId = "S1", ToSiteId = "S2", LeadTime = Hours(12), CostPerUnit = 0.5, CapacityPerDay = 300,
                ProductIds = { "P1", "P2" },
            },
        },
        InitialInventory = { new InitialInventory { SiteId = "S1", MaterialId = "M1", Quantity = 100 } },
        Forecasts = { new Forecast { ProductId = "P2", SiteId = "S1", Start = At(0, 0), End = At(3, 0), Quantity = 300 } },
        Orders =
        {
            new Order { Id = "O1", ProductId = "P1", SiteId = "S2", Quantity = 150, Due = At(2, 12) },
            new Order { Id = "O2", ProductId = "P3", SiteId = "S1", Quantity = 80, Due = At(0, 18) },
            new Order { Id = "O3", ProductId = "P3", SiteId = "S1", Quantity = 50, Due = At(1, 10) },
        },
        FrozenRuns =
        {
            new FrozenRun { LineId = "L2", ProductId = "P3", Start = At(0, 0), End = At(0, 3), Quantity = 120, RecipeId = "R3" },
        },
    };

    /// <summary>Indices of the plan's runs, deliveries and inventory levels, for tests that change one.</summary>
    public const int R0P1 = 0, R1P2 = 1, R2P2 = 2, R3P1 = 3, R4Frozen = 4, R5P3 = 5;

    public const int D0Forecast = 0, D1Forecast = 1, D2Forecast = 2, D3O2 = 3, D4O3 = 4, D5O1 = 5;

    public static Plan Plan() => new()
    {
        Buckets =
        {
            new Bucket { Index = 0, Start = At(0, 0), End = At(1, 0), Granularity = "DAY", Fence = "FROZEN" },
            new Bucket { Index = 1, Start = At(1, 0), End = At(2, 0), Granularity = "DAY", Fence = "SLUSHY" },
            new Bucket { Index = 2, Start = At(2, 0), End = At(3, 0), Granularity = "DAY", Fence = "LIQUID" },
        },
        Runs =
        {
            Run("L1", "P1", "R1", 0, 6, 0, 8, 200, 0),
            Run("L1", "P2", "R2", 0, 10, 0, 14, 160, 0, new ChangeoverInfo { FromProductId = "P1", Hours = 2, Cost = 100, Start = At(0, 8), End = At(0, 10) }),
            Run("L1", "P2", "R2", 1, 6, 1, 10, 160, 1),
            Run("L1", "P1", "R1", 2, 9, 2, 11, 200, 2, new ChangeoverInfo { FromProductId = "P2", Hours = 3, Cost = 150, Start = At(2, 6), End = At(2, 9) }),
            Run("L2", "P3", "R3", 0, 0, 0, 3, 120, 0, frozen: true),
            Run("L2", "P3", "R3", 1, 4, 1, 6, 80, 1), // right after the downtime (a timed run lies in working time)
        },
        BucketQuantities =
        {
            new BucketQuantity { RecipeId = "R1", LineId = "L1", ProductId = "P1", BucketIndex = 0, Quantity = 200 },
            new BucketQuantity { RecipeId = "R2", LineId = "L1", ProductId = "P2", BucketIndex = 0, Quantity = 160 },
            new BucketQuantity { RecipeId = "R3", LineId = "L2", ProductId = "P3", BucketIndex = 0, Quantity = 120 },
            new BucketQuantity { RecipeId = "R2", LineId = "L1", ProductId = "P2", BucketIndex = 1, Quantity = 160 },
            new BucketQuantity { RecipeId = "R3", LineId = "L2", ProductId = "P3", BucketIndex = 1, Quantity = 80 },
            new BucketQuantity { RecipeId = "R1", LineId = "L1", ProductId = "P1", BucketIndex = 2, Quantity = 200 },
        },
        Transfers = { new Transfer { LaneId = "LN1", ProductId = "P1", Quantity = 150, Departure = At(1, 8), Arrival = At(1, 20) } },
        Purchases = { new Purchase { MaterialId = "M1", SiteId = "S1", Quantity = 100, OrderTime = At(0, 12), Arrival = At(1, 12) } },
        Deliveries =
        {
            Delivery("", "P2", "S1", 100, 0, 20),
            Delivery("", "P2", "S1", 80, 1, 20),
            Delivery("", "P2", "S1", 120, 2, 20),
            Delivery("O2", "P3", "S1", 80, 0, 18),
            Delivery("O3", "P3", "S1", 30, 1, 10),
            Delivery("O1", "P1", "S2", 150, 2, 12),
        },
        Inventory =
        {
            Level("S1", "P1", null, 200, 50, 250),
            Level("S2", "P1", null, 0, 150, 0),
            Level("S1", "P2", null, 60, 140, 20, backlog: [0, 20, 0]),
            Level("S1", "P3", null, 40, 90, 90),
            Level("S1", null, "M1", 180, 200, 100),
        },
        Objective = Total,
    };

    public static Run Run(string line, string product, string recipe, int startDay, double startHour, int endDay, double endHour,
        double quantity, uint bucket, ChangeoverInfo? changeover = null, bool frozen = false) => new()
    {
        LineId = line, ProductId = product, RecipeId = recipe, Start = At(startDay, startHour), End = At(endDay, endHour),
        Quantity = quantity, BucketIndex = bucket, Changeover = changeover, Frozen = frozen,
    };

    public static Delivery Delivery(string order, string product, string site, double quantity, int day, double hour) => new()
    {
        OrderId = order, ProductId = product, SiteId = site, Quantity = quantity, Time = At(day, hour), BucketIndex = (uint)day,
        Lateness = Hours(0),
    };

    private static IEnumerable<InventoryLevel> Level(string site, string? product, string? material, double b0, double b1, double b2, double[]? backlog = null)
    {
        double[] q = [b0, b1, b2];
        for (var b = 0; b < 3; b++)
        {
            yield return new InventoryLevel
            {
                SiteId = site, ProductId = product ?? "", MaterialId = material ?? "", BucketIndex = (uint)b, Quantity = q[b],
                Backlog = backlog?[b] ?? 0,
            };
        }
    }

    /// <summary>The plan without reported inventory levels and bucket quantities: for tests that change
    /// a flow or a run, so that only the rule they break is reported and not the stale aggregates as well.</summary>
    public static Plan PlanWithoutLevels()
    {
        var plan = Plan();
        plan.Inventory.Clear();
        plan.BucketQuantities.Clear();
        return plan;
    }
}
