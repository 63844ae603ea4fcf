using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;
using SolverEngine.Core.Internal;

namespace SolverEngine.Core.Validation.Internal;

// Horizon, sites, lines, calendars, tanks, shared assets and lanes.
internal sealed partial class ModelChecker
{
    private void CheckHorizon()
    {
        var h = _m.Horizon;
        if (h is null)
        {
            Error(ValidationCodes.MissingHorizon, "horizon", "The model has no horizon.",
                "Add a horizon with a start and at least one band, e.g. {\"start\": \"2026-01-05T00:00:00Z\", \"bands\": [{\"granularity\": \"DAY\", \"count\": 14}]}.");
            return;
        }
        var ok = true;
        var start = Time(h.Start, "horizon.start", "The horizon", required: false);
        if (h.Start is null)
        {
            Error(ValidationCodes.MissingHorizonStart, "horizon.start", "The horizon has no start.",
                "Set horizon.start to the UTC start of the first bucket, e.g. \"2026-01-05T00:00:00Z\".");
        }
        ok &= start is not null;
        if (h.Bands.Count == 0)
        {
            Error(ValidationCodes.NoBuckets, "horizon.bands", "The horizon has no resolution band, so it has no bucket to plan in.",
                "Add at least one band, e.g. {\"granularity\": \"DAY\", \"count\": 14}.");
            ok = false;
        }
        long total = 0;
        for (var i = 0; i < h.Bands.Count; i++)
        {
            var b = h.Bands[i];
            var path = $"horizon.bands[{i}]";
            if (b.Granularity == Granularity.Unspecified)
            {
                Error(ValidationCodes.UnspecifiedGranularity, path + ".granularity", $"Resolution band #{i} has no granularity.",
                    "Set granularity to DAY, WEEK or MONTH.");
                ok = false;
            }
            else if (!System.Enum.IsDefined(b.Granularity))
            {
                CheckEnum(b.Granularity, path + ".granularity", $"Resolution band #{i}");
                ok = false;
            }
            if (b.Count == 0)
            {
                Error(ValidationCodes.EmptyBand, path + ".count", $"Resolution band #{i} ({b.Granularity}) has count 0; a band must have at least one bucket.",
                    "Give the number of buckets of this granularity, or remove the band.", "0");
                ok = false;
            }
            total += b.Count;
        }
        if (total > BucketGrid.MaxBuckets)
        {
            Error(ValidationCodes.HorizonTooLong, "horizon.bands", $"The horizon has {total} buckets; at most {BucketGrid.MaxBuckets} are supported.",
                "Use coarser bands (WEEK, MONTH) for the far horizon.", total.ToString(System.Globalization.CultureInfo.InvariantCulture));
            ok = false;
        }

        var frozen = Span(h.Frozen, "horizon.frozen", "The horizon");
        var slushy = Span(h.Slushy, "horizon.slushy", "The horizon");
        if (frozen is { } fz && slushy is { } sl && sl < fz)
        {
            Error(ValidationCodes.SlushyBeforeFrozen, "horizon.slushy",
                $"The horizon's slushy fence ({ProtoTime.Format(sl)}) lies before its frozen fence ({ProtoTime.Format(fz)}); slushy must be >= frozen.",
                "Both are measured from horizon.start: the slushy zone follows the frozen zone. Leave slushy out for no slushy zone.", h.Slushy!.ToString());
        }

        if (!ok)
            return;
        try
        {
            _grid = BucketGrid.Create(h);
        }
        catch (ArgumentException)
        {
            Error(ValidationCodes.HorizonTooLong, "horizon.bands", $"The horizon starting {ProtoTime.Format(start!.Value)} runs past the year 9999.",
                "Use fewer or coarser buckets.");
            return;
        }
        if (frozen is { } f && start!.Value + f > _grid.End)
            Warn(ValidationCodes.FenceBeyondHorizon, "horizon.frozen", $"The frozen fence ({ProtoTime.Format(f)}) lies beyond the horizon end {ProtoTime.Format(_grid.End)}; the whole horizon is frozen.",
                "Nothing but frozen runs can be planned; shorten the frozen zone if that is not intended.", h.Frozen!.ToString());
    }

    private void CheckSites()
    {
        if (_m.Sites.Count == 0)
            Error(ValidationCodes.NoSites, "sites", "The model has no site; at least one is needed.", "Add a site, e.g. {\"id\": \"PLANT1\"}, and set the lines' site_id.");
        for (var i = 0; i < _m.Sites.Count; i++)
        {
            var s = _m.Sites[i];
            if (s.HasWarehouseCapacity)
                NonNegative(s.WarehouseCapacity, $"sites[{i}].warehouse_capacity", Label("Site", s.Id, i), "units", "Leave warehouse_capacity out for unlimited storage.");
        }
    }

    private void CheckLines()
    {
        if (_m.Lines.Count == 0)
            Error(ValidationCodes.NoLines, "lines", "The model has no line; at least one is needed.", "Add a production line with a site_id and recipes that use it.");
        var linesWithRecipes = _m.Recipes.Select(r => r.LineId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < _m.Lines.Count; i++)
        {
            var l = _m.Lines[i];
            var p = $"lines[{i}]";
            var subject = Label("Line", l.Id, i);
            if (l.Id.Length > 0 && !linesWithRecipes.Contains(l.Id))
                Warn(ValidationCodes.LineWithoutRecipes, p, $"{subject} has no recipe, so it never produces anything.",
                    "Add recipes with line_id = the line's id, or remove the line.", l.Id);
            Ref(_sites, l.SiteId, p + ".site_id", subject, "site", "sites", required: true);
            Ref(_products, l.InitialProductId, p + ".initial_product_id", subject, "product", "products", required: false);
            if (l.Calendar is not null)
                CheckCalendar(l.Calendar, p + ".calendar", subject);
            if (l.HasMaxRunsPerBucket && l.MaxRunsPerBucket == 0)
                Warn(ValidationCodes.LineCannotRun, p + ".max_runs_per_bucket", $"{subject} has max_runs_per_bucket 0, so it can never run.",
                    "Leave max_runs_per_bucket out for no limit.", "0");
        }
    }

    private void CheckCalendar(Calendar c, string path, string subject)
    {
        var who = $"The calendar of {subject[..1].ToLowerInvariant()}{subject[1..]}";
        if (c.HasHoursPerDay && Finite(c.HoursPerDay, path + ".hours_per_day", who) && (c.HoursPerDay <= 0 || c.HoursPerDay > 24))
        {
            Error(ValidationCodes.CalendarHoursOutOfRange, path + ".hours_per_day", $"{who} has hours_per_day {F(c.HoursPerDay)}; it must be in (0, 24].",
                "Use 24 for round the clock (or leave it out); use downtimes or weekday_hours for days off.", F(c.HoursPerDay));
        }
        if (Span(c.ShiftStart, path + ".shift_start", who) is { } shift && shift >= TimeSpan.FromHours(24))
        {
            Error(ValidationCodes.ShiftStartOutOfRange, path + ".shift_start", $"{who} has shift_start {ProtoTime.Format(shift)}; it must be less than 24h after midnight UTC.",
                "shift_start is the daily start of the working window, e.g. \"21600s\" for 06:00.", c.ShiftStart!.ToString());
        }
        if (c.WeekdayHours.Count != 0 && c.WeekdayHours.Count != 7)
        {
            Error(ValidationCodes.WeekdayHoursCount, path + ".weekday_hours", $"{who} has {c.WeekdayHours.Count} weekday_hours values; it needs exactly 7 (Monday..Sunday) or none.",
                "List the working hours of Monday through Sunday, e.g. [16,16,16,16,16,0,0].", c.WeekdayHours.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        for (var k = 0; k < c.WeekdayHours.Count; k++)
        {
            var v = c.WeekdayHours[k];
            var vp = $"{path}.weekday_hours[{k}]";
            if (Finite(v, vp, who) && (v < 0 || v > 24))
                Error(ValidationCodes.CalendarHoursOutOfRange, vp, $"{who} has weekday_hours[{k}] = {F(v)}; each value must be in [0, 24].",
                    "0 means no work that day; 24 means round the clock.", F(v));
        }
        if (c.WeekdayHours.Count == 7 && c.WeekdayHours.All(v => v == 0))
            Warn(ValidationCodes.NoWorkingTime, path + ".weekday_hours", $"{who} has 0 hours on every weekday, so it never works.",
                "Give the working hours of at least one day.");
        for (var k = 0; k < c.Downtimes.Count; k++)
        {
            var d = c.Downtimes[k];
            var dp = $"{path}.downtimes[{k}]";
            var dwho = $"Downtime #{k} of {subject}";
            var s = Time(d.Start, dp + ".start", dwho, required: true);
            var e = Time(d.End, dp + ".end", dwho, required: true);
            if (s is { } ds && e is { } de && de <= ds)
                Error(ValidationCodes.EmptyInterval, dp + ".end", $"{dwho} ends at {ProtoTime.Format(de)}, not after its start {ProtoTime.Format(ds)}.",
                    "A downtime is the interval [start, end); end must be later than start.", ProtoTime.Format(de));
        }
    }

    private void CheckTanks()
    {
        for (var i = 0; i < _m.Tanks.Count; i++)
        {
            var t = _m.Tanks[i];
            var p = $"tanks[{i}]";
            var subject = Label("Tank", t.Id, i);
            Ref(_sites, t.SiteId, p + ".site_id", subject, "site", "sites", required: true);
            if (Finite(t.Capacity, p + ".capacity", subject) && t.Capacity <= 0)
                Error(ValidationCodes.NonPositiveCapacity, p + ".capacity", $"{subject} has capacity {F(t.Capacity)} (units); it must be > 0.",
                    "Give the tank's usable volume in the product's units.", F(t.Capacity));
            for (var k = 0; k < t.AllowedProductIds.Count; k++)
                Ref(_products, t.AllowedProductIds[k], $"{p}.allowed_product_ids[{k}]", subject, "product", "products", required: true);
            NoRepeats(t.AllowedProductIds, p + ".allowed_product_ids", subject);
            NonNegative(t.CleanHours, p + ".clean_hours", subject, "hours");
            var initial = Ref(_products, t.InitialProductId, p + ".initial_product_id", subject, "product", "products", required: false);
            if (initial >= 0 && !TankAllows(t, t.InitialProductId))
                Error(ValidationCodes.TankProductNotAllowed, p + ".initial_product_id",
                    $"{subject} starts with product '{t.InitialProductId}', which is not among its allowed products ({string.Join(", ", t.AllowedProductIds.Select(x => $"'{x}'"))}).",
                    "Add the product to allowed_product_ids or fix initial_product_id.", t.InitialProductId);
            if (Finite(t.InitialLevel, p + ".initial_level", subject))
            {
                if (t.InitialLevel < 0 || (t.Capacity > 0 && t.InitialLevel > t.Capacity))
                    Error(ValidationCodes.TankLevelOutOfRange, p + ".initial_level",
                        $"{subject} has initial_level {F(t.InitialLevel)} (units) but capacity {F(t.Capacity)}; the level must be in [0, capacity].",
                        "Check the units of the level and the capacity.", F(t.InitialLevel));
                if (t.InitialLevel > 0 && t.InitialProductId.Length == 0)
                    Error(ValidationCodes.MissingValue, p + ".initial_product_id",
                        $"{subject} holds {F(t.InitialLevel)} units at horizon start but has no initial_product_id.",
                        "Name the product in the tank; it is required when initial_level > 0.");
            }
        }
    }

    private static bool TankAllows(Tank t, string productId) => t.AllowedProductIds.Count == 0 || t.AllowedProductIds.Contains(productId);

    private void CheckSharedAssets()
    {
        for (var i = 0; i < _m.SharedAssets.Count; i++)
        {
            var a = _m.SharedAssets[i];
            var p = $"shared_assets[{i}]";
            var subject = Label("Shared asset", a.Id, i);
            Ref(_sites, a.SiteId, p + ".site_id", subject, "site", "sites", required: false);
            if (a.HasCapacity && a.Capacity == 0)
                Error(ValidationCodes.NonPositiveCapacity, p + ".capacity", $"{subject} has capacity 0 (concurrent uses); it must be >= 1.",
                    "Leave capacity out for 1; a run or changeover that needs the asset could never happen with 0.", "0");
            if (a.Calendar is not null)
                CheckCalendar(a.Calendar, p + ".calendar", subject);
        }
    }

    private void CheckLanes()
    {
        for (var i = 0; i < _m.Lanes.Count; i++)
        {
            var l = _m.Lanes[i];
            var p = $"lanes[{i}]";
            var subject = Label("Lane", l.Id, i);
            var from = Ref(_sites, l.FromSiteId, p + ".from_site_id", subject, "site", "sites", required: true);
            Ref(_sites, l.ToSiteId, p + ".to_site_id", subject, "site", "sites", required: true);
            if (from >= 0 && l.FromSiteId == l.ToSiteId)
                Error(ValidationCodes.LaneSameSite, p + ".to_site_id", $"{subject} goes from site '{l.FromSiteId}' to itself.",
                    "A lane moves goods between two different sites; fix to_site_id or remove the lane.", l.ToSiteId);
            Span(l.LeadTime, p + ".lead_time", subject);
            NonNegative(l.CostPerUnit, p + ".cost_per_unit", subject, "currency/unit");
            if (l.HasCapacityPerDay)
                NonNegative(l.CapacityPerDay, p + ".capacity_per_day", subject, "units/day", "Leave capacity_per_day out for unlimited.");
            for (var k = 0; k < l.ProductIds.Count; k++)
                Ref(_products, l.ProductIds[k], $"{p}.product_ids[{k}]", subject, "product", "products", required: true);
            NoRepeats(l.ProductIds, p + ".product_ids", subject);
        }
    }

    private void CheckPolicy()
    {
        if (_m.Policy is { } pol)
            NonNegative(pol.StabilityCost, "policy.stability_cost", "The policy", "currency/run");
    }
}
