using SolverEngine.Contracts.V1;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests;

/// <summary>Hand-built models shared by several tests; each call returns a fresh copy.</summary>
internal static class ExampleModels
{
    /// <summary>
    /// One site, two lines (one on a 16 h shift), A and B (family "plain"), C ("allergen") made
    /// from intermediate I, material M with a supply and purchases, initial stock and backlog,
    /// a forecast, an order, a frozen run, and changeover rules with a forbidden family switch.
    /// </summary>
    public static PlanningModel Small() => new()
    {
        Name = "small",
        Horizon = Days(7),
        Sites = { new Site { Id = "S1" } },
        Lines =
        {
            new Line { Id = "L1", SiteId = "S1", InitialProductId = "A" },
            new Line { Id = "L2", SiteId = "S1", Calendar = new Calendar { HoursPerDay = 16, ShiftStart = Hours(6) } },
        },
        Products =
        {
            new Product { Id = "A", Family = "plain", HoldingCost = 0.1, BacklogCost = 1, LostSaleCost = 5 },
            new Product { Id = "B", Family = "plain", HoldingCost = 0.1, BacklogCost = 1, LostSaleCost = 5 },
            new Product { Id = "C", Family = "allergen", HoldingCost = 0.1, BacklogCost = 1, LostSaleCost = 5 },
            new Product { Id = "I", Intermediate = true },
        },
        Materials = { new Material { Id = "M", Purchasable = true, PurchaseCost = 2, LeadTime = Hours(48), MaxPurchasePerDay = 300 } },
        Recipes =
        {
            new Recipe { Id = "RA", ProductId = "A", LineId = "L1", Rate = 100, Inputs = { new RecipeInput { MaterialId = "M", QuantityPerUnit = 1 } } },
            new Recipe { Id = "RB", ProductId = "B", LineId = "L1", Rate = 80, Yield = 0.8 },
            new Recipe { Id = "RI", ProductId = "I", LineId = "L1", Rate = 50 },
            new Recipe { Id = "RC", ProductId = "C", LineId = "L2", Rate = 40, Inputs = { new RecipeInput { ProductId = "I", QuantityPerUnit = 0.5 } } },
        },
        Changeovers =
        {
            new Changeover { Hours = 1, Cost = 10 },
            new Changeover { FromFamily = "allergen", ToFamily = "plain", Forbidden = true },
            new Changeover { LineId = "L1", FromProductId = "A", ToProductId = "B", Hours = 0.5, Cost = 5 },
        },
        Supplies = { new Supply { MaterialId = "M", SiteId = "S1", Quantity = 500, Arrival = Day(2) } },
        InitialInventory = { new InitialInventory { SiteId = "S1", ProductId = "A", Quantity = 50, Backlog = 5 }, new InitialInventory { SiteId = "S1", MaterialId = "M", Quantity = 450 } },
        Forecasts =
        {
            new Forecast { ProductId = "A", SiteId = "S1", Start = Day(0), End = Day(7), Quantity = 700 },
            new Forecast { ProductId = "C", SiteId = "S1", Start = Day(0), End = Day(7), Quantity = 1400 },
        },
        Orders = { new Order { Id = "O1", ProductId = "B", SiteId = "S1", Quantity = 120, Due = Day(3.5), Customer = "acme" } },
        FrozenRuns = { new FrozenRun { LineId = "L1", ProductId = "A", Start = Day(0), End = At(Start.AddHours(4)), Quantity = 400 } },
    };

    /// <summary>Two sites joined by a lane with lead time and capacity; demand only at the second.</summary>
    public static PlanningModel TwoSites() => new()
    {
        Name = "two-sites",
        Horizon = new Horizon { Start = At(Start), Bands = { new ResolutionBand { Granularity = Granularity.Day, Count = 7 }, new ResolutionBand { Granularity = Granularity.Week, Count = 3 } } },
        Sites = { new Site { Id = "P" }, new Site { Id = "D", WarehouseCapacity = 5000 } },
        Lines = { new Line { Id = "L", SiteId = "P", Calendar = new Calendar { HoursPerDay = 8, ShiftStart = Hours(6), Downtimes = { new Downtime { Start = Day(3), End = Day(4), Reason = "maintenance" } } } } },
        Products =
        {
            new Product { Id = "X", HoldingCost = 0.05, BacklogCost = 2, LostSaleCost = 20, SafetyStock = 50, SafetyStockCost = 0.5, UnitValue = 3, Price = 10 },
            new Product { Id = "Y", HoldingCost = 0.05, LostSaleCost = 15, DemandPolicy = DemandPolicy.LostSales, Price = 8 },
        },
        Recipes =
        {
            new Recipe { Id = "RX", ProductId = "X", LineId = "L", Rate = 60, VariableCost = 1, MinRunQuantity = 100 },
            new Recipe { Id = "RY", ProductId = "Y", LineId = "L", Rate = 40, VariableCost = 1.5, BatchSize = 20 },
        },
        Changeovers = { new Changeover { Hours = 2, Cost = 30 } },
        Lanes = { new Lane { Id = "PD", FromSiteId = "P", ToSiteId = "D", LeadTime = Hours(36), CostPerUnit = 0.2, CapacityPerDay = 400 } },
        Forecasts =
        {
            new Forecast { ProductId = "X", SiteId = "D", Start = Day(0), End = Day(28), Quantity = 5600 },
            new Forecast { ProductId = "Y", SiteId = "D", Start = Day(2), End = Day(28), Quantity = 2600 },
        },
        Orders =
        {
            new Order { Id = "O1", Customer = "c1", ProductId = "X", SiteId = "D", Quantity = 900, Due = Day(4.5), Priority = 2 },
            new Order { Id = "O2", Customer = "c2", ProductId = "Y", SiteId = "D", Quantity = 300, Due = Day(10) },
        },
    };
}
