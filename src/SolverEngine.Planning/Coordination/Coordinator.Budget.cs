using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Coordination;

// Time budget: what keeps a solve inside its time limit while still returning an executable plan.
internal sealed partial class Coordinator
{
    /// <summary>Share of the time limit the first relaxation may take, leaving room for a plan.</summary>
    private const double FirstLpShare = 0.6;

    /// <summary>Options of one LP solve: the time left (capped on the first relaxation). Clp leaves presolve out where it could not be stopped.</summary>
    private SolverOptions LpOptions(bool firstRelaxation)
    {
        var remaining = Remaining;
        if (firstRelaxation)
        {
            var cap = TimeSpan.FromTicks((long)(_settings.TimeLimit.Ticks * FirstLpShare));
            if (cap < remaining) remaining = cap;
        }
        var limit = remaining > TimeSpan.FromSeconds(0.2) ? remaining : TimeSpan.FromSeconds(0.2);
        // Deterministic mode: an LP stopped by the clock would make the result depend on the machine's
        // speed; it runs to its end (cancellation still stops it), the work budget bounds the loop.
        return new SolverOptions { TimeLimit = _settings.Deterministic ? null : limit };
    }

    /// <summary>
    /// The plan that makes nothing beyond the frozen runs, computed without any solver: stock
    /// (initial, frozen output, minus frozen consumption) delivered first come first served, the
    /// rest backlogged or lost by each product's policy. Executable whenever it exists; null when
    /// it breaks a hard constraint (MUST_MEET demand, negative stock, warehouse capacity). The
    /// last resort when time ran out before any solver answered.
    /// </summary>
    internal Candidate? NoProductionPlan()
    {
        var (schedule, fixing) = _scheduler.Schedule(EmptyPattern(), (_, _, _) => 0, (_, _) => 0, CancellationToken.None);
        var lm = _model.Build(fixing, Array.Empty<SetupCut>());
        var values = new double[lm.VariableCount];
        for (var v = 0; v < values.Length; v++)
        {
            var lo = lm.LowerBound(new Variable(v));
            values[v] = double.IsFinite(lo) ? lo : 0;
        }
        const double tol = 1e-7;
        for (var s = 0; s < _inst.Sites.Length; s++)
        {
            var stockAt = new double[_inst.T];
            for (var p = 0; p < _inst.Products.Length; p++)
            {
                if (!_model.ProductAtSite[s][p]) continue;
                var prod = _inst.Products[p];
                double stock = _inst.InitialStock[s][p], backlog = 0;
                for (var t = 0; t < _inst.T; t++)
                {
                    stock += _model.FrozenMade[s][p][t] - _model.FrozenUsedProduct[s][p][t];
                    if (stock < -tol) return null; // frozen runs consume what is not there
                    var dem = _inst.Demand[s][p][t] + (t == 0 ? _inst.InitialBacklog[s][p] : 0);
                    double del;
                    switch (prod.Policy)
                    {
                        case DemandPolicy.Backlog:
                            del = Math.Min(stock, backlog + dem);
                            backlog += dem - del;
                            if (_model.Back[s][p][t] >= 0) values[_model.Back[s][p][t]] = backlog;
                            break;
                        case DemandPolicy.LostSales:
                            del = Math.Min(stock, dem);
                            if (_model.Lost[s][p][t] >= 0) values[_model.Lost[s][p][t]] = dem - del;
                            break;
                        default:
                            if (stock < dem - tol * Math.Max(1, dem)) return null; // MUST_MEET cannot be met from stock
                            del = dem;
                            break;
                    }
                    if (_model.Del[s][p][t] >= 0) values[_model.Del[s][p][t]] = del;
                    stock = Math.Max(0, stock - del);
                    values[_model.Inv[s][p][t]] = stock;
                    stockAt[t] += stock;
                    if (_model.Short[s][p][t] >= 0) values[_model.Short[s][p][t]] = Math.Max(0, prod.Source.SafetyStock - stock);
                }
            }
            if (_inst.Sites[s].WarehouseCapacity is { } cap && stockAt.Any(x => x > cap + tol * Math.Max(1, cap))) return null;
            for (var m = 0; m < _inst.Materials.Length; m++)
            {
                if (!_model.MaterialAtSite[s][m]) continue;
                var stock = _inst.InitialMaterial[s][m];
                for (var t = 0; t < _inst.T; t++)
                {
                    stock += _inst.SupplyArrivals[s][m][t] - _model.FrozenUsedMaterial[s][m][t];
                    if (stock < -tol) return null;
                    values[_model.MatInv[s][m][t]] = Math.Max(0, stock);
                }
            }
        }
        return new Candidate { Values = values, Schedule = schedule, Fixing = fixing, Objective = lm.EvaluateObjective(values) };
    }
}
