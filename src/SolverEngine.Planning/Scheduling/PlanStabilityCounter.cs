using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Scheduling;

/// <summary>
/// Counts the runs of the slushy zone moved, added and removed against the model's previous plan,
/// exactly as model.proto's <c>Policy.stability_cost</c> says: the non-frozen runs of both plans
/// that start in [horizon.start + frozen, horizon.start + slushy), grouped by (line, product) and
/// paired in start order; a pair whose start or end differs by more than 1 second or whose
/// quantity differs by more than 1e-6 relative (at least 1e-6 absolute) is moved; unpaired
/// previous runs are removed, unpaired new runs added. Without previous_plan nothing is counted.
/// </summary>
internal sealed class PlanStabilityCounter
{
    private readonly DateTime _from;
    private readonly DateTime _to;
    private readonly Dictionary<(string Line, string Product), List<RunKey>> _previous = [];

    /// <summary>Start, end and quantity of one run.</summary>
    public readonly record struct RunKey(DateTime Start, DateTime End, double Quantity);

    public PlanStabilityCounter(PlanningInstance inst)
        : this(inst.Model)
    {
    }

    public PlanStabilityCounter(PlanningModel model)
    {
        var h = model.Horizon;
        var start = h.Start.ToDateTime();
        var frozen = h.Frozen?.ToTimeSpan() ?? TimeSpan.Zero;
        var slushy = h.Slushy?.ToTimeSpan() ?? TimeSpan.Zero;
        _from = start + frozen;
        _to = start + (slushy > frozen ? slushy : frozen);
        CostPerRun = model.Policy?.StabilityCost ?? 0;
        Active = model.PreviousPlan is not null;
        if (!Active) return;
        foreach (var r in model.PreviousPlan!.Runs)
        {
            if (r.Frozen || r.Start is null || r.End is null) continue;
            var key = new RunKey(r.Start.ToDateTime(), r.End.ToDateTime(), r.Quantity);
            if (!InZone(key.Start)) continue;
            Group(_previous, (r.LineId, r.ProductId)).Add(key);
        }
        foreach (var g in _previous.Values) g.Sort((a, b) => a.Start.CompareTo(b.Start));
    }

    /// <summary>True when the model has a previous plan (counting applies).</summary>
    public bool Active { get; }

    /// <summary>Policy.stability_cost.</summary>
    public double CostPerRun { get; }

    /// <summary>Start of the slushy zone.</summary>
    public DateTime SlushyFrom => _from;

    /// <summary>End of the slushy zone.</summary>
    public DateTime SlushyTo => _to;

    public bool InZone(DateTime start) => start >= _from && start < _to;

    /// <summary>The previous plan's non-frozen runs of the slushy zone.</summary>
    public IEnumerable<((string Line, string Product) Group, RunKey Run)> PreviousRuns =>
        _previous.SelectMany(kv => kv.Value.Select(r => (kv.Key, r)));

    /// <summary>(moved, added, removed) of the new plan's non-frozen runs against the previous plan.</summary>
    public (int Moved, int Added, int Removed) Count(IEnumerable<(string Line, string Product, RunKey Run)> newRuns)
    {
        if (!Active) return (0, 0, 0);
        var current = new Dictionary<(string, string), List<RunKey>>();
        foreach (var (line, product, run) in newRuns)
            if (InZone(run.Start)) Group(current, (line, product)).Add(run);
        int moved = 0, added = 0, removed = 0;
        foreach (var key in _previous.Keys.Union(current.Keys))
        {
            var prev = _previous.GetValueOrDefault(key) ?? [];
            var next = current.GetValueOrDefault(key) ?? [];
            next.Sort((a, b) => a.Start.CompareTo(b.Start));
            var pairs = Math.Min(prev.Count, next.Count);
            for (var i = 0; i < pairs; i++)
                if (Differs(prev[i], next[i])) moved++;
            removed += prev.Count - pairs;
            added += next.Count - pairs;
        }
        return (moved, added, removed);
    }

    private static bool Differs(RunKey a, RunKey b) =>
        Math.Abs((a.Start - b.Start).TotalSeconds) > 1
        || Math.Abs((a.End - b.End).TotalSeconds) > 1
        || Math.Abs(a.Quantity - b.Quantity) > Math.Max(1e-6, 1e-6 * Math.Max(Math.Abs(a.Quantity), Math.Abs(b.Quantity)));

    private static List<RunKey> Group(Dictionary<(string, string), List<RunKey>> d, (string, string) key)
    {
        if (!d.TryGetValue(key, out var list)) d[key] = list = [];
        return list;
    }

    /// <summary>(moved, added, removed) of a contract plan's runs (frozen runs are never counted).</summary>
    public (int Moved, int Added, int Removed) Count(IEnumerable<Run> runs) =>
        Count(runs.Where(r => !r.Frozen && r.Start is not null && r.End is not null)
            .Select(r => (r.LineId, r.ProductId, new RunKey(r.Start.ToDateTime(), r.End.ToDateTime(), r.Quantity))));

    /// <summary>The counts of a timed schedule (planned runs; frozen runs are never counted).</summary>
    public (int Moved, int Added, int Removed) Count(PlanningInstance inst, TimedSchedule timed) =>
        Count(timed.Runs.Select(r => (inst.Lines[r.Line].Id, inst.Products[r.Product].Id, new RunKey(r.Start, r.End, r.Quantity))));

    /// <summary>Currency of the counts.</summary>
    public double Cost((int Moved, int Added, int Removed) c) => CostPerRun * (c.Moved + c.Added + c.Removed);
}
