using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Validation;
using static SolverEngine.Core.Tests.TestModels;
using Severity = SolverEngine.Contracts.V1.ValidationIssue.Types.Severity;

namespace SolverEngine.Core.Tests.Validation;

/// <summary>One test per validation rule: a valid model with one defect, and the issue it must raise.</summary>
public sealed class ModelValidatorTests : ValidatorTestBase
{
    [Fact]
    public void Valid_model_has_no_issues_and_a_summary()
    {
        var report = ModelValidator.Validate(Small());
        Assert.True(report.Valid, string.Join("\n", report.Issues.Select(i => i.Path + ": " + i.Message)));
        Assert.Empty(report.Issues);
        Assert.Equal(1u, report.Summary.Sites);
        Assert.Equal(2u, report.Summary.Lines);
        Assert.Equal(4u, report.Summary.Products);
        Assert.Equal(4u, report.Summary.Recipes);
        Assert.Equal(7u, report.Summary.Buckets);
        Assert.Equal(1u, report.Summary.Orders);
        Assert.Equal(Start, report.Summary.HorizonStart.ToDateTime());
        Assert.Equal(Start.AddDays(7), report.Summary.HorizonEnd.ToDateTime());
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        var m = Small();
        m.Recipes[0].Rate = -5;
        m.Recipes[1].Yield = 1.5;
        m.Lines[0].SiteId = "NOPE";
        var report = ModelValidator.Validate(m);
        Assert.False(report.Valid);
        Assert.Contains(report.Issues, i => i.Path == "recipes[0].rate");
        Assert.Contains(report.Issues, i => i.Path == "recipes[1].yield");
        Assert.Contains(report.Issues, i => i.Path == "lines[0].site_id");
    }

    // ---- horizon ----

    [Fact]
    public void Missing_horizon()
    {
        var m = Small();
        m.Horizon = null;
        AssertIssue(m, ValidationCodes.MissingHorizon, "horizon");
    }

    [Fact]
    public void Missing_horizon_start()
    {
        var m = Small();
        m.Horizon.Start = null;
        AssertIssue(m, ValidationCodes.MissingHorizonStart, "horizon.start");
    }

    [Fact]
    public void Horizon_without_bands_has_no_buckets()
    {
        var m = Small();
        m.Horizon.Bands.Clear();
        AssertIssue(m, ValidationCodes.NoBuckets, "horizon.bands");
    }

    [Fact]
    public void Band_with_count_zero()
    {
        var m = Small();
        m.Horizon.Bands.Add(new ResolutionBand { Granularity = Granularity.Week, Count = 0 });
        AssertIssue(m, ValidationCodes.EmptyBand, "horizon.bands[1].count");
    }

    [Fact]
    public void Band_without_granularity()
    {
        var m = Small();
        m.Horizon.Bands[0].Granularity = Granularity.Unspecified;
        AssertIssue(m, ValidationCodes.UnspecifiedGranularity, "horizon.bands[0].granularity");
    }

    [Fact]
    public void Band_with_undefined_granularity_value()
    {
        var m = Small();
        m.Horizon.Bands[0].Granularity = (Granularity)9;
        AssertIssue(m, ValidationCodes.InvalidEnum, "horizon.bands[0].granularity");
    }

    [Fact]
    public void Too_many_buckets()
    {
        var m = Small();
        m.Horizon.Bands[0].Count = 2_000_000;
        AssertIssue(m, ValidationCodes.HorizonTooLong, "horizon.bands");
    }

    [Fact]
    public void Slushy_before_frozen()
    {
        var m = Small();
        m.Horizon.Frozen = Hours(48);
        m.Horizon.Slushy = Hours(24);
        var issue = AssertIssue(m, ValidationCodes.SlushyBeforeFrozen, "horizon.slushy");
        Assert.Contains("24h", issue.Message);
        Assert.Contains("48h", issue.Message);
    }

    [Fact]
    public void Negative_frozen_fence()
    {
        var m = Small();
        m.Horizon.Frozen = Duration.FromTimeSpan(TimeSpan.FromHours(-1));
        AssertIssue(m, ValidationCodes.NegativeValue, "horizon.frozen");
    }

    [Fact]
    public void Frozen_fence_beyond_horizon_is_a_warning()
    {
        var m = Small();
        m.Horizon.Frozen = Hours(24 * 30);
        AssertIssue(m, ValidationCodes.FenceBeyondHorizon, "horizon.frozen", Severity.Warning);
    }

    [Fact]
    public void Malformed_timestamp()
    {
        var m = Small();
        m.Orders[0].Due = new Timestamp { Seconds = 1, Nanos = -5 };
        AssertIssue(m, ValidationCodes.InvalidTime, "orders[0].due");
    }

    // ---- ids ----

    [Theory]
    [InlineData("sites")]
    [InlineData("lines")]
    [InlineData("products")]
    [InlineData("materials")]
    [InlineData("recipes")]
    [InlineData("tanks")]
    [InlineData("shared_assets")]
    [InlineData("lanes")]
    [InlineData("orders")]
    public void Empty_id_in_every_collection(string collection)
    {
        var m = Small();
        m.Lanes.Add(new Lane { Id = "LN", FromSiteId = "S1", ToSiteId = "S2" });
        m.Sites.Add(new Site { Id = "S2" });
        SetFirstId(m, collection, "");
        AssertIssue(m, ValidationCodes.EmptyId, $"{collection}[0].id");
    }

    [Theory]
    [InlineData("sites", "S1")]
    [InlineData("lines", "L1")]
    [InlineData("products", "A")]
    [InlineData("materials", "M")]
    [InlineData("recipes", "RA")]
    [InlineData("tanks", "T")]
    [InlineData("shared_assets", "CIP")]
    [InlineData("lanes", "LN")]
    [InlineData("orders", "O1")]
    public void Duplicate_id_in_every_collection(string collection, string id)
    {
        var m = Small();
        m.Sites.Add(new Site { Id = "S2" });
        m.Lanes.Add(new Lane { Id = "LN", FromSiteId = "S1", ToSiteId = "S2" });
        var path = collection switch
        {
            "sites" => Add(m.Sites, new Site { Id = id }),
            "lines" => Add(m.Lines, new Line { Id = id, SiteId = "S1" }),
            "products" => Add(m.Products, new Product { Id = id }),
            "materials" => Add(m.Materials, new Material { Id = id }),
            "recipes" => Add(m.Recipes, new Recipe { Id = id, ProductId = "B", LineId = "L2", Rate = 1 }),
            "tanks" => Add(m.Tanks, new Tank { Id = id, SiteId = "S1", Capacity = 1 }),
            "shared_assets" => Add(m.SharedAssets, new SharedAsset { Id = id }),
            "lanes" => Add(m.Lanes, new Lane { Id = id, FromSiteId = "S2", ToSiteId = "S1" }),
            "orders" => Add(m.Orders, new Order { Id = id, ProductId = "A", SiteId = "S1", Quantity = 1, Due = Day(1) }),
            _ => throw new ArgumentOutOfRangeException(nameof(collection)),
        };
        var issue = AssertIssue(m, ValidationCodes.DuplicateId, $"{collection}[{path}].id");
        Assert.Contains($"'{id}'", issue.Message);
    }

    private static int Add<T>(Google.Protobuf.Collections.RepeatedField<T> list, T item)
    {
        list.Add(item);
        return list.Count - 1;
    }

    private static void SetFirstId(PlanningModel m, string collection, string id)
    {
        switch (collection)
        {
            case "sites": m.Sites[0].Id = id; break;
            case "lines": m.Lines[0].Id = id; break;
            case "products": m.Products[0].Id = id; break;
            case "materials": m.Materials[0].Id = id; break;
            case "recipes": m.Recipes[0].Id = id; break;
            case "tanks": m.Tanks[0].Id = id; break;
            case "shared_assets": m.SharedAssets[0].Id = id; break;
            case "lanes": m.Lanes[0].Id = id; break;
            case "orders": m.Orders[0].Id = id; break;
        }
    }

    [Fact]
    public void No_sites_and_no_lines()
    {
        var m = new PlanningModel { Horizon = Small().Horizon };
        AssertIssue(m, ValidationCodes.NoSites, "sites");
        AssertIssue(m, ValidationCodes.NoLines, "lines");
    }

    // ---- references ----

    public static TheoryData<string, string> References => new()
    {
        { "lines[0].site_id", "site" },
        { "lines[0].initial_product_id", "product" },
        { "recipes[0].product_id", "product" },
        { "recipes[0].line_id", "line" },
        { "recipes[0].inputs[0].material_id", "material" },
        { "recipes[3].inputs[0].product_id", "product" },
        { "recipes[3].asset_ids[0]", "shared asset" },
        { "recipes[2].output_tank_id", "tank" },
        { "recipes[3].input_tank_id", "tank" },
        { "changeovers[2].line_id", "line" },
        { "changeovers[2].from_product_id", "product" },
        { "changeovers[2].to_product_id", "product" },
        { "changeovers[2].asset_ids[0]", "shared asset" },
        { "supplies[0].material_id", "material" },
        { "supplies[0].site_id", "site" },
        { "tanks[0].site_id", "site" },
        { "tanks[0].allowed_product_ids[0]", "product" },
        { "tanks[0].initial_product_id", "product" },
        { "shared_assets[0].site_id", "site" },
        { "lanes[0].from_site_id", "site" },
        { "lanes[0].to_site_id", "site" },
        { "lanes[0].product_ids[0]", "product" },
        { "initial_inventory[0].site_id", "site" },
        { "initial_inventory[0].product_id", "product" },
        { "initial_inventory[1].material_id", "material" },
        { "forecasts[0].product_id", "product" },
        { "forecasts[0].site_id", "site" },
        { "orders[0].product_id", "product" },
        { "orders[0].site_id", "site" },
        { "frozen_runs[0].line_id", "line" },
        { "frozen_runs[0].product_id", "product" },
        { "frozen_runs[0].recipe_id", "recipe" },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void Unknown_reference_everywhere(string path, string kind)
    {
        var m = Small();
        m.Sites.Add(new Site { Id = "S2" });
        m.Lanes.Add(new Lane { Id = "LN", FromSiteId = "S1", ToSiteId = "S2", ProductIds = { "A" } });
        m.InitialInventory.Add(new InitialInventory { SiteId = "S1", MaterialId = "M", Quantity = 3 });
        SetString(m, path, "GHOST");
        var issue = AssertIssue(m, ValidationCodes.UnknownReference, path);
        Assert.Equal("GHOST", issue.Value);
        Assert.Contains($"{kind} 'GHOST'", issue.Message);
    }

    [Fact]
    public void Unknown_reference_hint_suggests_a_near_id()
    {
        var m = Small();
        m.Recipes[0].LineId = "l1";
        var issue = AssertIssue(m, ValidationCodes.UnknownReference, "recipes[0].line_id");
        Assert.Contains("'L1'", issue.Hint);
    }

    [Fact]
    public void Missing_required_reference()
    {
        var m = Small();
        m.Recipes[0].ProductId = "";
        AssertIssue(m, ValidationCodes.MissingReference, "recipes[0].product_id");
    }

    /// <summary>Sets a string field addressed by a validator path (only the shapes used above).</summary>
    private static void SetString(PlanningModel m, string path, string value)
    {
        Google.Protobuf.IMessage target = m;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            var field = target.Descriptor.FindFieldByName(name);
            var accessor = field.Accessor;
            if (bracket < 0)
            {
                accessor.SetValue(target, value);
                return;
            }
            var index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            var list = (System.Collections.IList)accessor.GetValue(target);
            if (i == parts.Length - 1)
            {
                list[index] = value;
                return;
            }
            target = (Google.Protobuf.IMessage)list[index]!;
        }
    }

    [Fact]
    public void Empty_site_with_several_sites()
    {
        var m = Small();
        m.Sites.Add(new Site { Id = "S2" });
        m.Orders[0].SiteId = "";
        AssertIssue(m, ValidationCodes.SiteRequired, "orders[0].site_id");
    }

    [Fact]
    public void Empty_site_with_one_site_is_fine()
    {
        var m = Small();
        m.Orders[0].SiteId = "";
        m.Forecasts[0].SiteId = "";
        Assert.True(ModelValidator.Validate(m).Valid);
    }

    // ---- values ----

    [Fact]
    public void Rate_must_be_positive()
    {
        var m = Small();
        m.Recipes[0].Rate = -5;
        var issue = AssertIssue(m, ValidationCodes.NonPositiveRate, "recipes[0].rate");
        Assert.Equal("Recipe 'RA' has rate -5 (units/hour); a rate must be > 0.", issue.Message);
        Assert.Equal("-5", issue.Value);
    }

    [Fact]
    public void Zero_rate()
    {
        var m = Small();
        m.Recipes[0].Rate = 0;
        AssertIssue(m, ValidationCodes.NonPositiveRate, "recipes[0].rate");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    [InlineData(95.0)]
    public void Yield_outside_zero_one(double yield)
    {
        var m = Small();
        m.Recipes[1].Yield = yield;
        AssertIssue(m, ValidationCodes.YieldOutOfRange, "recipes[1].yield");
    }

    [Fact]
    public void Yield_of_one_is_fine()
    {
        var m = Small();
        m.Recipes[1].Yield = 1;
        AssertNoIssue(m, ValidationCodes.YieldOutOfRange);
    }

    [Fact]
    public void NaN_is_reported()
    {
        var m = Small();
        m.Products[0].HoldingCost = double.NaN;
        AssertIssue(m, ValidationCodes.NotFinite, "products[0].holding_cost");
    }

    public static TheoryData<string> NegativeFields => new()
    {
        "products[0].holding_cost", "products[0].backlog_cost", "products[0].lost_sale_cost", "products[0].price",
        "products[0].unit_value", "products[0].safety_stock", "products[0].safety_stock_cost",
        "materials[0].purchase_cost", "materials[0].holding_cost", "materials[0].max_purchase_per_day",
        "recipes[0].min_run_quantity", "recipes[0].batch_size", "recipes[0].variable_cost",
        "changeovers[0].hours", "changeovers[0].cost", "supplies[0].quantity", "tanks[0].clean_hours",
        "lanes[0].cost_per_unit", "lanes[0].capacity_per_day", "initial_inventory[0].quantity", "initial_inventory[0].backlog",
        "forecasts[0].quantity", "orders[0].quantity", "frozen_runs[0].quantity", "sites[0].warehouse_capacity",
    };

    [Theory]
    [MemberData(nameof(NegativeFields))]
    public void Negative_costs_quantities_and_hours(string path)
    {
        var m = Small();
        m.Sites.Add(new Site { Id = "S2" });
        m.Lanes.Add(new Lane { Id = "LN", FromSiteId = "S1", ToSiteId = "S2" });
        m.Policy = new Policy();
        SetDouble(m, path, -3);
        var issue = AssertIssue(m, ValidationCodes.NegativeValue, path);
        Assert.Contains("-3", issue.Message);
    }

    [Fact]
    public void Negative_stability_cost()
    {
        var m = Small();
        m.Policy = new Policy { StabilityCost = -1 };
        AssertIssue(m, ValidationCodes.NegativeValue, "policy.stability_cost");
    }

    private static void SetDouble(PlanningModel m, string path, double value)
    {
        var (target, field) = Resolve(m, path);
        field.Accessor.SetValue(target, value);
    }

    private static (Google.Protobuf.IMessage, Google.Protobuf.Reflection.FieldDescriptor) Resolve(PlanningModel m, string path)
    {
        Google.Protobuf.IMessage target = m;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var part = parts[i];
            var bracket = part.IndexOf('[');
            var field = target.Descriptor.FindFieldByName(part[..bracket]);
            var index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            target = (Google.Protobuf.IMessage)((System.Collections.IList)field.Accessor.GetValue(target))[index]!;
        }
        return (target, target.Descriptor.FindFieldByName(parts[^1]));
    }

    [Fact]
    public void Negative_durations()
    {
        var m = Small();
        m.Materials[0].LeadTime = Duration.FromTimeSpan(TimeSpan.FromHours(-2));
        AssertIssue(m, ValidationCodes.NegativeValue, "materials[0].lead_time");
    }

    [Fact]
    public void Undefined_demand_policy()
    {
        var m = Small();
        m.Products[0].DemandPolicy = (DemandPolicy)42;
        AssertIssue(m, ValidationCodes.InvalidEnum, "products[0].demand_policy");
    }

    [Fact]
    public void Bom_quantity_must_be_positive()
    {
        var m = Small();
        m.Recipes[0].Inputs[0].QuantityPerUnit = 0;
        AssertIssue(m, ValidationCodes.NonPositiveQuantity, "recipes[0].inputs[0].quantity_per_unit");
    }

    [Fact]
    public void Recipe_input_with_both_material_and_product()
    {
        var m = Small();
        m.Recipes[0].Inputs[0].ProductId = "I";
        AssertIssue(m, ValidationCodes.ExactlyOneOf, "recipes[0].inputs[0]");
    }

    [Fact]
    public void Recipe_input_with_neither_material_nor_product()
    {
        var m = Small();
        m.Recipes[0].Inputs[0].MaterialId = "";
        AssertIssue(m, ValidationCodes.ExactlyOneOf, "recipes[0].inputs[0]");
    }

    [Fact]
    public void Initial_inventory_with_both_product_and_material()
    {
        var m = Small();
        m.InitialInventory[0].MaterialId = "M";
        m.InitialInventory[0].Backlog = 0;
        AssertIssue(m, ValidationCodes.ExactlyOneOf, "initial_inventory[0]");
    }

    [Fact]
    public void Initial_inventory_with_neither_product_nor_material()
    {
        var m = Small();
        m.InitialInventory[0].ProductId = "";
        AssertIssue(m, ValidationCodes.ExactlyOneOf, "initial_inventory[0]");
    }

    [Fact]
    public void Backlog_on_material()
    {
        var m = Small();
        m.InitialInventory.Add(new InitialInventory { SiteId = "S1", MaterialId = "M", Quantity = 1, Backlog = 2 });
        AssertIssue(m, ValidationCodes.BacklogOnMaterial, "initial_inventory[1].backlog");
    }

    [Fact]
    public void Duplicate_initial_inventory_is_a_warning()
    {
        var m = Small();
        m.InitialInventory.Add(new InitialInventory { SiteId = "S1", ProductId = "A", Quantity = 1 });
        AssertIssue(m, ValidationCodes.DuplicateEntry, "initial_inventory[1]", Severity.Warning);
    }

    // ---- calendars ----

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(24.5)]
    public void Hours_per_day_outside_0_24(double hours)
    {
        var m = Small();
        m.Lines[1].Calendar.HoursPerDay = hours;
        AssertIssue(m, ValidationCodes.CalendarHoursOutOfRange, "lines[1].calendar.hours_per_day");
    }

    [Fact]
    public void Weekday_hours_need_seven_values()
    {
        var m = Small();
        m.Lines[1].Calendar.WeekdayHours.Add(new[] { 8.0, 8, 8, 8, 8 });
        AssertIssue(m, ValidationCodes.WeekdayHoursCount, "lines[1].calendar.weekday_hours");
    }

    [Fact]
    public void Weekday_hours_value_out_of_range()
    {
        var m = Small();
        m.Lines[1].Calendar.WeekdayHours.Add(new[] { 8.0, 8, 8, 8, 30, 0, 0 });
        AssertIssue(m, ValidationCodes.CalendarHoursOutOfRange, "lines[1].calendar.weekday_hours[4]");
    }

    [Fact]
    public void Weekday_hours_all_zero_is_a_warning()
    {
        var m = Small();
        m.Lines[1].Calendar.WeekdayHours.Add(new[] { 0.0, 0, 0, 0, 0, 0, 0 });
        AssertIssue(m, ValidationCodes.NoWorkingTime, "lines[1].calendar.weekday_hours", Severity.Warning);
    }

    [Fact]
    public void Shift_start_beyond_a_day()
    {
        var m = Small();
        m.Lines[1].Calendar.ShiftStart = Hours(25);
        AssertIssue(m, ValidationCodes.ShiftStartOutOfRange, "lines[1].calendar.shift_start");
    }

    [Fact]
    public void Downtime_end_not_after_start()
    {
        var m = Small();
        m.Lines[0].Calendar = new Calendar { Downtimes = { new Downtime { Start = Day(2), End = Day(2), Reason = "maintenance" } } };
        AssertIssue(m, ValidationCodes.EmptyInterval, "lines[0].calendar.downtimes[0].end");
    }

    [Fact]
    public void Downtime_without_start()
    {
        var m = Small();
        m.Lines[0].Calendar = new Calendar { Downtimes = { new Downtime { End = Day(2) } } };
        AssertIssue(m, ValidationCodes.MissingValue, "lines[0].calendar.downtimes[0].start");
    }

    [Fact]
    public void Asset_calendar_is_checked_too()
    {
        var m = Small();
        m.SharedAssets[0].Calendar = new Calendar { HoursPerDay = 30 };
        AssertIssue(m, ValidationCodes.CalendarHoursOutOfRange, "shared_assets[0].calendar.hours_per_day");
    }

    [Fact]
    public void Line_with_zero_runs_per_bucket_is_a_warning()
    {
        var m = Small();
        m.Lines[0].MaxRunsPerBucket = 0;
        AssertIssue(m, ValidationCodes.LineCannotRun, "lines[0].max_runs_per_bucket", Severity.Warning);
    }

    // ---- changeovers ----

    [Fact]
    public void Changeover_with_from_product_and_from_family()
    {
        var m = Small();
        m.Changeovers[2].FromFamily = "plain";
        AssertIssue(m, ValidationCodes.AmbiguousChangeoverSide, "changeovers[2].from_family");
    }

    [Fact]
    public void Changeover_with_to_product_and_to_family()
    {
        var m = Small();
        m.Changeovers[2].ToFamily = "plain";
        AssertIssue(m, ValidationCodes.AmbiguousChangeoverSide, "changeovers[2].to_family");
    }

    [Fact]
    public void Two_rules_of_equal_specificity_conflict()
    {
        var m = Small();
        m.Changeovers.Add(new Changeover { FromFamily = "allergen", ToFamily = "plain", Hours = 3 });
        var issue = AssertIssue(m, ValidationCodes.ChangeoverConflict, "changeovers[3]");
        Assert.Contains("#1", issue.Message);
    }

    [Fact]
    public void Rules_of_different_specificity_do_not_conflict()
    {
        var m = Small();
        m.Changeovers.Add(new Changeover { LineId = "L2", FromFamily = "allergen", ToFamily = "plain", Hours = 3 });
        m.Changeovers.Add(new Changeover { FromProductId = "C", ToFamily = "plain", Hours = 3 });
        Assert.True(ModelValidator.Validate(m).Valid);
    }

    [Fact]
    public void Rule_from_a_product_to_itself_never_applies()
    {
        var m = Small();
        m.Changeovers.Add(new Changeover { FromProductId = "A", ToProductId = "A", Hours = 3 });
        AssertIssue(m, ValidationCodes.RuleNeverApplies, "changeovers[3]", Severity.Warning);
    }

    [Fact]
    public void Rule_naming_an_unknown_family()
    {
        var m = Small();
        m.Changeovers.Add(new Changeover { FromFamily = "Allergen", ToProductId = "A", Hours = 3 });
        var issue = AssertIssue(m, ValidationCodes.UnknownFamily, "changeovers[3].from_family");
        Assert.Contains("'allergen'", issue.Hint);
        m.Changeovers[3].FromFamily = "";
        m.Changeovers[3].ToFamily = "dairy";
        AssertIssue(m, ValidationCodes.UnknownFamily, "changeovers[3].to_family");
    }

    // ---- process ----

    [Fact]
    public void Bom_cycle_is_reported_with_the_cycle()
    {
        var m = Small();
        // I is made from C, and C from I.
        m.Recipes[2].Inputs.Add(new RecipeInput { ProductId = "C", QuantityPerUnit = 1 });
        // The search starts at C (products[2]): C needs I needs C; the edge I -> C closes it.
        var issue = AssertIssue(m, ValidationCodes.BomCycle, "recipes[2].inputs[0].product_id");
        Assert.Contains("'C' -> 'I' -> 'C'", issue.Message);
        Assert.Single(ModelValidator.Validate(m).Issues, i => i.Code == ValidationCodes.BomCycle);
    }

    [Fact]
    public void Bom_self_loop()
    {
        var m = Small();
        m.Recipes[0].Inputs.Add(new RecipeInput { ProductId = "A", QuantityPerUnit = 1 });
        var issue = AssertIssue(m, ValidationCodes.BomCycle, "recipes[0].inputs[1].product_id");
        Assert.Contains("'A' -> 'A'", issue.Message);
    }

    [Fact]
    public void Long_bom_chain_without_cycle_is_fine()
    {
        var m = Small();
        for (var i = 0; i < 2000; i++)
        {
            m.Products.Add(new Product { Id = $"P{i}", Intermediate = true });
            var r = new Recipe { Id = $"RP{i}", ProductId = $"P{i}", LineId = "L2", Rate = 1 };
            if (i > 0)
                r.Inputs.Add(new RecipeInput { ProductId = $"P{i - 1}", QuantityPerUnit = 1 });
            m.Recipes.Add(r);
        }
        AssertNoIssue(m, ValidationCodes.BomCycle);
    }

    [Fact]
    public void Tank_initial_level_above_capacity()
    {
        var m = Small();
        m.Tanks[0].InitialLevel = 1500;
        var issue = AssertIssue(m, ValidationCodes.TankLevelOutOfRange, "tanks[0].initial_level");
        Assert.Contains("1500", issue.Message);
        Assert.Contains("1000", issue.Message);
    }

    [Fact]
    public void Tank_initial_level_below_zero()
    {
        var m = Small();
        m.Tanks[0].InitialLevel = -1;
        AssertIssue(m, ValidationCodes.TankLevelOutOfRange, "tanks[0].initial_level");
    }

    [Fact]
    public void Tank_capacity_must_be_positive()
    {
        var m = Small();
        m.Tanks[0].Capacity = 0;
        m.Tanks[0].InitialLevel = 0;
        AssertIssue(m, ValidationCodes.NonPositiveCapacity, "tanks[0].capacity");
    }

    [Fact]
    public void Tank_initial_product_not_allowed()
    {
        var m = Small();
        m.Tanks[0].InitialProductId = "A";
        AssertIssue(m, ValidationCodes.TankProductNotAllowed, "tanks[0].initial_product_id");
    }

    [Fact]
    public void Filled_tank_needs_a_product()
    {
        var m = Small();
        m.Tanks[0].InitialProductId = "";
        AssertIssue(m, ValidationCodes.MissingValue, "tanks[0].initial_product_id");
    }

    [Fact]
    public void Recipe_output_into_a_tank_that_does_not_allow_the_product()
    {
        var m = Small();
        m.Recipes[0].OutputTankId = "T";
        AssertIssue(m, ValidationCodes.TankProductNotAllowed, "recipes[0].output_tank_id");
    }

    [Fact]
    public void Recipe_input_tank_without_product_inputs_is_a_warning()
    {
        var m = Small();
        m.Recipes[0].InputTankId = "T";
        AssertIssue(m, ValidationCodes.InputTankUnused, "recipes[0].input_tank_id", Severity.Warning);
    }

    [Fact]
    public void Recipe_using_a_tank_at_another_site()
    {
        var m = Small();
        m.Sites.Add(new Site { Id = "S2" });
        m.Tanks[0].SiteId = "S2";
        m.Tanks[0].InitialLevel = 0;
        AssertIssue(m, ValidationCodes.CrossSiteReference, "recipes[2].output_tank_id");
        AssertIssue(m, ValidationCodes.CrossSiteReference, "recipes[3].input_tank_id");
    }

    [Fact]
    public void Recipe_using_an_asset_at_another_site()
    {
        var m = Small();
        m.Sites.Add(new Site { Id = "S2" });
        m.SharedAssets[0].SiteId = "S2";
        AssertIssue(m, ValidationCodes.CrossSiteReference, "recipes[3].asset_ids[0]");
        AssertIssue(m, ValidationCodes.CrossSiteReference, "changeovers[2].asset_ids[0]");
    }

    [Fact]
    public void Shared_asset_capacity_zero()
    {
        var m = Small();
        m.SharedAssets[0].Capacity = 0;
        AssertIssue(m, ValidationCodes.NonPositiveCapacity, "shared_assets[0].capacity");
    }

    [Fact]
    public void Repeated_asset_in_a_recipe_is_a_warning()
    {
        var m = Small();
        m.Recipes[3].AssetIds.Add("CIP");
        AssertIssue(m, ValidationCodes.DuplicateReference, "recipes[3].asset_ids[1]", Severity.Warning);
    }

    [Fact]
    public void Lane_from_a_site_to_itself()
    {
        var m = Small();
        m.Lanes.Add(new Lane { Id = "LN", FromSiteId = "S1", ToSiteId = "S1" });
        AssertIssue(m, ValidationCodes.LaneSameSite, "lanes[0].to_site_id");
    }

    [Fact]
    public void Lane_with_unknown_sites()
    {
        var m = Small();
        m.Lanes.Add(new Lane { Id = "LN", FromSiteId = "X", ToSiteId = "Y" });
        AssertIssue(m, ValidationCodes.UnknownReference, "lanes[0].from_site_id");
        AssertIssue(m, ValidationCodes.UnknownReference, "lanes[0].to_site_id");
    }

    [Fact]
    public void Material_that_can_never_be_had_is_a_warning()
    {
        var m = Small();
        m.Materials[0].Purchasable = false;
        m.Supplies.Clear();
        AssertIssue(m, ValidationCodes.MaterialUnavailable, "recipes[0].inputs[0].material_id", Severity.Warning);
    }

    // ---- demand ----

    [Fact]
    public void Order_due_after_the_horizon()
    {
        var m = Small();
        m.Orders[0].Due = Day(7);
        var issue = AssertIssue(m, ValidationCodes.DueOutsideHorizon, "orders[0].due");
        Assert.Contains("2026-01-12T00:00:00Z", issue.Message);
    }

    [Fact]
    public void Order_due_before_the_horizon()
    {
        var m = Small();
        m.Orders[0].Due = Day(-1);
        AssertIssue(m, ValidationCodes.DueOutsideHorizon, "orders[0].due");
    }

    [Fact]
    public void Order_without_due()
    {
        var m = Small();
        m.Orders[0].Due = null;
        AssertIssue(m, ValidationCodes.MissingValue, "orders[0].due");
    }

    [Fact]
    public void Forecast_end_not_after_start()
    {
        var m = Small();
        m.Forecasts[0].End = Day(0);
        AssertIssue(m, ValidationCodes.EmptyInterval, "forecasts[0].end");
    }

    [Fact]
    public void Forecast_entirely_outside_the_horizon()
    {
        var m = Small();
        m.Forecasts[0].Start = Day(10);
        m.Forecasts[0].End = Day(20);
        AssertIssue(m, ValidationCodes.ForecastOutsideHorizon, "forecasts[0]");
    }

    [Fact]
    public void Forecast_partly_outside_the_horizon_is_a_warning()
    {
        var m = Small();
        m.Forecasts[0].End = Day(10);
        AssertIssue(m, ValidationCodes.ForecastPartlyOutsideHorizon, "forecasts[0]", Severity.Warning);
    }

    [Fact]
    public void Demand_that_cannot_be_met_is_a_warning()
    {
        var m = Small();
        m.Products.Add(new Product { Id = "Z" });
        m.Orders.Add(new Order { Id = "O2", ProductId = "Z", SiteId = "S1", Quantity = 5, Due = Day(1) });
        AssertIssue(m, ValidationCodes.UnreachableDemand, "orders[1].product_id", Severity.Warning);
    }

    [Fact]
    public void No_unreachable_demand_guess_when_the_recipe_line_is_broken()
    {
        var m = Small();
        m.Lines[0].SiteId = "s1"; // B's only recipe is on L1
        AssertIssue(m, ValidationCodes.UnknownReference, "lines[0].site_id");
        AssertNoIssue(m, ValidationCodes.UnreachableDemand);
    }

    [Fact]
    public void Demand_met_through_a_lane_is_fine()
    {
        var m = Small();
        m.Sites.Add(new Site { Id = "S2" });
        m.Lanes.Add(new Lane { Id = "LN", FromSiteId = "S1", ToSiteId = "S2" });
        m.Orders.Add(new Order { Id = "O2", ProductId = "B", SiteId = "S2", Quantity = 5, Due = Day(1) });
        AssertNoIssue(m, ValidationCodes.UnreachableDemand);
        m.Lanes[0].ProductIds.Add("A");
        AssertIssue(m, ValidationCodes.UnreachableDemand, "orders[1].product_id", Severity.Warning);
    }

    [Fact]
    public void Demand_for_an_intermediate_is_a_warning()
    {
        var m = Small();
        m.Orders[0].ProductId = "I";
        AssertIssue(m, ValidationCodes.DemandForIntermediate, "orders[0].product_id", Severity.Warning);
    }

    [Fact]
    public void Supply_after_the_horizon_is_a_warning()
    {
        var m = Small();
        m.Supplies[0].Arrival = Day(30);
        AssertIssue(m, ValidationCodes.SupplyOutsideHorizon, "supplies[0].arrival", Severity.Warning);
    }

    // ---- frozen runs ----

    [Fact]
    public void Frozen_run_end_not_after_start()
    {
        var m = Small();
        m.FrozenRuns[0].End = m.FrozenRuns[0].Start;
        AssertIssue(m, ValidationCodes.EmptyInterval, "frozen_runs[0].end");
    }

    [Fact]
    public void Frozen_run_without_recipe_for_the_product_on_the_line()
    {
        var m = Small();
        m.FrozenRuns[0].ProductId = "C";
        AssertIssue(m, ValidationCodes.FrozenRunNoRecipe, "frozen_runs[0]");
    }

    [Fact]
    public void Frozen_run_with_a_recipe_of_another_product()
    {
        var m = Small();
        m.FrozenRuns[0].RecipeId = "RB";
        AssertIssue(m, ValidationCodes.FrozenRunRecipeMismatch, "frozen_runs[0].recipe_id");
    }

    [Fact]
    public void Frozen_run_with_several_recipes_needs_a_recipe_id()
    {
        var m = Small();
        m.Recipes.Add(new Recipe { Id = "RA2", ProductId = "A", LineId = "L1", Rate = 10 });
        AssertIssue(m, ValidationCodes.FrozenRunAmbiguousRecipe, "frozen_runs[0].recipe_id");
        m.FrozenRuns[0].RecipeId = "RA2";
        AssertNoIssue(m, ValidationCodes.FrozenRunAmbiguousRecipe);
    }

    [Fact]
    public void Overlapping_frozen_runs()
    {
        var m = Small();
        m.FrozenRuns.Add(new FrozenRun { LineId = "L1", ProductId = "B", Start = At(Start.AddHours(3)), End = At(Start.AddHours(6)), Quantity = 10 });
        AssertIssue(m, ValidationCodes.FrozenRunOverlap, "frozen_runs[1].start");
    }

    [Fact]
    public void Frozen_run_before_the_horizon_is_a_warning()
    {
        var m = Small();
        m.FrozenRuns[0].Start = Day(-2);
        m.FrozenRuns[0].End = Day(-1);
        AssertIssue(m, ValidationCodes.FrozenRunOutsideHorizon, "frozen_runs[0]", Severity.Warning);
    }

    [Fact]
    public void Frozen_run_beyond_the_recipe_rate_is_a_warning()
    {
        var m = Small();
        m.FrozenRuns[0].Quantity = 401; // 4 h x 100/h
        var issue = AssertIssue(m, ValidationCodes.FrozenRunExceedsRate, "frozen_runs[0].quantity", Severity.Warning);
        Assert.Contains("at most 400", issue.Message);
        m.FrozenRuns[0].Quantity = 400;
        AssertNoIssue(m, ValidationCodes.FrozenRunExceedsRate);
    }

    [Fact]
    public void Frozen_run_rate_check_counts_only_working_time()
    {
        var m = Small();
        m.Lines[0].Calendar = new Calendar { Downtimes = { new Downtime { Start = At(Start.AddHours(1)), End = At(Start.AddHours(2)) } } };
        m.FrozenRuns[0].Quantity = 350; // 3 working hours x 100/h = 300
        AssertIssue(m, ValidationCodes.FrozenRunExceedsRate, "frozen_runs[0].quantity", Severity.Warning);
    }

    [Fact]
    public void Line_without_recipes_is_a_warning()
    {
        var m = Small();
        m.Lines.Add(new Line { Id = "L3", SiteId = "S1" });
        AssertIssue(m, ValidationCodes.LineWithoutRecipes, "lines[2]", Severity.Warning);
    }

    [Fact]
    public void Every_code_constant_is_distinct()
    {
        var values = typeof(ValidationCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(values.Count, values.Distinct().Count());
    }
}
