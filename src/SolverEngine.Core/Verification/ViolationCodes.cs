namespace SolverEngine.Core.Verification;

/// <summary>
/// The stable codes of <see cref="Violation.Code"/>. Codes never change meaning once published;
/// new rule families add new codes.
/// </summary>
public static class ViolationCodes
{
    // --- Bucket grid ---------------------------------------------------------------------------
    /// <summary>plan.buckets differ from the grid recomputed from the horizon (count, start, end, granularity, fence).</summary>
    public const string BucketGridMismatch = "BUCKET_GRID_MISMATCH";

    // --- Any plan element ----------------------------------------------------------------------
    /// <summary>A plan element names a line, product, recipe, site, material, lane, order or bucket the model does not have.</summary>
    public const string UnknownReference = "UNKNOWN_REFERENCE";
    /// <summary>A quantity (run, delivery, transfer, purchase) is negative.</summary>
    public const string NegativeQuantity = "NEGATIVE_QUANTITY";
    /// <summary>A time (run, delivery, transfer departure, purchase order) lies outside the horizon.</summary>
    public const string OutsideHorizon = "OUTSIDE_HORIZON";

    // --- Runs ----------------------------------------------------------------------------------
    /// <summary>The run's recipe does not make its product on its line, or no single recipe can be chosen.</summary>
    public const string RunRecipeMismatch = "RUN_RECIPE_MISMATCH";
    /// <summary>A run does not start before it ends.</summary>
    public const string RunEmptyInterval = "RUN_EMPTY_INTERVAL";
    /// <summary>A run is not inside the bucket of its bucket_index.</summary>
    public const string RunOutsideBucket = "RUN_OUTSIDE_BUCKET";
    /// <summary>Two runs on one line overlap in time.</summary>
    public const string RunOverlap = "RUN_OVERLAP";
    /// <summary>quantity > rate x yield x working hours in [start, end).</summary>
    public const string RunRateExceeded = "RUN_RATE_EXCEEDED";
    /// <summary>quantity is not a multiple of the recipe's batch_size.</summary>
    public const string RunBatchSize = "RUN_BATCH_SIZE";
    /// <summary>A lot that starts with a changeover makes less than min_run_quantity in its bucket.</summary>
    public const string RunBelowMinQuantity = "RUN_BELOW_MIN_QUANTITY";
    /// <summary>More lots start in a bucket than the line's max_runs_per_bucket.</summary>
    public const string MaxRunsPerBucketExceeded = "MAX_RUNS_PER_BUCKET_EXCEEDED";
    /// <summary>A reported bucket quantity differs from the output of the runs of its recipe in its bucket, or one is missing.</summary>
    public const string BucketQuantityMismatch = "BUCKET_QUANTITY_MISMATCH";

    // --- Changeovers ---------------------------------------------------------------------------
    /// <summary>The transition is forbidden by the applicable changeover rule.</summary>
    public const string ChangeoverForbidden = "CHANGEOVER_FORBIDDEN";
    /// <summary>The rules require a changeover (hours or cost > 0) but the run reports none.</summary>
    public const string ChangeoverMissing = "CHANGEOVER_MISSING";
    /// <summary>The reported changeover hours are below the rule's hours.</summary>
    public const string ChangeoverTooShort = "CHANGEOVER_TOO_SHORT";
    /// <summary>The working hours available before the run (changeover window) are below the rule's hours.</summary>
    public const string ChangeoverNoTime = "CHANGEOVER_NO_TIME";
    /// <summary>The reported changeover cost differs from the rule's cost.</summary>
    public const string ChangeoverCostMismatch = "CHANGEOVER_COST_MISMATCH";
    /// <summary>The reported "from" state differs from the line's real set-up state (or a changeover is reported where none happens).</summary>
    public const string ChangeoverFromMismatch = "CHANGEOVER_FROM_MISMATCH";
    /// <summary>The reported changeover [start, end) is not inside the window between the previous run and this run.</summary>
    public const string ChangeoverOutsideWindow = "CHANGEOVER_OUTSIDE_WINDOW";

    // --- Capacity ------------------------------------------------------------------------------
    /// <summary>Production hours + changeover hours of a line in a bucket exceed its working hours.</summary>
    public const string LineCapacityExceeded = "LINE_CAPACITY_EXCEEDED";

    // --- Inventory -----------------------------------------------------------------------------
    /// <summary>End-of-bucket stock of a product at a site is negative.</summary>
    public const string NegativeStock = "NEGATIVE_STOCK";
    /// <summary>End-of-bucket stock of a material at a site is negative (more consumed than available).</summary>
    public const string MaterialShortage = "MATERIAL_SHORTAGE";
    /// <summary>A reported inventory level differs from the recomputed end-of-bucket stock.</summary>
    public const string InventoryMismatch = "INVENTORY_MISMATCH";
    /// <summary>A reported backlog differs from the recomputed end-of-bucket backlog.</summary>
    public const string BacklogMismatch = "BACKLOG_MISMATCH";
    /// <summary>Total end-of-bucket product stock at a site exceeds its warehouse capacity.</summary>
    public const string WarehouseCapacityExceeded = "WAREHOUSE_CAPACITY_EXCEEDED";

    // --- Demand --------------------------------------------------------------------------------
    /// <summary>A delivery's bucket_index is not the bucket containing its time.</summary>
    public const string DeliveryBucketMismatch = "DELIVERY_BUCKET_MISMATCH";
    /// <summary>Delivery more than ordered: cumulative deliveries exceed cumulative demand of a (product, site).</summary>
    public const string DeliveryExceedsDemand = "DELIVERY_EXCEEDS_DEMAND";
    /// <summary>The deliveries of one order add up to more than its quantity.</summary>
    public const string OrderOverDelivered = "ORDER_OVER_DELIVERED";
    /// <summary>A delivery names an order of another product or site.</summary>
    public const string DeliveryOrderMismatch = "DELIVERY_ORDER_MISMATCH";
    /// <summary>A delivery's lateness differs from max(0, time - due) (zero for forecast deliveries).</summary>
    public const string DeliveryLatenessMismatch = "DELIVERY_LATENESS_MISMATCH";
    /// <summary>MUST_MEET demand not delivered in full in its own bucket.</summary>
    public const string DemandNotMet = "DEMAND_NOT_MET";

    // --- Materials -----------------------------------------------------------------------------
    /// <summary>A purchase of a material that is not purchasable.</summary>
    public const string PurchaseNotAllowed = "PURCHASE_NOT_ALLOWED";
    /// <summary>A purchase's arrival differs from order_time + the material's lead time.</summary>
    public const string PurchaseArrivalMismatch = "PURCHASE_ARRIVAL_MISMATCH";
    /// <summary>Purchases of a material at a site in one day exceed max_purchase_per_day.</summary>
    public const string PurchaseLimitExceeded = "PURCHASE_LIMIT_EXCEEDED";

    // --- Lanes ---------------------------------------------------------------------------------
    /// <summary>A transfer moves a product its lane does not allow.</summary>
    public const string LaneProductNotAllowed = "LANE_PRODUCT_NOT_ALLOWED";
    /// <summary>A transfer's arrival differs from departure + the lane's lead time.</summary>
    public const string TransferArrivalMismatch = "TRANSFER_ARRIVAL_MISMATCH";
    /// <summary>Departures on a lane in one day exceed capacity_per_day.</summary>
    public const string LaneCapacityExceeded = "LANE_CAPACITY_EXCEEDED";

    // --- Frozen runs ---------------------------------------------------------------------------
    /// <summary>A frozen run of the model does not appear in the plan.</summary>
    public const string FrozenRunMissing = "FROZEN_RUN_MISSING";
    /// <summary>A frozen run appears with another start, end, quantity or recipe.</summary>
    public const string FrozenRunChanged = "FROZEN_RUN_CHANGED";
    /// <summary>A run that is not a frozen run starts in the frozen zone, or a run is marked frozen without being one.</summary>
    public const string FrozenZoneViolated = "FROZEN_ZONE_VIOLATED";

    // --- Timed zone (DAY buckets) ---------------------------------------------------------------
    /// <summary>A run in a DAY bucket starts or ends in non-working time of its line (outside the calendar's daily window, or downtime); a pause inside is allowed.</summary>
    public const string RunOutsideWorkingTime = "RUN_OUTSIDE_WORKING_TIME";
    /// <summary>The reported changeover [start, end) of a run in a DAY bucket starts or ends in non-working time of its line (outside the calendar, or downtime).</summary>
    public const string ChangeoverOutsideWorkingTime = "CHANGEOVER_OUTSIDE_WORKING_TIME";

    // --- Shared assets -------------------------------------------------------------------------
    /// <summary>DAY buckets: more occupations of a shared asset (runs whose recipe lists it, changeovers whose rule lists it) overlap at one instant than its capacity.</summary>
    public const string AssetOverlap = "ASSET_OVERLAP";
    /// <summary>DAY buckets: an occupation of a shared asset has non-working time of the asset's calendar (outside its daily window, or downtime) inside it.</summary>
    public const string AssetOutsideCalendar = "ASSET_OUTSIDE_CALENDAR";
    /// <summary>WEEK/MONTH buckets: occupied hours of an asset (production hours q / (rate x yield), changeover hours) exceed capacity x the asset's working hours in the bucket.</summary>
    public const string AssetHoursExceeded = "ASSET_HOURS_EXCEEDED";

    // --- Tanks ---------------------------------------------------------------------------------
    /// <summary>The level of a tank (initial level + fills - draws, each at a constant rate over its run) rises above its capacity: at some instant of a DAY bucket, or at the end of any bucket.</summary>
    public const string TankOverflow = "TANK_OVERFLOW";
    /// <summary>The level of a tank falls below zero (more drawn than filled by then, e.g. a draw before the fill): at some instant of a DAY bucket, or at the end of any bucket.</summary>
    public const string TankUnderflow = "TANK_UNDERFLOW";
    /// <summary>A run fills a tank with, or draws from it, a product the tank's allowed_product_ids do not list.</summary>
    public const string TankProductNotAllowed = "TANK_PRODUCT_NOT_ALLOWED";
    /// <summary>A fill of another product starts while the tank still holds the previous product (level above zero, or a run of the previous product still filling or drawing).</summary>
    public const string TankMixedProducts = "TANK_MIXED_PRODUCTS";
    /// <summary>A run draws a product the tank does not hold at that time (it holds another product, or nothing).</summary>
    public const string TankWrongProduct = "TANK_WRONG_PRODUCT";
    /// <summary>A fill switches the tank to another product less than clean_hours (wall-clock) after the last run that filled or drew the previous product (or after horizon start).</summary>
    public const string TankCleanTimeTooShort = "TANK_CLEAN_TIME_TOO_SHORT";

    // --- Plan stability ------------------------------------------------------------------------
    /// <summary>plan.kpis.stability (runs moved, added, removed against previous_plan) differs from the counts recomputed as Policy describes.</summary>
    public const string StabilityMismatch = "STABILITY_MISMATCH";

    // --- Objective -----------------------------------------------------------------------------
    /// <summary>The reported objective differs from the recomputed total by more than 1e-6 relative.</summary>
    public const string ObjectiveMismatch = "OBJECTIVE_MISMATCH";

    /// <summary>Every code, in table order (for documentation and tests).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        BucketGridMismatch, UnknownReference, NegativeQuantity, OutsideHorizon,
        RunRecipeMismatch, RunEmptyInterval, RunOutsideBucket, RunOverlap, RunRateExceeded, RunBatchSize,
        RunBelowMinQuantity, MaxRunsPerBucketExceeded, BucketQuantityMismatch,
        ChangeoverForbidden, ChangeoverMissing, ChangeoverTooShort, ChangeoverNoTime, ChangeoverCostMismatch,
        ChangeoverFromMismatch, ChangeoverOutsideWindow,
        LineCapacityExceeded,
        NegativeStock, MaterialShortage, InventoryMismatch, BacklogMismatch, WarehouseCapacityExceeded,
        DeliveryBucketMismatch, DeliveryExceedsDemand, OrderOverDelivered, DeliveryOrderMismatch,
        DeliveryLatenessMismatch, DemandNotMet,
        PurchaseNotAllowed, PurchaseArrivalMismatch, PurchaseLimitExceeded,
        LaneProductNotAllowed, TransferArrivalMismatch, LaneCapacityExceeded,
        FrozenRunMissing, FrozenRunChanged, FrozenZoneViolated,
        RunOutsideWorkingTime, ChangeoverOutsideWorkingTime,
        AssetOverlap, AssetOutsideCalendar, AssetHoursExceeded,
        TankOverflow, TankUnderflow, TankProductNotAllowed, TankMixedProducts, TankWrongProduct, TankCleanTimeTooShort,
        StabilityMismatch,
        ObjectiveMismatch,
    ];
}
