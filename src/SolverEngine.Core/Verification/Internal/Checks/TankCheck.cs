using SolverEngine.Contracts.V1;
using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// Tanks (model.proto, Tank), over the whole horizon, frozen runs included:
/// <list type="bullet">
/// <item>Flows: a run whose recipe has output_tank_id fills the tank with its good output, a run
/// whose recipe has input_tank_id draws its product inputs (q / yield x quantity_per_unit each;
/// materials still come from site stock) from it; each at a constant rate over [start, end)
/// (a run that does not start before it ends is a step at its start).</item>
/// <item>Level = initial_level + fills - draws is piecewise linear, so it is checked at every
/// breakpoint (each run start and end) and at every bucket end: within [0, capacity], tolerance
/// 1e-6 x max(1, capacity). In DAY buckets every breakpoint counts (runs are timed and coordinated
/// across lines there, plan.proto Plan.runs); inside WEEK and MONTH buckets campaigns are placed
/// from the bucket's start on each line independently, not timed across lines, so there the level
/// that counts is the end-of-bucket level ("aggregate views hold the end-of-bucket level within
/// capacity"). Each stretch out of bounds is one violation, with its first instant and its worst
/// level.</item>
/// <item>Products: only allowed_product_ids (empty = any). The tank holds initial_product_id at
/// the start (nothing when unset). A draw of q needs the tank to hold q. A fill of q while it
/// holds p != q switches it to q only when the level is 0, no run of p is still filling or drawing,
/// and at least clean_hours (wall-clock) have passed since the end of the last run that filled or
/// drew p (horizon start when none did). A tank that held nothing needs no cleaning. Events at
/// one instant: ends first, then fills, then draws.</item>
/// </list>
/// </summary>
internal sealed class TankCheck : IPlanCheck
{
    private sealed record Flow(ResolvedRun Run, string Product, bool IsFill, double Quantity)
    {
        public DateTime Start => Run.Start;

        public DateTime End => Run.End;

        public bool IsStep => Run.End <= Run.Start;

        /// <summary>Signed units per hour (fills positive).</summary>
        public double Rate => IsStep ? 0.0 : (IsFill ? Quantity : -Quantity) / (End - Start).TotalHours;

        public override string ToString() => $"run {Run.Index} ({(IsFill ? "fills" : "draws")} {Q(Quantity)} of '{Product}', {Run.Line.Id} [{T(Start)}, {T(End)}))";
    }

    public void Check(VerificationContext ctx)
    {
        var flows = new Dictionary<string, List<Flow>>(StringComparer.Ordinal);
        void Add(string tankId, Flow flow)
        {
            if (!ctx.Tanks.ContainsKey(tankId) || flow.Start == DateTime.MinValue || flow.End == DateTime.MinValue)
            {
                return; // unknown tanks are a validation error; missing times are reported by the run check
            }

            if (!flows.TryGetValue(tankId, out var list))
            {
                list = [];
                flows[tankId] = list;
            }

            list.Add(flow);
        }

        foreach (var r in ctx.Runs)
        {
            if (r.Recipe.OutputTankId.Length > 0)
            {
                Add(r.Recipe.OutputTankId, new Flow(r, r.Product.Id, true, r.Quantity));
            }

            if (r.Recipe.InputTankId.Length > 0)
            {
                foreach (var input in r.Recipe.Inputs.Where(i => i.ProductId.Length > 0))
                {
                    Add(r.Recipe.InputTankId, new Flow(r, input.ProductId, false, r.Quantity / r.Yield * input.QuantityPerUnit));
                }
            }
        }

        foreach (var (tankId, list) in flows.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            CheckTank(ctx, ctx.Tanks[tankId], list);
        }
    }

    private static void CheckTank(VerificationContext ctx, Tank tank, List<Flow> flows)
    {
        var slack = Tolerance.Relative * Math.Max(1.0, tank.Capacity);
        var starts = flows.OrderBy(f => f.Start).ThenBy(f => f.IsFill ? 0 : 1).ThenBy(f => f.Run.Index).ToList();
        var ends = flows.Where(f => !f.IsStep).OrderBy(f => f.End).ToList();
        var boundaries = ctx.Buckets.Select(b => b.Start).Append(ctx.Grid.End).ToHashSet();
        var times = starts.Select(f => f.Start).Concat(ends.Select(f => f.End)).Concat(boundaries).Distinct().Order().ToList();

        var over = new Episode(true);
        var under = new Episode(false);
        var level = tank.InitialLevel;
        var slope = 0.0;
        var time = times.Count > 0 && times[0] < ctx.Grid.Start ? times[0] : ctx.Grid.Start;
        string? held = tank.InitialProductId.Length > 0 ? tank.InitialProductId : null;
        var lastUse = new Dictionary<string, (DateTime End, Flow? By)>(StringComparer.Ordinal);
        var active = new List<Flow>();
        int si = 0, ei = 0;
        void Bounds(DateTime t)
        {
            var b = ctx.Grid.IndexOf(t);
            if (!boundaries.Contains(t) && b >= 0 && ctx.Buckets[b].Granularity != Granularity.Day)
            {
                return; // inside a campaign bucket: only its end-of-bucket level counts
            }

            over.Observe(ctx, tank, t, level, level > tank.Capacity + slack, active);
            under.Observe(ctx, tank, t, level, level < -slack, active);
        }

        foreach (var t in times)
        {
            level += slope * (t - time).TotalHours;
            time = t;
            Bounds(t);
            for (; ei < ends.Count && ends[ei].End <= t; ei++)
            {
                slope -= ends[ei].Rate;
                active.Remove(ends[ei]);
            }

            var stepped = false;
            for (; si < starts.Count && starts[si].Start <= t; si++)
            {
                var f = starts[si];
                held = Products(ctx, tank, f, held, level, slack, lastUse);
                var previous = lastUse.GetValueOrDefault(f.Product, (DateTime.MinValue, null));
                if (f.End > previous.End)
                {
                    lastUse[f.Product] = (f.End, f);
                }

                if (f.IsStep)
                {
                    level += f.IsFill ? f.Quantity : -f.Quantity;
                    stepped = true;
                }
                else
                {
                    slope += f.Rate;
                    active.Add(f);
                }
            }

            if (stepped)
            {
                Bounds(t);
            }
        }

        over.Close(ctx, tank);
        under.Close(ctx, tank);
    }

    // The one-product-at-a-time rules for a fill or draw starting now; returns what the tank holds after it.
    private static string? Products(VerificationContext ctx, Tank tank, Flow f, string? held, double level, double slack,
        Dictionary<string, (DateTime End, Flow? By)> lastUse)
    {
        var r = f.Run;
        if (tank.AllowedProductIds.Count > 0 && !tank.AllowedProductIds.Contains(f.Product))
        {
            ctx.Add(ViolationCodes.TankProductNotAllowed, r.Path,
                $"Run {r.Index} ({r.Line.Id}, starts {T(f.Start)}, bucket {r.Bucket}) {(f.IsFill ? "fills" : "draws")} {Q(f.Quantity)} of '{f.Product}' "
                + $"{(f.IsFill ? "into" : "from")} tank '{tank.Id}', which may hold only {string.Join(", ", tank.AllowedProductIds)}.");
        }

        if (!f.IsFill)
        {
            if (held != f.Product)
            {
                ctx.Add(ViolationCodes.TankWrongProduct, r.Path,
                    $"Run {r.Index} ({r.Line.Id}, starts {T(f.Start)}, bucket {r.Bucket}) draws {Q(f.Quantity)} of '{f.Product}' from tank '{tank.Id}', "
                    + $"which holds {(held is null ? "nothing" : $"'{held}'")} then (level {Q(level)}).");
            }

            return held;
        }

        if (held is null || held == f.Product)
        {
            return f.Product;
        }

        var (lastEnd, by) = lastUse.GetValueOrDefault(held, (ctx.Grid.Start, null));
        var since = lastEnd == DateTime.MinValue ? ctx.Grid.Start : lastEnd;
        var lastDesc = by is null ? $"horizon start {T(since)} (no run touched it)" : $"the end of run {by.Run.Index} at {T(since)}";
        if (level > slack || since > f.Start + Tolerance.Time)
        {
            ctx.Add(ViolationCodes.TankMixedProducts, r.Path,
                $"Run {r.Index} ({r.Line.Id}, starts {T(f.Start)}, bucket {r.Bucket}) fills '{f.Product}' into tank '{tank.Id}' while it still holds '{held}' "
                + (level > slack ? $"(level {Q(level)})" : $"(run {by?.Run.Index} uses '{held}' until {T(since)})")
                + "; the tank must be drained and cleaned before it changes product.");
        }
        else if (f.Start - since < TimeSpan.FromHours(tank.CleanHours) - Tolerance.Time)
        {
            ctx.Add(ViolationCodes.TankCleanTimeTooShort, r.Path,
                $"Run {r.Index} ({r.Line.Id}, bucket {r.Bucket}) switches tank '{tank.Id}' from '{held}' to '{f.Product}' at {T(f.Start)}, "
                + $"{H((f.Start - since).TotalHours)} after {lastDesc}; clean_hours is {H(tank.CleanHours)}.");
        }

        return f.Product;
    }

    /// <summary>One stretch of time during which the level is out of bounds (above capacity, or below 0).</summary>
    private sealed class Episode(bool overflow)
    {
        private DateTime _first;
        private double _firstLevel;
        private DateTime _worstTime;
        private double _worst;
        private List<Flow>? _flows;

        public void Observe(VerificationContext ctx, Tank tank, DateTime t, double level, bool outOfBounds, List<Flow> active)
        {
            if (outOfBounds)
            {
                if (_flows is null)
                {
                    (_first, _firstLevel, _worstTime, _worst, _flows) = (t, level, t, level, [.. active]);
                }
                else if (overflow ? level > _worst : level < _worst)
                {
                    (_worstTime, _worst) = (t, level);
                }
            }
            else
            {
                Close(ctx, tank);
            }
        }

        public void Close(VerificationContext ctx, Tank tank)
        {
            if (_flows is null)
            {
                return;
            }

            var (b, where) = Locate(ctx, _first);
            var runs = _flows.Count == 0 ? "" : $" Running until then: {string.Join("; ", _flows.Take(4))}{(_flows.Count > 4 ? $" and {_flows.Count - 4} more" : "")}.";
            var worst = _worstTime == _first ? "" : $", worst {Q(_worst)} at {T(_worstTime)}";
            ctx.Add(overflow ? ViolationCodes.TankOverflow : ViolationCodes.TankUnderflow, b >= 0 ? $"buckets[{b}]" : "runs",
                $"Tank '{tank.Id}' {(overflow ? $"holds more than its capacity {Q(tank.Capacity)}" : "falls below empty")}: level {Q(_firstLevel)} at {T(_first)} ({where}){worst}."
                + runs);
            _flows = null;
        }

        // The bucket an instant is reported in: a bucket boundary is the end of the bucket before it.
        private static (int Bucket, string Where) Locate(VerificationContext ctx, DateTime t)
        {
            var b = ctx.Grid.IndexOf(t);
            if (t == ctx.Grid.End || (b > 0 && ctx.Buckets[b].Start == t))
            {
                var ended = t == ctx.Grid.End ? ctx.Buckets.Count - 1 : b - 1;
                return (ended, $"end of {ctx.Buckets[ended].Granularity.ToString().ToUpperInvariant()} bucket {ended}");
            }

            return (b, $"bucket {b}");
        }
    }
}
