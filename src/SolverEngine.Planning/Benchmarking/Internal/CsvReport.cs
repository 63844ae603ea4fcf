using System.Globalization;
using System.Text;

namespace SolverEngine.Planning.Benchmarking.Internal;

/// <summary>runs.csv: one row per run; empty cells where a figure does not apply.</summary>
internal static class CsvReport
{
    public static readonly string[] Columns =
    [
        "set", "instance", "profile", "kind", "repeat", "status", "time_limit_s", "wall_s",
        "first_plan_s", "first_plan_objective", "objective_10s", "objective_30s", "objective_60s", "final_objective",
        "lower_bound", "gap", "subproblems", "subproblems_per_s", "peak_ws_delta_mb", "allocated_mb",
        "verdict", "violations", "model_objective", "model_bound", "formulation",
        "promised_units", "unexecutable_units", "unexecutable_pct", "overloaded_buckets", "promised_verdict",
        "trace", "notes", "best_known", "ratio_to_best", "best_known_source",
    ];

    public static string Write(IReadOnlyList<BenchRun> runs)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Columns).Append('\n');
        foreach (var r in runs)
        {
            string[] cells =
            [
                r.Set, r.Instance, r.Profile, r.Kind.ToString().ToLowerInvariant(), I(r.Repeat), r.Status, N(r.TimeLimitSeconds), N(r.WallSeconds),
                N(r.FirstPlanSeconds), N(r.FirstPlanObjective), N(r.ObjectiveAt(10)), N(r.ObjectiveAt(30)), N(r.ObjectiveAt(60)), N(r.FinalObjective),
                N(r.LowerBound), N(r.Gap), I(r.Subproblems), N(r.SubproblemsPerSecond), N(r.PeakWorkingSetDeltaMb), N(r.AllocatedMb),
                r.Verdict, r.Violations, N(r.ModelObjective), N(r.ModelBound), r.Formulation,
                N(r.PromisedUnits), N(r.UnexecutableUnits), N(r.UnexecutablePercent), r.OverloadedBuckets is { } o ? I(o) : "", r.PromisedVerdict,
                string.Join(';', r.Trace.Select(p => $"{N(p.Seconds)}:{N(p.Objective)}")), r.Notes,
                N(r.BestKnown), N(r.RatioToBest), r.BestKnownSource,
            ];
            sb.AppendJoin(',', cells.Select(Quote)).Append('\n');
        }
        return sb.ToString();
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string N(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("0.######", CultureInfo.InvariantCulture) : "";

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
