using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Scheduling;

/// <summary>
/// Places the sequenced runs of a candidate at exact times, bucket by bucket in time order, all
/// lines together (model.proto <c>SharedAsset</c>, <c>Tank</c>; plan.proto <c>Plan.runs</c>):
/// <list type="bullet">
/// <item>every run and changeover inside its line's working time and its bucket, in sequence
/// order, never overlapping on the line;</item>
/// <item>in DAY buckets, every occupation of a shared asset inside the asset's working time and at
/// most capacity of them at once (WEEK and MONTH buckets: the LP's hour rows hold the asset);</item>
/// <item>in every bucket, each tank's level within [0, capacity] at every instant, one product at a
/// time, a product switch only when empty and clean_hours after the last run of the old product.</item>
/// </list>
/// Serial schedule generation: repeatedly the line whose next task can start earliest places it
/// at that earliest feasible start (found over event times and a grid, then refined by bisection
/// to the second). Without tanks and assets this is the back-to-back placement from the bucket's
/// first free instant. When every line waits on the others (a fill waits for room, the draws for
/// the fill), a stuck fill and draw are placed together as a pair; else the largest part of a
/// stuck fill or draw that fits now is placed, and the rest of that run goes last in the bucket
/// after a changeover back into it (a mixer alternating its bases while the fillers draw them; the
/// extra changeover cost is <see cref="TimedSchedule.ExtraChangeoverCost"/>), or, where that may
/// not be, follows at once in the same lot. When some task of a bucket cannot be placed, the result is a
/// <see cref="TimingFailure"/> for that bucket; the coordinator then caps the stuck runs and
/// re-solves (quantity moves to other buckets or to backlog), so a returned schedule is always
/// executable.
/// </summary>
internal sealed class TimedScheduler(PlanningInstance inst)
{
    private const double Eps = 1e-7;
    private static readonly long Second = TimeSpan.TicksPerSecond;
    private readonly ProcessPhysics _ph = ProcessPhysics.Of(inst);

    /// <summary>
    /// Places the runs of <paramref name="schedule"/> with quantities <paramref name="quantity"/>
    /// (recipe, bucket). Returns the timed schedule, or (null and) every bucket that did not fit: after
    /// a line gets stuck the rest of its bucket is left out and the later buckets are still placed,
    /// so one repair round sees all of them.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired (checked once per bucket).</exception>
    public (TimedSchedule? Schedule, IReadOnlyList<TimingFailure> Failures) Place(LineSchedule schedule, Func<int, int, double> quantity, CancellationToken ct = default)
    {
        var failures = new List<TimingFailure>();
        var L = inst.Lines.Length;
        var runs = new List<TimedRun>[L];
        for (var l = 0; l < L; l++) runs[l] = [];
        var tanks = _ph.Tanks.Select(k => new TankState(k, inst.HorizonStart)).ToArray();
        var frozenByBucket = inst.FrozenRuns.ToLookup(f => f.Bucket);
        // a line whose bucket ended on another product than its sequence (a deferred run): the state it really carries on
        var carried = new int?[L];
        var extraCost = 0.0;

        for (var t = 0; t < inst.T; t++)
        {
            ct.ThrowIfCancellationRequested();
            var bucket = inst.Buckets[t];
            var timed = bucket.Granularity == Granularity.Day;
            foreach (var tank in tanks) tank.Fold(bucket.Start);
            var occupations = _ph.Assets.Select(_ => new List<(DateTime S, DateTime E)>()).ToArray();
            foreach (var f in frozenByBucket[t])
            {
                if (f.Recipe < 0) continue;
                foreach (var a in _ph.RecipeAssets[f.Recipe]) occupations[a].Add((f.Start, f.End));
                AddFlows(tanks, f.Recipe, f.Product, f.Quantity, f.Start, f.End);
            }

            var queues = new Queue<Task>[L];
            var cursor = new DateTime[L];
            for (var l = 0; l < L; l++)
            {
                queues[l] = new Queue<Task>(Tasks(l, t, schedule[l, t], quantity, carried[l], ref extraCost));
                if (schedule[l, t].Order.Length > 0) carried[l] = null;
                cursor[l] = inst.Lines[l].FreeFrom[t];
            }
            var placed = new Dictionary<int, double>(); // recipe -> units placed in the bucket
            var pending = new TimedChangeover?[L]; // a line's changeover waiting for its run
            // each line's head task's earliest start, kept until a placement touches its line, tanks or assets
            var known = new (bool Valid, DateTime? Start)[L];
            var taskCount = queues.Sum(q => q.Count);
            var splits = 0;
            var deferrals = new int[L];
            while (true)
            {
                var best = -1;
                var bestStart = DateTime.MaxValue;
                var stuck = new List<int>();
                for (var l = 0; l < L; l++)
                {
                    if (queues[l].Count == 0) continue;
                    if (!known[l].Valid) known[l] = (true, EarliestStart(queues[l].Peek(), cursor[l], bucket, timed, occupations, tanks));
                    var s = known[l].Start;
                    if (s is null) { stuck.Add(l); continue; }
                    if (s.Value < bestStart) { bestStart = s.Value; best = l; }
                }
                if (best < 0 && stuck.Count > 0 && TryPair(stuck, queues, cursor, bucket, timed, occupations, tanks) is { } pair)
                {
                    // a fill and a draw of one tank that only fit together
                    PlaceNext(pair.A, pair.StartA);
                    PlaceNext(pair.B, pair.StartB);
                    continue;
                }
                if (best < 0 && stuck.Count > 0 && splits < MaxSplitsPerTask * taskCount && TrySplit(stuck, queues, cursor, bucket, timed, occupations, tanks) is { } split)
                {
                    // a fill or draw placed in part (what the tank allows now); the rest stays the line's next run, the same lot
                    splits++;
                    var line = split.Line;
                    var rest = queues[line].Skip(1).ToList();
                    if (Deferral(line, t, split.Part, split.Remainder, rest, schedule, quantity, deferrals[line]) is { } into)
                    {
                        // the rest of the run goes last in the bucket, after a changeover back into its product:
                        // the line goes on with its other runs meanwhile (a mixer alternating its bases)
                        deferrals[line]++;
                        extraCost += into.Entry.Cost;
                        rest.Add(into);
                        rest.Add(split.Remainder);
                        carried[line] = split.Remainder.Product;
                        queues[line] = new Queue<Task>(rest.Prepend(split.Part));
                    }
                    else queues[line] = new Queue<Task>(new[] { split.Part, split.Remainder }.Concat(rest));
                    known[line] = default;
                    PlaceNext(line, split.Start);
                    continue;
                }
                if (best < 0)
                {
                    if (stuck.Count == 0) break; // all placed
                    failures.Add(new TimingFailure(t, stuck.SelectMany(l => queues[l].Where(x => x.Recipe >= 0).Select((task, i) =>
                        new StuckRun(l, task.Recipe, placed.GetValueOrDefault(task.Recipe), task.Quantity, i == 0))).ToList()));
                    foreach (var l in stuck) queues[l].Clear();
                    continue;
                }

                PlaceNext(best, bestStart);
            }

            void PlaceNext(int best, DateTime bestStart)
            {
                var next = queues[best].Dequeue();
                known[best] = default;
                for (var l = 0; l < L; l++)
                    if (known[l].Valid && queues[l].Count > 0 && SharesResource(queues[l].Peek(), next)) known[l] = default;
                var line = inst.Lines[best];
                var end = EndOf(line, next, bestStart, bucket)!.Value;
                if (timed)
                    foreach (var a in next.Assets) occupations[a].Add((bestStart, end));
                if (next.Recipe < 0)
                {
                    pending[best] = new TimedChangeover(next.From, next.Entry, bestStart, end, next.Reported);
                }
                else
                {
                    if (next.Hours > 0 && end <= bestStart) end = bestStart.AddTicks(1);
                    AddFlows(tanks, next.Recipe, next.Product, next.Quantity, bestStart, end);
                    runs[best].Add(new TimedRun(best, next.Product, next.Recipe, t, bestStart, end, next.Quantity, pending[best]));
                    pending[best] = null;
                    placed[next.Recipe] = placed.GetValueOrDefault(next.Recipe) + next.Quantity;
                }
                cursor[best] = end;
            }
        }
        return failures.Count > 0 ? (null, failures) : (new TimedSchedule(runs) { ExtraChangeoverCost = extraCost }, failures);
    }

    // ------------------------------------------------------------------ tasks

    /// <summary>A changeover (Recipe = -1) or a run to place on one line.</summary>
    private sealed class Task
    {
        public required int Line { get; init; }
        public required int Product { get; init; }
        public required int Recipe { get; init; }
        public required double Hours { get; init; }
        /// <summary>
        /// Wall-clock working hours the task spans: a run may take longer than its production hours
        /// (its rate is then lower), which lets a draw keep pace with a slower fill.
        /// </summary>
        public double Stretch { get; set; } = 1;
        public double Span => Hours * Stretch;
        public double Quantity { get; init; }
        public required int[] Assets { get; init; }
        public int From { get; init; } = -1;
        public ChangeoverEntry Entry { get; init; }
        public bool Reported { get; init; }
    }

    private List<Task> Tasks(int l, int t, BucketSequence seq, Func<int, int, double> quantity, int? carried, ref double extraCost)
    {
        var line = inst.Lines[l];
        var state = seq.StartState;
        if (carried is { } c && c != state && !line.SetupPerBucket && seq.Order.FirstOrDefault(p => line.RecipesOfProduct[p].Any(r => quantity(r, t) > Eps), -1) is var first and >= 0)
        {
            // the previous bucket ended on a deferred run's product: the first changeover is from there (its cost difference is extra)
            extraCost += (line.Into(c, first)?.Cost ?? 0) - (line.Into(state, first)?.Cost ?? 0);
            state = c;
        }
        return TasksFrom(l, t, seq, quantity, state).ToList();
    }

    private IEnumerable<Task> TasksFrom(int l, int t, BucketSequence seq, Func<int, int, double> quantity, int state)
    {
        var line = inst.Lines[l];
        foreach (var p in seq.Order)
        {
            var recipes = line.RecipesOfProduct[p].Where(r => quantity(r, t) > Eps).ToList();
            if (recipes.Count == 0) continue;
            if (line.Into(state, p) is { } e)
            {
                yield return new Task
                {
                    Line = l, Product = p, Recipe = -1, Hours = e.Hours, From = state, Entry = e,
                    Assets = _ph.AssetsOfChangeover(l, state, p),
                    Reported = state >= 0 || line.SetupPerBucket,
                };
            }
            foreach (var r in recipes)
            {
                var q = quantity(r, t);
                yield return new Task { Line = l, Product = p, Recipe = r, Hours = q * inst.Recipes[r].HoursPerUnit, Quantity = q, Assets = _ph.RecipeAssets[r] };
            }
            state = p;
        }
    }

    private void AddFlows(TankState[] tanks, int recipe, int product, double quantity, DateTime s, DateTime e)
    {
        if (_ph.OutputTank[recipe] is var o and >= 0) tanks[o].Flows.Add(new Flow(s, e, product, quantity, true));
        if (_ph.InputTank[recipe] is var i and >= 0) tanks[i].Flows.Add(new Flow(s, e, _ph.DrawProduct[recipe], -quantity * _ph.DrawPerUnit[recipe], false));
    }

    // ------------------------------------------------------------------ earliest start

    private enum Verdict { Ok, Later, Never }

    /// <summary>The earliest feasible start of <paramref name="task"/> at or after <paramref name="from"/>; null when none in the bucket.</summary>
    private DateTime? EarliestStart(Task task, DateTime from, BucketInfo bucket, bool timed,
        List<(DateTime S, DateTime E)>[] occupations, TankState[] tanks, int ignoreTank = -1)
    {
        var line = LineOf(task);
        var fill = task.Recipe >= 0 && _ph.OutputTank[task.Recipe] != ignoreTank ? _ph.OutputTank[task.Recipe] : -1;
        var draw = task.Recipe >= 0 && _ph.InputTank[task.Recipe] != ignoreTank ? _ph.InputTank[task.Recipe] : -1;
        var assets = timed && task.Hours > 0 ? task.Assets : [];
        var first = Snap(line, task, from);
        var v = Check(task, line, first, bucket, assets, occupations, tanks, fill, draw);
        if (v == Verdict.Ok) return first;
        if (v == Verdict.Never) return null;

        // candidate starts: resource events, the assets' next working instants, and a grid
        var cands = new SortedSet<long>();
        var step = timed ? TimeSpan.FromMinutes(15).Ticks : TimeSpan.FromHours(1).Ticks;
        for (var c = from.Ticks + step - (from.Ticks - bucket.Start.Ticks) % step; c < bucket.End.Ticks; c += step) cands.Add(c);
        foreach (var a in assets)
            foreach (var o in occupations[a]) cands.Add(o.E.Ticks);
        foreach (var k in new[] { fill, draw })
        {
            if (k < 0) continue;
            foreach (var f in tanks[k].Flows) { cands.Add(f.Start.Ticks); cands.Add(f.End.Ticks); }
            if (_ph.Tanks[k].CleanHours > 0)
                foreach (var f in tanks[k].Flows) cands.Add((f.End + TimeSpan.FromHours(_ph.Tanks[k].CleanHours)).Ticks);
            cands.Add((tanks[k].LastEnd + TimeSpan.FromHours(_ph.Tanks[k].CleanHours)).Ticks);
        }
        foreach (var a in assets)
            foreach (var c in cands.ToList()) cands.Add(NextWorking(_ph.Assets[a].WorkingTime, new DateTime(c, DateTimeKind.Utc)).Ticks);

        var lastFail = first;
        foreach (var c in cands)
        {
            if (c <= first.Ticks || c >= bucket.End.Ticks) continue;
            var s = Snap(line, task, new DateTime(c, DateTimeKind.Utc));
            if (s <= lastFail) continue;
            v = Check(task, line, s, bucket, assets, occupations, tanks, fill, draw);
            if (v == Verdict.Never) return null;
            if (v == Verdict.Later) { lastFail = s; continue; }
            // refine between the last failing start and this one, to the second
            var lo = lastFail.Ticks;
            var hi = s;
            while (hi.Ticks - lo > Second)
            {
                var mid = Snap(line, task, new DateTime(lo + (hi.Ticks - lo) / 2, DateTimeKind.Utc));
                if (mid >= hi) { lo += (hi.Ticks - lo) / 2; continue; }
                if (Check(task, line, mid, bucket, assets, occupations, tanks, fill, draw) == Verdict.Ok) hi = mid;
                else lo = mid.Ticks;
            }
            // a whole second when that is feasible too
            var round = new DateTime((hi.Ticks + Second - 1) / Second * Second, DateTimeKind.Utc);
            if (round < s && round != hi && Check(task, line, round, bucket, assets, occupations, tanks, fill, draw) == Verdict.Ok) hi = round;
            return hi;
        }
        return null;
    }

    /// <summary>
    /// When no line can go on: a stuck fill and a stuck draw of one tank placed together - the fill
    /// at its earliest start ignoring that tank, the draw at its earliest start given the fill - at
    /// their own rates, or with the faster one stretched to the slower one's rate.
    /// </summary>
    private (int A, DateTime StartA, int B, DateTime StartB)? TryPair(List<int> stuck, Queue<Task>[] queues, DateTime[] cursor,
        BucketInfo bucket, bool timed, List<(DateTime S, DateTime E)>[] occupations, TankState[] tanks)
    {
        foreach (var a in stuck)
        {
            var fill = queues[a].Peek();
            if (fill.Recipe < 0 || _ph.OutputTank[fill.Recipe] is not (var k and >= 0)) continue;
            foreach (var b in stuck)
            {
                var draw = queues[b].Peek();
                if (b == a || draw.Recipe < 0 || _ph.InputTank[draw.Recipe] != k || fill.Hours <= 0 || draw.Hours <= 0) continue;
                var f = fill.Quantity / fill.Hours;
                var d = draw.Quantity * _ph.DrawPerUnit[draw.Recipe] / draw.Hours;
                var options = new List<(double A, double B)> { (1, 1), d > f ? (1, d / f) : (f / d, 1) };
                foreach (var (sa, sb) in options)
                {
                    fill.Stretch = sa;
                    draw.Stretch = sb;
                    if (EarliestStart(fill, cursor[a], bucket, timed, occupations, tanks, ignoreTank: k) is not { } startA) continue;
                    var endA = EndOf(inst.Lines[a], fill, startA, bucket)!.Value;
                    var flowA = new Flow(startA, endA, fill.Product, fill.Quantity, true);
                    tanks[k].Flows.Add(flowA);
                    var startB = EarliestStart(draw, cursor[b], bucket, timed, occupations, tanks);
                    tanks[k].Flows.Remove(flowA);
                    if (startB is { } sB)
                    {
                        var endB = EndOf(inst.Lines[b], draw, sB, bucket)!.Value;
                        var flowB = new Flow(sB, endB, _ph.DrawProduct[draw.Recipe], -draw.Quantity * _ph.DrawPerUnit[draw.Recipe], false);
                        tanks[k].Flows.Add(flowB);
                        var ok = tanks[k].Accepts(flowA);
                        tanks[k].Flows.Remove(flowB);
                        if (ok) return (a, startA, b, sB);
                    }
                }
                fill.Stretch = 1;
                draw.Stretch = 1;
            }
        }
        return null;
    }

    /// <summary>Splits a bucket allows per task it started with (each split places a part of a run; bounds the work on a bucket that stays stuck).</summary>
    private const int MaxSplitsPerTask = 4;

    /// <summary>Least part of a run worth placing alone (smaller parts would only add pauses).</summary>
    private const double MinSplitFraction = 0.02;

    /// <summary>
    /// When no line can go on and no pair fits: the fill or draw among the stuck lines' next runs of
    /// which the largest part can be placed now (the tank's free room or level allows that part,
    /// with the flows already placed), and its earliest start. The caller places the part and
    /// defers the rest (<see cref="Deferral"/>) or keeps it next. Batch recipes split in whole
    /// batches. Null when no stuck run can place a part.
    /// <para>Why: a mixer makes each base once per bucket (one lot per product), often several
    /// tanks' worth in a week, so its tank overflows unless the fillers draw it while it fills; on
    /// generated M the first evaluation of the rounded relaxation went from 46,052,493 (the stuck runs
    /// halved, then dropped) to 35,525,290 with the rest deferred. Parts kept next without deferral
    /// alone did not help (46,074,060: the mixer then idles while its other base's fillers wait).</para>
    /// </summary>
    private (int Line, DateTime Start, Task Part, Task Remainder)? TrySplit(List<int> stuck, Queue<Task>[] queues, DateTime[] cursor,
        BucketInfo bucket, bool timed, List<(DateTime S, DateTime E)>[] occupations, TankState[] tanks)
    {
        (int Line, DateTime Start, Task Part, Task Remainder)? best = null;
        foreach (var l in stuck)
        {
            var head = queues[l].Peek();
            if (head.Recipe < 0 || head.Hours <= 0 || head.Quantity <= 0) continue;
            if (_ph.OutputTank[head.Recipe] < 0 && _ph.InputTank[head.Recipe] < 0) continue;
            var batch = inst.Recipes[head.Recipe].BatchSize;
            var smallest = batch > 0 ? Math.Max(1, Math.Ceiling(MinSplitFraction * head.Quantity / batch - 1e-9)) * batch : MinSplitFraction * head.Quantity;
            if (smallest >= head.Quantity - Eps) continue;
            DateTime? StartOf(double units) => EarliestStart(Part(head, units), cursor[l], bucket, timed, occupations, tanks);
            if (StartOf(smallest) is not { } start) continue;
            // the largest part that still fits (a smaller part of a fill or draw never fits worse), with its start
            double units = smallest, hi = head.Quantity;
            for (var i = 0; i < 10 && hi - units > Math.Max(batch, 1e-3 * head.Quantity); i++)
            {
                var mid = batch > 0 ? Math.Max(smallest, Math.Floor((units + hi) / 2 / batch + 1e-9) * batch) : (units + hi) / 2;
                if (mid <= units || mid >= hi) break;
                if (StartOf(mid) is { } s) (units, start) = (mid, s);
                else hi = mid;
            }
            if (units >= head.Quantity - Eps) continue;
            if (best is null || start < best.Value.Start || (start == best.Value.Start && units > best.Value.Part.Quantity))
                best = (l, start, Part(head, units), Part(head, head.Quantity - units));
        }
        return best;
    }

    /// <summary><paramref name="units"/> of a run's quantity, at its rate.</summary>
    private static Task Part(Task run, double units) => new()
    {
        Line = run.Line, Product = run.Product, Recipe = run.Recipe,
        Hours = run.Hours * units / run.Quantity, Quantity = units, Assets = run.Assets,
    };

    /// <summary>Deferrals a line may make per bucket (each adds a changeover).</summary>
    private const int MaxDeferralsPerLine = 3;

    /// <summary>
    /// The changeover that lets the rest of a split run go last in its bucket, or null when it may
    /// not: no other product's run follows it in the bucket; a transition on the way (into it from
    /// the bucket's last product, out of it into the line's next bucket) is forbidden; the bucket's
    /// last product carries its lot on into the next bucket, where it would then start after a
    /// changeover below its minimum run; a part or the
    /// rest would be a lot below the recipe's minimum run; the line limits its lots per bucket; or
    /// the line used its deferrals.
    /// </summary>
    private Task? Deferral(int l, int t, Task part, Task remainder, List<Task> rest, LineSchedule schedule, Func<int, int, double> quantity, int used)
    {
        var line = inst.Lines[l];
        if (used >= MaxDeferralsPerLine || line.MaxRunsPerBucket is not null || line.SetupPerBucket) return null;
        var last = rest.LastOrDefault(x => x.Recipe >= 0);
        if (last is null || last.Product == part.Product) return null;
        var min = inst.Recipes[part.Recipe].EffectiveMinRun;
        if (min > 0 && (part.Quantity < min - Eps || remainder.Quantity < min - Eps)) return null;
        if (line.Into(last.Product, part.Product) is not { Forbidden: false } into) return null;
        for (var u = t + 1; u < inst.T; u++)
        {
            if (schedule[l, u].Order.Length == 0) continue;
            var next = schedule[l, u].Order[0];
            if (line.Into(part.Product, next) is { Forbidden: true }) return null;
            if (next == last.Product)
            {
                // the lot the bucket's last product carried on into the next bucket starts there with a changeover: its minimum run then applies
                var recipes = line.RecipesOfProduct[next].Where(r => quantity(r, u) > Eps).ToList();
                if (recipes.Count > 0 && recipes.Sum(r => quantity(r, u)) < recipes.Max(r => inst.Recipes[r].EffectiveMinRun) - Eps) return null;
            }
            break;
        }
        return new Task
        {
            Line = l, Product = part.Product, Recipe = -1, Hours = into.Hours, From = last.Product, Entry = into,
            Assets = _ph.AssetsOfChangeover(l, last.Product, part.Product), Reported = true,
        };
    }

    /// <summary>True when two tasks touch a common tank or shared asset (placing one can move the other's earliest start).</summary>
    private bool SharesResource(Task a, Task b)
    {
        if (a.Assets.Length > 0 && b.Assets.Length > 0 && a.Assets.Intersect(b.Assets).Any()) return true;
        if (a.Recipe < 0 || b.Recipe < 0) return false;
        int[] ta = [_ph.OutputTank[a.Recipe], _ph.InputTank[a.Recipe]];
        int[] tb = [_ph.OutputTank[b.Recipe], _ph.InputTank[b.Recipe]];
        return ta.Any(k => k >= 0 && tb.Contains(k));
    }

    private LineInfo LineOf(Task task) => inst.Lines[task.Line];

    /// <summary>Runs and changeovers with hours start at a working instant of the line.</summary>
    private static DateTime Snap(LineInfo line, Task task, DateTime t) => task.Hours > 0 ? NextWorking(line.WorkingTime, t) : t;

    /// <summary>Working time a task may lack at its bucket's end and still end there: float noise, not capacity.</summary>
    private const long EndSlackTicks = 100;

    /// <summary>
    /// Where <paramref name="task"/> started at <paramref name="s"/> ends: its span of the line's
    /// working time later; null when that is past the bucket's end. A bucket the LP filled exactly
    /// ends the last task a few ticks late (every end is rounded to a tick, and the hours come from
    /// a float LP): a shortfall of working time within 10 microseconds plus 1e-7 of the span is
    /// noise, and that task ends at the bucket's last working instant instead (well inside the
    /// verifier's tolerance on rates, and never past the bucket, which the verifier checks exactly).
    /// </summary>
    private static DateTime? EndOf(LineInfo line, Task task, DateTime s, BucketInfo bucket)
    {
        if (task.Hours <= 0) return s;
        if (line.WorkingTime.Advance(s, task.Span) is { } end && end <= bucket.End) return end;
        var available = line.WorkingTime.Hours(s, bucket.End);
        var slack = (EndSlackTicks + 1e-7 * task.Span * TimeSpan.TicksPerHour) / TimeSpan.TicksPerHour;
        if (available <= 0 || task.Span - available > slack) return null;
        return line.WorkingTime.Advance(s, available) is { } last && last > s ? (last < bucket.End ? last : bucket.End) : null;
    }

    /// <summary>The first working instant at or after <paramref name="t"/> (t itself when none follows).</summary>
    private static DateTime NextWorking(WorkingTime wt, DateTime t)
    {
        // one working second after t, less that second (sub-millisecond float noise rounded away)
        if (wt.Advance(t, 1.0 / 3600) is not { } probe) return t;
        var ticks = probe.Ticks - Second;
        // t is itself working: start there (rounding it to a whole second would push every later task of a full bucket)
        if (ticks <= t.Ticks) return t;
        var nearest = (ticks + Second / 2) / Second * Second;
        if (Math.Abs(ticks - nearest) < TimeSpan.TicksPerMillisecond) ticks = nearest;
        return ticks <= t.Ticks ? t : new DateTime(ticks, DateTimeKind.Utc);
    }

    private Verdict Check(Task task, LineInfo line, DateTime s, BucketInfo bucket, int[] assets,
        List<(DateTime S, DateTime E)>[] occupations, TankState[] tanks, int fill, int draw)
    {
        if (s >= bucket.End && task.Hours > 0) return Verdict.Never;
        if (EndOf(line, task, s, bucket) is not { } end) return Verdict.Never;
        foreach (var a in assets)
        {
            var asset = _ph.Assets[a];
            // the whole occupation inside the asset's working time
            if (asset.WorkingTime.Hours(s, end) < (end - s).TotalHours - 1e-6) return Verdict.Later;
            // at most capacity at once: count at s and at every occupation start inside [s, end)
            var occ = occupations[a];
            foreach (var point in occ.Where(o => o.S > s && o.S < end).Select(o => o.S).Append(s))
            {
                var n = 1;
                foreach (var o in occ) if (o.S <= point && o.E > point) n++;
                if (n > asset.Capacity) return Verdict.Later;
            }
        }
        if (fill >= 0 && !tanks[fill].Accepts(new Flow(s, end, task.Product, task.Quantity, true))) return Verdict.Later;
        if (draw >= 0 && !tanks[draw].Accepts(new Flow(s, end, _ph.DrawProduct[task.Recipe], -task.Quantity * _ph.DrawPerUnit[task.Recipe], false))) return Verdict.Later;
        return Verdict.Ok;
    }

    // ------------------------------------------------------------------ tanks

    /// <summary>A constant-rate flow into (Amount &gt; 0) or out of a tank over [Start, End).</summary>
    private sealed record Flow(DateTime Start, DateTime End, int Product, double Amount, bool IsFill)
    {
        public double DoneAt(DateTime t) =>
            t <= Start ? 0 : t >= End || End <= Start ? Amount : Amount * (t - Start).Ticks / (double)(End - Start).Ticks;
    }

    /// <summary>
    /// One tank: the state folded up to a checkpoint (level, held product, end of the last run of
    /// that product) and the flows after it.
    /// </summary>
    private sealed class TankState(TankInfo tank, DateTime horizonStart)
    {
        public double Level = tank.InitialLevel;
        public int Held = tank.InitialProduct;
        /// <summary>End of the last run of the held product (the horizon start when none touched it).</summary>
        public DateTime LastEnd = horizonStart;
        public List<Flow> Flows { get; } = [];

        private double Tol => 1e-6 * Math.Max(1, tank.Capacity);

        /// <summary>Folds the flows that ended by <paramref name="t"/> into the checkpoint state.</summary>
        public void Fold(DateTime t)
        {
            var done = Flows.Where(f => f.End <= t).OrderBy(f => f.Start).ToList();
            if (done.Count == 0) return;
            foreach (var f in done)
            {
                Level += f.Amount;
                if (f.Product != Held) Held = f.Product;
                LastEnd = LastEnd > f.End ? LastEnd : f.End;
                Flows.Remove(f);
            }
        }

        // Accepts' working copy of the flows, kept between calls: the search for a start calls it for every
        // candidate instant, and its sorted copy per call (LINQ, a list, an array per flow) was most of its
        // time, in allocation and the collections it caused (sampled on generated L: the check 3.9 % of all
        // samples, 1.3 % without the copy).
        private Flow[] _sorted = new Flow[8];

        /// <summary>True when adding <paramref name="add"/> keeps the tank's rules at every instant.</summary>
        public bool Accepts(Flow add)
        {
            // The flows and add by start, a draw before a fill at the same instant, ties in list order
            // (a stable insertion sort: the flows of a bucket are few).
            var n = Flows.Count + 1;
            if (_sorted.Length < n) _sorted = new Flow[Math.Max(n, 2 * _sorted.Length)];
            var all = _sorted;
            for (var i = 0; i < n; i++)
            {
                var f = i < Flows.Count ? Flows[i] : add;
                var j = i;
                while (j > 0 && Before(f, all[j - 1]))
                {
                    all[j] = all[j - 1];
                    j--;
                }
                all[j] = f;
            }
            double LevelAt(DateTime t)
            {
                var v = Level;
                for (var i = 0; i < n; i++) v += all[i].DoneAt(t);
                return v;
            }
            for (var i = 0; i < n; i++)
            {
                var start = LevelAt(all[i].Start);
                if (start < -Tol || start > tank.Capacity + Tol) return false;
                var end = LevelAt(all[i].End);
                if (end < -Tol || end > tank.Capacity + Tol) return false;
            }
            var held = Held;
            var lastEnd = LastEnd;
            for (var i = 0; i < n; i++)
            {
                var f = all[i];
                if (f.Product == held)
                {
                    if (f.End > lastEnd) lastEnd = f.End;
                    continue;
                }
                // a switch: only a fill, into an empty tank, clean_hours after the old product's last run
                if (!f.IsFill) return false;
                if (LevelAt(f.Start) > Tol) return false;
                if (held >= 0 && f.Start < lastEnd + TimeSpan.FromHours(tank.CleanHours)) return false;
                held = f.Product;
                lastEnd = f.End;
            }
            return true;
        }

        private static bool Before(Flow a, Flow b) => a.Start < b.Start || a.Start == b.Start && !a.IsFill && b.IsFill;
    }
}
