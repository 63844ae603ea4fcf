using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Coordination;

// The repair of a candidate whose fixed set-up LP is infeasible: minimum runs (or their whole batches)
// are what a fixed pattern can fail on, so lots that carry one are dropped until the LP solves.
internal sealed partial class Coordinator
{
    /// <summary>
    /// Repair after an infeasible fixed set-up LP (lots that a timing cap leaves below their minimum run
    /// are dropped before the LP, <see cref="DropLotsCappedBelowMinRun"/>). In the first round, every lot
    /// with a minimum run that the LP point made less than; after that, the lots the elastic LP
    /// (<paramref name="shortfalls"/>) finds short of their minimum; where it finds none, the
    /// lower-valued half of the lots made in batches (the rounding of batch counts failed); where it
    /// cannot tell, the lower-valued half of all such lots; with none left, every set-up.
    /// Returns false when nothing was left to drop; <paramref name="why"/> names the rule that chose the lots.
    /// </summary>
    private bool DropMinRunLots(List<int>[][] current, SetupFixing fixing, double[]? values, int round,
        Func<HashSet<(int Line, int Bucket, int Product)>?> shortfalls, out string why)
    {
        var lots = MinRunLots(current, fixing, values);
        if (lots.Count == 0)
        {
            why = "no lot owes a minimum run: every set-up dropped";
            var any = current.Any(a => a.Any(s => s.Count > 0));
            foreach (var a in current) foreach (var s in a) s.Clear();
            return any;
        }
        // each rule below names itself when the one before chose nothing
        why = "made below their minimum in the LP point";
        var victims = round == 0 ? lots.Where(x => x.V < x.Min * (1 - 1e-6)).ToList() : [];
        if (victims.Count == 0 && shortfalls() is { } shortOfMin)
        {
            why = "short of their minimum in the elastic LP";
            if (shortOfMin.Count > 0) victims = lots.Where(x => shortOfMin.Contains((x.L, x.T, x.P))).ToList();
            else
            {
                why = "the lower-valued half of the lots made in batches (the minimums hold with batch counts continuous)";
                // Every minimum can be met with batch counts continuous: rounding them down is what failed (on
                // generated L after timing caps; which row it broke was not traced: a tank whose draws round down
                // may overflow). Only the lots made in batches are rounded, so the lower-valued half of those goes
                // (halving every lot dropped 825 of 1,651 there).
                var batched = lots.Where(x => _inst.Lines[x.L].RecipesOfProduct[x.P].Any(r => _inst.Recipes[r].BatchSize > 0)).ToList();
                victims = batched.OrderBy(x => x.V).Take((batched.Count + 1) / 2).ToList();
            }
        }
        if (victims.Count == 0)
        {
            why = "the lower-valued half of the lots (the elastic LP could not tell)";
            victims = lots.OrderBy(x => x.V).Take(Math.Max(1, lots.Count / 2)).ToList();
        }
        foreach (var v in victims) current[v.L][v.T].Remove(v.P);
        return true;
    }

    /// <summary>The lots of <paramref name="current"/> that must make a minimum run, with what <paramref name="values"/> made of each (0 without).</summary>
    private List<(int L, int T, int P, double V, double Min)> MinRunLots(List<int>[][] current, SetupFixing fixing, double[]? values)
    {
        var lots = new List<(int L, int T, int P, double V, double Min)>();
        for (var l = 0; l < current.Length; l++)
        {
            var line = _inst.Lines[l];
            for (var t = 0; t < _inst.T; t++)
                foreach (var p in current[l][t])
                {
                    var i = Array.IndexOf(line.Products, p);
                    var min = _model.MinRun(l, p);
                    if (!fixing.MinRunApplies[l][i][t] || min <= 0) continue;
                    lots.Add((l, t, p, values is null ? 0 : Produced(values, l, p, t), min));
                }
        }
        return lots;
    }

    /// <summary>
    /// Before a round's LP: drops the lots of <paramref name="current"/> that the caps put below their
    /// minimum run under <paramref name="fixing"/> (this round's sequences) and returns how many. Such a
    /// cap makes the LP infeasible for that lot alone, and dropping it is enough where halving the plan's
    /// lots is not needed (generated L, after its first timing caps: 1 lot dropped, not 153). Done without
    /// that LP (it was the first rule of <see cref="DropMinRunLots"/>, after the LP): generated M's first
    /// plan, the same, after 20 rounds instead of 27, each one LP of the whole model.
    /// </summary>
    private int DropLotsCappedBelowMinRun(List<int>[][] current, SetupFixing fixing, TimingCaps caps)
    {
        var victims = MinRunLots(current, fixing, null).Where(x => caps.Allows(_inst, x.L, x.P, x.T) < x.Min * (1 - 1e-6)).ToList();
        foreach (var v in victims) current[v.L][v.T].Remove(v.P);
        return victims.Count;
    }

    /// <summary>
    /// The lots of an infeasible fixed set-up LP that cannot make their minimum run (in whole batches):
    /// the same LP, batch counts continuous, each minimum-run row given a slack whose every unit costs
    /// more than any unit of the plan can (so the LP falls short only where it must). Halving the lots
    /// instead dropped seven of eight on generated L (2,240 lots with a minimum run down to 284 in four
    /// rounds, most of the plan's production). The plan's own costs stay in the objective (with the
    /// shortfall alone, one such LP on L ran for minutes; it was also infeasible, from the fixed batch
    /// quantities now freed below). Null when the LP stays infeasible with every minimum waived
    /// (something else is wrong), was stopped, or took longer than <see cref="ElasticLpShare"/> of the
    /// limit; empty when every minimum can be met (what failed was rounding the batch counts). Changes
    /// <paramref name="fixedModel"/>: only for a model that is thrown away after.
    /// </summary>
    private HashSet<(int Line, int Bucket, int Product)>? MinRunShortfalls(LinearModel fixedModel, AggregateRows rows, CancellationToken ct)
    {
        var minRows = rows.Of(RowFamily.MinRun).ToList();
        if (minRows.Count == 0 || ct.IsCancellationRequested) return null;
        var largestCost = 1.0;
        for (var j = 0; j < fixedModel.VariableCount; j++)
        {
            var v = new Variable(j);
            largestCost = Math.Max(largestCost, Math.Abs(fixedModel.ObjectiveCoefficient(v)));
            if (fixedModel.IsInteger(v)) fixedModel.SetInteger(v, false);
        }
        // the batch quantities the rounding fixed may fall (the rounded plan may be what failed); their upper bounds stand
        foreach (var r in _inst.Recipes)
        {
            if (r.BatchSize <= 0) continue;
            foreach (var x in _model.X[r.Index])
                if (x >= 0) fixedModel.SetBounds(new Variable(x), 0, fixedModel.UpperBound(new Variable(x)));
        }
        // a unit short costs more than a unit made, held, shipped and sold short over the whole horizon
        var penalty = ShortfallPenaltyFactor * largestCost * Math.Max(1, _inst.T);
        var slacks = new List<(RowKey Key, Variable Slack, double Min)>(minRows.Count);
        foreach (var (key, row) in minRows)
        {
            var c = new Constraint(row);
            var min = fixedModel.LowerBound(c);
            // a full slack waives the minimum (the row then says only: no negative production)
            var slack = fixedModel.AddVariable(0, min, penalty);
            fixedModel.SetCoefficient(c, slack, 1);
            slacks.Add((key, slack, min));
        }
        var options = LpOptions(firstRelaxation: false);
        if (options.TimeLimit is { } limit)
        {
            // deterministic mode has no clock limit (and stays repeatable); otherwise a share of the limit, at least 1 s
            var share = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, (long)(_settings.TimeLimit.Ticks * ElasticLpShare)));
            if (share < limit) options = options with { TimeLimit = share };
        }
        Interlocked.Increment(ref _lpSolves);
        // the candidate's own lanes (before the first plan, those of the relaxation only): the same LP, elastic
        var res = SolveLp(fixedModel, options, candidate: true, lanesOf: null, ct);
        if (!res.HasSolution || res.Status != SolveStatus.Optimal) return null;
        var result = new HashSet<(int, int, int)>();
        foreach (var (key, slack, min) in slacks)
            if (res.Values[slack.Index] > 1e-6 * Math.Max(1, min))
                result.Add((key.Entity, key.Bucket, _inst.Lines[key.Entity].Products[key.Item]));
        return result;
    }

    /// <summary>A unit short of a minimum run costs this many times the largest cost coefficient per bucket of the horizon.</summary>
    private const double ShortfallPenaltyFactor = 10;

    /// <summary>Most of the time limit one elastic LP may take; past it the repair halves the lots instead.</summary>
    private const double ElasticLpShare = 0.05;
}
