namespace SolverEngine.Core.Validation;

/// <summary>
/// Stable, machine-readable codes of <c>ValidationIssue.code</c>. Callers may switch on them;
/// once published a code keeps its meaning.
/// </summary>
public static class ValidationCodes
{
    // Horizon
    /// <summary>The model has no horizon.</summary>
    public const string MissingHorizon = "MISSING_HORIZON";
    /// <summary>The horizon has no start.</summary>
    public const string MissingHorizonStart = "MISSING_HORIZON_START";
    /// <summary>The horizon has no band, so no bucket.</summary>
    public const string NoBuckets = "NO_BUCKETS";
    /// <summary>A resolution band has count 0.</summary>
    public const string EmptyBand = "EMPTY_BAND";
    /// <summary>A resolution band has no granularity.</summary>
    public const string UnspecifiedGranularity = "UNSPECIFIED_GRANULARITY";
    /// <summary>The horizon has too many buckets or runs past year 9999.</summary>
    public const string HorizonTooLong = "HORIZON_TOO_LONG";
    /// <summary>The slushy fence lies before the frozen fence.</summary>
    public const string SlushyBeforeFrozen = "SLUSHY_BEFORE_FROZEN";
    /// <summary>A time fence lies beyond the horizon end (warning).</summary>
    public const string FenceBeyondHorizon = "FENCE_BEYOND_HORIZON";

    // Identity and references
    /// <summary>An entity has an empty id.</summary>
    public const string EmptyId = "EMPTY_ID";
    /// <summary>Two entities of one collection share an id.</summary>
    public const string DuplicateId = "DUPLICATE_ID";
    /// <summary>A reference names an id that does not exist.</summary>
    public const string UnknownReference = "UNKNOWN_REFERENCE";
    /// <summary>A required reference is empty.</summary>
    public const string MissingReference = "MISSING_REFERENCE";
    /// <summary>A site reference is empty although the model has several sites.</summary>
    public const string SiteRequired = "SITE_REQUIRED";
    /// <summary>An entity references another at a different site (tank, asset).</summary>
    public const string CrossSiteReference = "CROSS_SITE_REFERENCE";
    /// <summary>Exactly one of two fields must be set (product_id / material_id).</summary>
    public const string ExactlyOneOf = "EXACTLY_ONE_OF";
    /// <summary>The model has no site.</summary>
    public const string NoSites = "NO_SITES";
    /// <summary>The model has no line.</summary>
    public const string NoLines = "NO_LINES";
    /// <summary>The same site and item appear twice in initial inventory (warning; summed).</summary>
    public const string DuplicateEntry = "DUPLICATE_ENTRY";
    /// <summary>A list names the same id twice (warning).</summary>
    public const string DuplicateReference = "DUPLICATE_REFERENCE";

    // Values
    /// <summary>A required value is absent (timestamp, product of a filled tank...).</summary>
    public const string MissingValue = "MISSING_VALUE";
    /// <summary>A timestamp or duration is malformed.</summary>
    public const string InvalidTime = "INVALID_TIME";
    /// <summary>An enum holds a value the contract does not define.</summary>
    public const string InvalidEnum = "INVALID_ENUM";
    /// <summary>A number is NaN or infinite.</summary>
    public const string NotFinite = "NOT_FINITE";
    /// <summary>A cost, quantity, hours or duration is negative.</summary>
    public const string NegativeValue = "NEGATIVE_VALUE";
    /// <summary>A recipe rate is not > 0.</summary>
    public const string NonPositiveRate = "NON_POSITIVE_RATE";
    /// <summary>A recipe yield is outside (0, 1].</summary>
    public const string YieldOutOfRange = "YIELD_OUT_OF_RANGE";
    /// <summary>A bill-of-materials quantity is not > 0.</summary>
    public const string NonPositiveQuantity = "NON_POSITIVE_QUANTITY";
    /// <summary>A capacity is not > 0 (tank capacity, shared asset capacity).</summary>
    public const string NonPositiveCapacity = "NON_POSITIVE_CAPACITY";
    /// <summary>An interval has end &lt;= start (downtime, forecast, frozen run).</summary>
    public const string EmptyInterval = "EMPTY_INTERVAL";

    // Calendars
    /// <summary>hours_per_day outside (0, 24] or a weekday value outside [0, 24].</summary>
    public const string CalendarHoursOutOfRange = "CALENDAR_HOURS_OUT_OF_RANGE";
    /// <summary>weekday_hours does not have exactly 7 values.</summary>
    public const string WeekdayHoursCount = "WEEKDAY_HOURS_COUNT";
    /// <summary>shift_start outside [0, 24h).</summary>
    public const string ShiftStartOutOfRange = "SHIFT_START_OUT_OF_RANGE";
    /// <summary>A calendar gives no working time at all (warning).</summary>
    public const string NoWorkingTime = "NO_WORKING_TIME";
    /// <summary>A line has no recipe, so it never produces anything (warning).</summary>
    public const string LineWithoutRecipes = "LINE_WITHOUT_RECIPES";
    /// <summary>A line has max_runs_per_bucket = 0 and can never run (warning).</summary>
    public const string LineCannotRun = "LINE_CANNOT_RUN";

    // Changeovers
    /// <summary>A changeover rule sets both a product and a family on one side.</summary>
    public const string AmbiguousChangeoverSide = "AMBIGUOUS_CHANGEOVER_SIDE";
    /// <summary>Two changeover rules of equal specificity match the same transitions.</summary>
    public const string ChangeoverConflict = "CHANGEOVER_CONFLICT";
    /// <summary>A changeover rule can never apply (from and to the same product) (warning).</summary>
    public const string RuleNeverApplies = "RULE_NEVER_APPLIES";
    /// <summary>A changeover rule names a family no product has (a misspelt family would silently disable the rule).</summary>
    public const string UnknownFamily = "UNKNOWN_FAMILY";

    // Process
    /// <summary>Products feed each other in a cycle through recipes.</summary>
    public const string BomCycle = "BOM_CYCLE";
    /// <summary>A tank level is below 0 or above its capacity.</summary>
    public const string TankLevelOutOfRange = "TANK_LEVEL_OUT_OF_RANGE";
    /// <summary>A product is put into a tank that does not allow it.</summary>
    public const string TankProductNotAllowed = "TANK_PRODUCT_NOT_ALLOWED";
    /// <summary>A recipe draws from an input tank but has no product input (warning).</summary>
    public const string InputTankUnused = "INPUT_TANK_UNUSED";
    /// <summary>A lane goes from a site to itself.</summary>
    public const string LaneSameSite = "LANE_SAME_SITE";
    /// <summary>A material used by a recipe can never be available at the recipe's site (warning).</summary>
    public const string MaterialUnavailable = "MATERIAL_UNAVAILABLE";
    /// <summary>Initial backlog given for a material (only products have backlog).</summary>
    public const string BacklogOnMaterial = "BACKLOG_ON_MATERIAL";

    // Demand
    /// <summary>An order is due outside the horizon.</summary>
    public const string DueOutsideHorizon = "DUE_OUTSIDE_HORIZON";
    /// <summary>A forecast lies entirely outside the horizon.</summary>
    public const string ForecastOutsideHorizon = "FORECAST_OUTSIDE_HORIZON";
    /// <summary>A forecast lies partly outside the horizon; that part is ignored (warning).</summary>
    public const string ForecastPartlyOutsideHorizon = "FORECAST_PARTLY_OUTSIDE_HORIZON";
    /// <summary>A supply arrives outside the horizon (warning).</summary>
    public const string SupplyOutsideHorizon = "SUPPLY_OUTSIDE_HORIZON";
    /// <summary>A product has demand but cannot be made, stocked or shipped in at that site (warning).</summary>
    public const string UnreachableDemand = "UNREACHABLE_DEMAND";
    /// <summary>An intermediate product has external demand (warning).</summary>
    public const string DemandForIntermediate = "DEMAND_FOR_INTERMEDIATE";

    // Frozen runs
    /// <summary>No recipe makes the frozen run's product on its line.</summary>
    public const string FrozenRunNoRecipe = "FROZEN_RUN_NO_RECIPE";
    /// <summary>Several recipes make the product on the line and the frozen run names none.</summary>
    public const string FrozenRunAmbiguousRecipe = "FROZEN_RUN_AMBIGUOUS_RECIPE";
    /// <summary>The frozen run's recipe makes another product or runs on another line.</summary>
    public const string FrozenRunRecipeMismatch = "FROZEN_RUN_RECIPE_MISMATCH";
    /// <summary>Two frozen runs on one line overlap in time.</summary>
    public const string FrozenRunOverlap = "FROZEN_RUN_OVERLAP";
    /// <summary>A frozen run makes more than its recipe's rate allows in its working time (warning).</summary>
    public const string FrozenRunExceedsRate = "FROZEN_RUN_EXCEEDS_RATE";
    /// <summary>A frozen run lies outside the horizon and is ignored (warning).</summary>
    public const string FrozenRunOutsideHorizon = "FROZEN_RUN_OUTSIDE_HORIZON";
}
