using SolverEngine.Contracts.V1;
using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// Re-derives each line's set-up state from its runs in time order and checks the changeover
/// before every run against the rules (never against the plan's own numbers):
/// <list type="bullet">
/// <item>State at horizon start: initial_product_id, or clean (empty). From clean, the first run
/// needs no changeover (0 h, no cost). On a setup_per_bucket line the state is lost at horizon
/// start and at every bucket boundary; the first run of each bucket then takes the rule whose
/// "from" side is empty (any), even when the previous bucket ended with the same product.</item>
/// <item>a -&gt; a needs nothing. Otherwise the applicable rule (see <see cref="ChangeoverRules"/>);
/// forbidden is a violation; no match is 0 h and 0 cost.</item>
/// <item>The changeover window is [end of the previous run on the line (horizon start for the
/// first), start of this run); on a setup_per_bucket line a bucket's first run's window starts no
/// earlier than its bucket (the set-up is made in the bucket it serves). The window must hold at
/// least the rule's hours of working time. When the run reports ChangeoverInfo start/end, that
/// interval must lie in the window and hold the rule's hours.</item>
/// <item>Reported ChangeoverInfo: required when the rule costs hours or money; from_product_id
/// must be the real state (empty for clean or lost); hours &gt;= rule hours; cost = rule cost.
/// It must be absent when the line was already set up for the product.</item>
/// </list>
/// Changeover hours are charged to the buckets where they happen: the reported interval when
/// given, else the latest working time before the run (pro rata by working hours).
/// </summary>
internal sealed class ChangeoverCheck : IPlanCheck
{
    public void Check(VerificationContext ctx)
    {
        foreach (var (line, runs) in ctx.RunsByLine())
        {
            CheckLine(ctx, line, runs);
        }
    }

    private static void CheckLine(VerificationContext ctx, Line line, List<ResolvedRun> runs)
    {
        var calendar = ctx.CalendarOf(line);
        string? state = line.SetupPerBucket ? null : line.InitialProductId; // null = lost, "" = clean
        var previousEnd = ctx.Grid.Start;
        ResolvedRun? previous = null;
        foreach (var r in runs)
        {
            var windowStart = previousEnd;
            if (line.SetupPerBucket && (previous is null || previous.Bucket != r.Bucket))
            {
                state = null;
                if (r.Bucket >= 0 && ctx.Buckets[r.Bucket].Start > windowStart)
                {
                    windowStart = ctx.Buckets[r.Bucket].Start;
                }
            }

            CheckTransition(ctx, line, calendar, r, state, windowStart);
            state = r.Product.Id;
            previous = r;
            if (r.End > previousEnd)
            {
                previousEnd = r.End;
            }
        }
    }

    private static void CheckTransition(VerificationContext ctx, Line line, WorkingTime calendar, ResolvedRun r, string? state, DateTime windowStart)
    {
        var info = r.Run.Changeover;
        var path = r.Path + ".changeover";
        var desc = $"Run {r.Index} ({r.Product.Id} on {line.Id}, starts {T(r.Start)})";
        var stateName = state is null ? "(lost at bucket start)" : state.Length == 0 ? "(clean)" : $"'{state}'";
        if (state == r.Product.Id || state == "")
        {
            // No changeover: already set up, or the line is clean.
            if (info is not null && (state == r.Product.Id || info.FromProductId.Length > 0))
            {
                ctx.Add(ViolationCodes.ChangeoverFromMismatch, path,
                    $"{desc} reports a changeover from '{info.FromProductId}', but the line's set-up state is {stateName}; no changeover happens.");
            }
            else if (info is not null && !Tolerance.Eq(info.Cost, 0))
            {
                ctx.Add(ViolationCodes.ChangeoverCostMismatch, path + ".cost",
                    $"{desc} reports changeover cost {Q(info.Cost)} from a clean line; a clean line's first run costs 0.");
            }

            return;
        }

        r.NeedsChangeover = true;
        var rule = ctx.ChangeoverRules.Find(line.Id, state, r.Product.Id);
        var ruleName = rule is null ? "no rule (0 h, 0 cost)" : Describe(rule);
        if (info is not null && info.FromProductId != (state ?? ""))
        {
            ctx.Add(ViolationCodes.ChangeoverFromMismatch, path + ".from_product_id",
                $"{desc} reports a changeover from '{info.FromProductId}', but the line's set-up state is {stateName}.");
        }

        if (rule is { Forbidden: true })
        {
            ctx.Add(ViolationCodes.ChangeoverForbidden, r.Path,
                $"{desc}: the transition {stateName} -> '{r.Product.Id}' on line '{line.Id}' is forbidden by {ruleName}.");
            return;
        }

        var hours = rule?.Hours ?? 0.0;
        var cost = rule?.Cost ?? 0.0;
        r.ChangeoverRule = rule;
        ctx.Costs.Changeover += cost;
        if (info is null)
        {
            if (hours > 0 || cost > 0)
            {
                ctx.Add(ViolationCodes.ChangeoverMissing, path,
                    $"{desc} needs a changeover {stateName} -> '{r.Product.Id}' of {H(hours)} costing {Q(cost)} ({ruleName}), but reports none.");
            }
        }
        else
        {
            if (!Tolerance.Le(hours, info.Hours))
            {
                ctx.Add(ViolationCodes.ChangeoverTooShort, path + ".hours",
                    $"{desc} reports a changeover of {H(info.Hours)}; {ruleName} needs {H(hours)}.");
            }

            if (!Tolerance.Eq(info.Cost, cost))
            {
                ctx.Add(ViolationCodes.ChangeoverCostMismatch, path + ".cost",
                    $"{desc} reports changeover cost {Q(info.Cost)}; {ruleName} costs {Q(cost)}.");
            }
        }

        // Where the changeover happens, and whether the line has the working time for it.
        List<(DateTime Start, DateTime End)> placed;
        if (info is { Start: not null, End: not null })
        {
            var (cs, ce) = (info.Start.ToDateTime(), info.End.ToDateTime());
            if (ce < cs || !Tolerance.TimeLe(windowStart, cs) || !Tolerance.TimeLe(ce, r.Start))
            {
                ctx.Add(ViolationCodes.ChangeoverOutsideWindow, path,
                    $"{desc} reports its changeover at [{T(cs)}, {T(ce)}), outside the window [{T(windowStart)}, {T(r.Start)}) between the previous run and this one.");
                placed = calendar.Latest(hours, windowStart, r.Start);
            }
            else
            {
                placed = calendar.Intervals(cs, ce);
                if (ce > cs)
                {
                    r.ChangeoverSpan = (cs, ce);
                }

                var inReported = Sum(placed);
                if (!Tolerance.Le(hours, inReported))
                {
                    ctx.Add(ViolationCodes.ChangeoverNoTime, path,
                        $"{desc}: the reported changeover [{T(cs)}, {T(ce)}) holds {H(inReported)} of working time on line '{line.Id}'; {ruleName} needs {H(hours)}.");
                }
            }
        }
        else
        {
            var available = calendar.Hours(windowStart, r.Start);
            if (!Tolerance.Le(hours, available))
            {
                ctx.Add(ViolationCodes.ChangeoverNoTime, r.Path,
                    $"{desc}: the changeover {stateName} -> '{r.Product.Id}' needs {H(hours)} ({ruleName}), but line '{line.Id}' has {H(available)} of working time in [{T(windowStart)}, {T(r.Start)}).");
            }

            placed = calendar.Latest(hours, windowStart, r.Start);
        }

        if (r.ChangeoverSpan is null && placed.Count > 0)
        {
            r.ChangeoverSpan = (placed[0].Start, placed[^1].End);
        }

        Charge(ctx, line, r, hours, placed);
    }

    // Spread the rule's hours over the buckets of the placed working time, pro rata.
    private static void Charge(VerificationContext ctx, Line line, ResolvedRun r, double hours, List<(DateTime Start, DateTime End)> placed)
    {
        if (hours <= 0)
        {
            return;
        }

        var total = Sum(placed);
        if (total <= 0)
        {
            Add(ctx, line.Id, r.Bucket, hours);
            return;
        }

        foreach (var (s, e) in placed)
        {
            Add(ctx, line.Id, ctx.Grid.IndexOf(s), hours * (e - s).TotalHours / total);
        }
    }

    private static void Add(VerificationContext ctx, string lineId, int bucket, double hours)
    {
        if (bucket < 0)
        {
            return;
        }

        ctx.ChangeoverHours[(lineId, bucket)] = ctx.ChangeoverHours.GetValueOrDefault((lineId, bucket)) + hours;
    }

    private static double Sum(List<(DateTime Start, DateTime End)> intervals) => intervals.Sum(i => (i.End - i.Start).TotalHours);

    private static string Describe(Changeover c)
    {
        var from = c.FromProductId.Length > 0 ? $"'{c.FromProductId}'" : c.FromFamily.Length > 0 ? $"family '{c.FromFamily}'" : "any";
        var to = c.ToProductId.Length > 0 ? $"'{c.ToProductId}'" : c.ToFamily.Length > 0 ? $"family '{c.ToFamily}'" : "any";
        var line = c.LineId.Length > 0 ? $"line '{c.LineId}'" : "all lines";
        return c.Forbidden ? $"rule {from} -> {to} on {line}" : $"rule {from} -> {to} on {line} ({H(c.Hours)}, cost {Q(c.Cost)})";
    }
}
