using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace SolverEngine.Planning.Benchmarking.Internal;

/// <summary>summary.md: settings and machine, a table per instance set, the hand-off's unexecutable volume, and the headline ratios.</summary>
internal static class MarkdownReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Write(BenchReport report, string? command)
    {
        var sb = new StringBuilder();
        var s = report.Settings;
        sb.Append("# Benchmark summary\n\n");
        if (!string.IsNullOrWhiteSpace(command)) sb.Append(C, $"Command: `{command}`\n\n");
        sb.Append(C, $"Run {report.Started:yyyy-MM-dd HH:mm} UTC, {(report.Finished - report.Started).TotalMinutes:0.0} min; ")
          .Append(C, $"time limit {s.TimeLimit.TotalSeconds:0.#} s per run, {s.Repeats} repeat(s), threads {(s.Threads == 0 ? "all" : s.Threads.ToString(C))}; ")
          .Append(C, $"machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}.\n\n");
        sb.Append("Objective: the contract's objective of the executable plan held at that time (lower is better; `-` = no plan yet, ")
          .Append("or the run was limited below that time). Baselines hold one plan, at their end. Peak WS = growth of the process working set ")
          .Append("over the run, sampled every 50 ms (native Clp/Cbc memory included); alloc = managed bytes allocated. Verdict: `PlanVerifier` on the final plan.\n");

        foreach (var set in report.Runs.GroupBy(r => r.Set))
        {
            sb.Append(C, $"\n## {set.Key}\n\n");
            var checkpoints = s.Checkpoints.Where(c => c <= Math.Max(s.TimeLimit.TotalSeconds, set.Max(r => r.WallSeconds))).ToList();
            sb.Append("| instance | profile | rep | status | first plan s | first obj |");
            foreach (var c in checkpoints) sb.Append(C, $" obj@{c:0}s |");
            // best known column only for sets whose data documents one (n/a for the instances without)
            var best = set.Any(r => r.BestKnown is not null);
            sb.Append(best ? " final | best known | final/best |" : " final |");
            sb.Append(" bound | gap | wall s | subproblems/s | peak WS MB | alloc MB | verdict |\n|---|---|---|---|---|---|");
            foreach (var _ in checkpoints) sb.Append("---|");
            sb.Append(best ? "---|---|---|---|---|---|---|---|---|---|\n" : "---|---|---|---|---|---|---|---|\n");
            foreach (var r in set)
            {
                sb.Append(C, $"| {r.Instance} | {r.Profile} | {r.Repeat} | {r.Status} | {F(r.FirstPlanSeconds, "0.0")} | {F(r.FirstPlanObjective)} |");
                foreach (var c in checkpoints) sb.Append(C, $" {F(r.ObjectiveAt(c))} |");
                sb.Append(C, $" {F(r.FinalObjective)} |");
                if (best) sb.Append(C, $" {(r.BestKnown is null ? "n/a" : F(r.BestKnown))} | {(r.RatioToBest is { } q ? q.ToString("0.0000", C) : "-")} |");
                sb.Append(C, $" {F(r.LowerBound)} | {Pct(r.Gap)} | {r.WallSeconds:0.0} | {r.SubproblemsPerSecond:0.#} | {r.PeakWorkingSetDeltaMb:0} | {r.AllocatedMb:0} | {Verdict(r)} |\n");
            }
            if (best)
            {
                sb.Append("\nBest known: ");
                sb.AppendJoin("; ", set.Where(r => r.BestKnown is not null).GroupBy(r => r.BestKnownSource)
                    .Select(g => $"{(g.Key.Length == 0 ? "no source given" : g.Key.Replace("|", "/", StringComparison.Ordinal))} ({string.Join(", ", g.Select(r => r.Instance).Distinct())})"));
                sb.Append(". final/best above 1 = worse than the best known.\n");
            }

            var handoff = set.Where(r => r.Kind == BenchProfileKind.Handoff).ToList();
            if (handoff.Count > 0)
            {
                sb.Append("\n**Two-plan hand-off**: volume the aggregate plan promised that cannot run once each (line, bucket) is sequenced with real changeovers.\n\n");
                sb.Append("| instance | rep | aggregate | promised units | unexecutable units | unexecutable % | overloaded (line, bucket) | promised plan verdict | aggregate objective | executed objective |\n|---|---|---|---|---|---|---|---|---|---|\n");
                foreach (var r in handoff)
                    sb.Append(C, $"| {r.Instance} | {r.Repeat} | {r.Formulation} | {F(r.PromisedUnits)} | {F(r.UnexecutableUnits)} | {F(r.UnexecutablePercent, "0.0")} % | {r.OverloadedBuckets} | {Short(r.PromisedVerdict)} | {F(r.ModelObjective)} | {F(r.FinalObjective)} |\n");
            }

            var mono = set.Where(r => r.Kind == BenchProfileKind.Monolithic).ToList();
            if (mono.Count > 0)
            {
                sb.Append("\n**Monolithic MIP** (Cbc): its own incumbent and bound, and the plan made from it.\n\n");
                sb.Append("| instance | rep | formulation | MIP objective | MIP bound | plan objective | wall s | notes |\n|---|---|---|---|---|---|---|---|\n");
                foreach (var r in mono)
                    sb.Append(C, $"| {r.Instance} | {r.Repeat} | {r.Formulation} | {F(r.ModelObjective)} | {F(r.ModelBound)} | {F(r.FinalObjective)} | {r.WallSeconds:0.0} | {r.Notes.Replace("|", "/", StringComparison.Ordinal)} |\n");
            }
            Headline(sb, set.ToList());
        }
        return sb.ToString();
    }

    /// <summary>Per instance and engine profile: time to reach the monolithic baseline's final objective, and the objective at the monolithic's time.</summary>
    private static void Headline(StringBuilder sb, List<BenchRun> runs)
    {
        var rows = new List<string>();
        foreach (var inst in runs.GroupBy(r => r.Instance))
        {
            var mono = inst.Where(r => r.Kind == BenchProfileKind.Monolithic).ToList();
            if (mono.Count == 0) continue;
            var monoPlans = mono.Where(r => r.FinalObjective is not null).ToList();
            var monoWall = Median(mono.Select(r => r.WallSeconds));
            foreach (var ours in inst.Where(r => r.Kind == BenchProfileKind.Engine).GroupBy(r => r.Profile))
            {
                var list = ours.ToList();
                if (monoPlans.Count == 0)
                {
                    var at = list.Select(r => r.ObjectiveAt(monoWall) ?? r.FinalObjective).Where(v => v is not null).Select(v => v!.Value).ToList();
                    rows.Add(string.Create(C, $"| {inst.Key} | {ours.Key} | no plan in {monoWall:0.0} s | | | | {(at.Count > 0 ? F(Median(at)) : "-")} | - |"));
                    continue;
                }
                var target = Median(monoPlans.Select(r => r.FinalObjective!.Value));
                var reach = list.Select(r => r.TimeToReach(target)).ToList();
                var reached = reach.Where(t => t is not null).Select(t => t!.Value).ToList();
                var reachText = reached.Count == 0 ? "not reached" : F(Median(reached), "0.00") + (reached.Count < list.Count ? $" ({reached.Count}/{list.Count} runs)" : "");
                var speedup = reached.Count == 0 ? "-" : (monoWall / Math.Max(1e-3, Median(reached))).ToString("0.#", C) + "x";
                var atMono = list.Select(r => r.ObjectiveAt(monoWall) ?? r.FinalObjective).Where(v => v is not null).Select(v => v!.Value).ToList();
                var ratio = atMono.Count == 0 ? "-" : (Median(atMono) / target).ToString("0.0000", C);
                rows.Add(string.Create(C, $"| {inst.Key} | {ours.Key} | {F(target)} | {monoWall:0.0} | {reachText} | {speedup} | {(atMono.Count > 0 ? F(Median(atMono)) : "-")} | {ratio} |"));
            }
        }
        if (rows.Count == 0) return;
        sb.Append("\n**Headline: ours against the monolithic MIP.** Time for ours to hold a plan at least as good as the monolithic baseline's final plan ")
          .Append("(speed-up = monolithic wall time / that time), and ours' objective at the monolithic's wall time (ratio ours / monolithic; below 1 = ours better). ")
          .Append("Medians over repeats.\n\n");
        sb.Append("| instance | profile | monolithic final | monolithic s | ours reaches it at s | speed-up | ours at equal time | ratio |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var r in rows) sb.Append(r).Append('\n');
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToList();
        if (v.Count == 0) return double.NaN;
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }

    private static string Verdict(BenchRun r) => r.Verdict == "invalid" ? $"invalid ({r.Violations})" : r.Verdict;

    private static string Short(string verdict) => verdict.Length > 80 ? verdict[..77] + "..." : verdict;

    private static string F(double? v, string format = "#,0.##") => v is { } x && double.IsFinite(x) ? x.ToString(format, C) : "-";

    private static string Pct(double? v) => v is { } x && double.IsFinite(x) ? (100 * x).ToString("0.00", C) + " %" : "-";
}
