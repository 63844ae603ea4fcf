using System.Globalization;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Validation;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Baselines.Internal;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Baselines;

/// <summary>
/// Baseline "handoff" (the two-plan hand-off): the aggregate layer alone - no sequencing cuts,
/// only the initial changeover lower bounds (cheapest incoming changeover per set-up) - makes the
/// plan leadership signs; afterwards each (line, bucket) is sequenced with the real sequencer and
/// real changeovers. The figure it exists for: the promised volume that cannot be run, i.e. the
/// units whose real changeover + run time no longer fits the bucket's available hours (or whose
/// product set has no allowed order).
/// </summary>
/// <remarks>
/// <para>Aggregate plan: by default a MIP (set-ups binary, Cbc, half the time limit); where Cbc finds
/// no solution in that time, or with parameter "handoff.aggregate" = "lp", the LP relaxation
/// (set-ups in [0, 1]) - the note says which.</para>
/// <para>Promised plan (<see cref="BaselineResult.PromisedPlan"/>): the aggregate quantities run in the
/// real sequences, each run clamped to its bucket - what the verifier is asked to accept as signed.</para>
/// <para>Executed plan (<see cref="BaselineResult.Result"/>): what the floor can run from the hand-off -
/// the aggregate set-up pattern sequenced with repair (lots that cannot fit are dropped) and the
/// quantities re-fitted by the fixed set-up LP. This is generous to the hand-off (a real floor
/// would not re-plan every quantity optimally); it is one iteration of the engine's loop without
/// any cut fed back.</para>
/// </remarks>
public static class HandoffBaseline
{
    private const double Eps = 1e-6;

    /// <summary>Parameter keys this baseline reads from <see cref="SolveOptions.Parameters"/>.</summary>
    public static IReadOnlyList<string> ParameterKeys { get; } = ["handoff.aggregate", "handoff.lp_presolve"];

    /// <summary>Runs the hand-off on <paramref name="model"/> within the time limit of <paramref name="options"/>.</summary>
    /// <exception cref="ModelValidationException">The model has validation errors.</exception>
    /// <exception cref="ArgumentException">An option is invalid (time limit, threads, an unknown parameter).</exception>
    /// <exception cref="SolverException">Cbc or Clp failed.</exception>
    public static Task<BaselineResult> SolveAsync(PlanningModel model, SolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new SolveOptions();
        var limit = BaselineContext.Limit(options);
        var useMip = true;
        var lpPresolveAlways = false;
        foreach (var (key, value) in options.Parameters)
        {
            switch (key)
            {
                case "handoff.aggregate": useMip = Choice(key, value, ifTrue: "mip", ifFalse: "lp"); break;
                // "on": Clp's presolve on the aggregate LP whatever its size; that LP then runs to its end past the time limit
                case "handoff.lp_presolve": lpPresolveAlways = Choice(key, value, ifTrue: "on", ifFalse: "auto"); break;
                default:
                    throw new ArgumentException($"options.parameters has unknown key '{key}' for the handoff baseline; known keys: {string.Join(", ", ParameterKeys)}.", nameof(options));
            }
        }
        var report = ModelValidator.Validate(model);
        if (!report.Valid) throw new ModelValidationException(report);
        return Task.Run(() => Solve(options, model, limit, useMip, lpPresolveAlways, cancellationToken), CancellationToken.None);
    }

    /// <summary>A two-valued parameter: true for <paramref name="ifTrue"/>, false for <paramref name="ifFalse"/>, anything else rejected.</summary>
    private static bool Choice(string key, string value, string ifTrue, string ifFalse) =>
        value == ifTrue ? true
        : value == ifFalse ? false
        : throw new ArgumentException($"options.parameters['{key}'] is '{value}'; use {ifTrue} or {ifFalse}.", "options");

    private static BaselineResult Solve(SolveOptions options, PlanningModel model, TimeSpan limit, bool useMip, bool lpPresolveAlways, CancellationToken ct)
    {
        var ctx = BaselineContext.Create(model, options, limit);
        var inst = ctx.Inst;
        var agg = ctx.Coordinator.Model;
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        var notes = new List<string>();

        // ---- 1. the aggregate plan ----
        double[]? values = null;
        double[]? duals = null;
        double objective = double.NaN, bound = double.NegativeInfinity;
        var formulation = "aggregate-lp";
        var size = (0, 0, 0);
        if (useMip)
        {
            var lm = agg.Build(null, Array.Empty<SetupCut>());
            foreach (var ys in agg.Y) foreach (var yt in ys) foreach (var y in yt) if (y >= 0) lm.SetInteger(new Variable(y), true);
            size = (lm.VariableCount, lm.IntegerCount, lm.ConstraintCount);
            var share = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, (limit - ctx.Clock.Elapsed).Ticks / 2));
            var mip = CbcMipSolver.Instance.Solve(lm, new SolverOptions { TimeLimit = share, Threads = threads, RelativeGap = 1e-4 }, null, ct);
            if (mip.HasSolution)
            {
                values = mip.Values.ToArray();
                objective = mip.Objective;
                bound = mip.BestBound;
                formulation = "aggregate-mip";
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"aggregate MIP: Cbc {mip.Status}, gap {mip.RelativeGap:P2}"));
            }
            else notes.Add($"aggregate MIP: Cbc {mip.Status} without a solution, LP relaxation used");
        }
        if (values is null && !ct.IsCancellationRequested)
        {
            var lm = agg.Build(null, Array.Empty<SetupCut>());
            size = (lm.VariableCount, lm.IntegerCount, lm.ConstraintCount);
            var remaining = limit - ctx.Clock.Elapsed;
            var lp = LanesClosedFirst.Solve(ClpLpSolver.Instance, lm, agg.TransferColumns(lm), new SolverOptions
            {
                TimeLimit = remaining > TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1),
                PresolveEvenIfUnstoppable = lpPresolveAlways,
            }, ct);
            if (lp.HasSolution)
            {
                values = lp.Values.ToArray();
                duals = lp.Duals.ToArray();
                objective = bound = lp.Objective;
            }
        }
        if (values is null)
        {
            return new BaselineResult
            {
                Result = ctx.Result(null, bound, !ct.IsCancellationRequested, "handoff: the aggregate layer found no plan (infeasible, stopped or out of time)", 0, threads),
                Formulation = formulation,
                Size = size,
                Notes = string.Join("; ", notes),
            };
        }

        // ---- 2. the hand-off: sequence the promised buckets and measure what does not fit ----
        var pattern = ctx.Pattern(values);
        var sequencer = new PortfolioSequencer();
        var seqOptions = new SequencingOptions
        {
            TimeLimit = TimeSpan.FromSeconds(Math.Clamp(limit.TotalSeconds / (20.0 * Math.Max(1, inst.Lines.Length * inst.T)), 0.005, 1)),
            Seed = unchecked((int)options.Seed),
            Deterministic = options.Deterministic,
        };
        var promised = 0.0;
        var unexecutable = 0.0;
        var overloaded = 0;
        long sequenced = 0;
        var schedule = new BucketSequence[inst.Lines.Length][];
        for (var l = 0; l < inst.Lines.Length; l++)
        {
            var line = inst.Lines[l];
            schedule[l] = new BucketSequence[inst.T];
            var carried = LineScheduler.FrozenState(inst, l, out _);
            for (var t = 0; t < inst.T; t++)
            {
                var (_, start) = LineStarts.StartOf(inst, l, t, carried);
                var set = pattern[l][t].ToList();
                var volume = set.ToDictionary(p => p, p => line.RecipesOfProduct[p].Sum(r => agg.X[r][t] >= 0 ? values[agg.X[r][t]] : 0));
                promised += volume.Values.Sum();
                // no allowed order: the floor cannot run the smallest lots at all
                var dropped = new List<int>();
                int[] order;
                while (true)
                {
                    order = set.Count == 0 ? [] : Order(line, set, start, sequencer, seqOptions, ct);
                    sequenced += set.Count > 0 ? 1 : 0;
                    if (order.Length > 0 || set.Count == 0) break;
                    var victim = set.OrderBy(p => volume[p]).First();
                    set.Remove(victim);
                    dropped.Add(victim);
                }
                var used = 0.0;
                var lost = dropped.Sum(p => volume[p]);
                var state = start;
                double hours = 0, cost = 0;
                foreach (var p in order.Concat(dropped))
                {
                    if (line.Into(state, p) is { } e)
                    {
                        used += e.Hours;
                        hours += e.Hours;
                        cost += e.Cost;
                    }
                    state = p;
                    if (dropped.Contains(p)) continue;
                    foreach (var r in line.RecipesOfProduct[p])
                    {
                        var x = agg.X[r][t];
                        if (x < 0 || values[x] <= Eps) continue;
                        var need = values[x] * inst.Recipes[r].HoursPerUnit;
                        var fit = Math.Clamp(line.AvailableHours[t] - used, 0, need);
                        lost += (need - fit) / inst.Recipes[r].HoursPerUnit;
                        used += need;
                    }
                }
                if (lost > Eps * Math.Max(1, volume.Values.Sum())) overloaded++;
                unexecutable += lost;
                var full = order.Concat(dropped).ToArray();
                schedule[l][t] = new BucketSequence { Order = full, StartState = start, EndState = full.Length > 0 ? full[^1] : start, Hours = hours, Cost = cost };
                carried = order.Length > 0 ? order[^1] : carried;
            }
        }
        Plan? promisedPlan = null;
        try
        {
            // the promised plan laid out in time as far as it goes; when it cannot even be placed
            // (its runs do not fit their buckets) there is no plan to show, only its volume
            var promisedSchedule = new LineSchedule(schedule);
            var (timed, _) = new Scheduling.TimedScheduler(inst).Place(promisedSchedule, (r, t) => ctx.Coordinator.Quantity(values, r, t));
            if (timed is null) notes.Add("the promised plan cannot be laid out in time: its runs do not fit their buckets");
            else promisedPlan = ctx.Builder.Build(new Candidate { Values = values, Schedule = promisedSchedule, Fixing = EmptyFixing(inst.Lines.Length), Objective = objective, Timed = timed });
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            notes.Add("the promised plan could not be laid out as runs: " + ex.Message);
        }

        // ---- 3. what the floor can run: sequences with repair, quantities re-fitted ----
        var executed = ct.IsCancellationRequested ? null : ctx.Coordinator.Evaluate(pattern, values, duals, ct);
        if (executed is null) notes.Add("no executable plan followed from the hand-off");
        var message = string.Create(CultureInfo.InvariantCulture,
            $"handoff: {unexecutable:0.##} of {promised:0.##} promised units cannot run ({(promised > 0 ? unexecutable / promised : 0):P1}), {overloaded} (line, bucket) pairs overloaded");
        return new BaselineResult
        {
            Result = ctx.Result(executed, bound, false, message, sequenced, threads),
            Formulation = formulation,
            ModelObjective = objective,
            ModelBound = bound,
            PromisedVolume = promised,
            UnexecutableVolume = unexecutable,
            OverloadedBuckets = overloaded,
            PromisedPlan = promisedPlan,
            Size = size,
            Notes = string.Join("; ", notes),
        };
    }

    /// <summary>Least-changeover-hours order of <paramref name="set"/> from <paramref name="start"/> (cost breaks ties); empty when none is allowed.</summary>
    private static int[] Order(LineInfo line, List<int> set, int start, ISequencer sequencer, SequencingOptions options, CancellationToken ct)
    {
        var sorted = set.OrderBy(p => p).ToArray();
        var n = sorted.Length;
        if (n == 1)
            return line.Into(start, sorted[0]) is { Forbidden: true } ? [] : sorted;
        double W(ChangeoverEntry? e) => e is not { } c ? 0 : c.Forbidden ? double.PositiveInfinity : c.Hours + 1e-6 * c.Cost;
        var w = new double[n, n];
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
                if (a != b) w[a, b] = W(line.Changeover[sorted[a], sorted[b]]);
        double[]? startW = start >= 0 || line.SetupPerBucket ? sorted.Select(p => W(line.Into(start, p))).ToArray() : null;
        var res = sequencer.Solve(new SequencingProblem(w, startWeights: startW), options, ct);
        return res.HasOrder ? res.Order.Select(i => sorted[i]).ToArray() : [];
    }

    private static SetupFixing EmptyFixing(int lines) => new()
    {
        Setup = new bool[lines][][],
        MinRunApplies = new bool[lines][][],
        ChangeoverHours = new double[lines][],
        ChangeoverCost = new double[lines][],
    };
}
