using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation;
using SolverEngine.Core.Import;
using SolverEngine.Core.Verification;
using SolverEngine.Planning;

namespace SolverEngine.Benchmarks.Planning;

/// <summary>
/// Solution-quality harness of the whole engine on published lot-sizing instances (GLSP on
/// parallel lines, Trigeiro CLSP, multi-plant CLSP) and on generated models: each instance is
/// imported, solved with a fixed time limit, its plan checked by <see cref="PlanVerifier"/>, and a
/// table of objective, lower bound, gap, status, wall time (and its overrun of the limit) printed.
/// Run: <c>dotnet run -c Release --project benchmarks/SolverEngine.Benchmarks -- literature-table
/// [--seconds 10] [--set glsp|trigeiro|mpclsp|generated] [--pattern A*] [--limit n] [--phases (progress on stderr)] [files...]</c>.
/// </summary>
public static class LiteratureSuite
{
    public const string DataDirectory = "/work/shared/data/instances";

    /// <summary>One row of the table.</summary>
    public sealed record Row(string Set, string Instance, string Status, double Objective, double LowerBound, double GapPercent,
        double Seconds, double LimitSeconds, bool Verified, string Note);

    public static void RunFromCommandLine(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seconds = 10.0;
        var set = "glsp";
        var pattern = "*";
        var limit = int.MaxValue;
        var phases = false;
        var files = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--set": set = args[++i]; break;
                case "--pattern": pattern = args[++i]; break;
                case "--limit": limit = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--phases": phases = true; break;
                default: files.Add(args[i]); break;
            }
        }
        var instances = files.Count > 0 ? files.Select(f => (set, f)).ToList() : Discover(set, pattern).Take(limit).ToList();
        Run(instances, TimeSpan.FromSeconds(seconds), Console.Out, phases);
    }

    /// <summary>The instance files of a set, in a stable order. "generated" yields S, M, L (seed 1).</summary>
    public static IEnumerable<(string Set, string Path)> Discover(string set, string pattern) => set switch
    {
        "glsp" => Files(Path.Combine(DataDirectory, "glsppl_random"), pattern).Select(f => (set, f)),
        "trigeiro" => Files(Path.Combine(DataDirectory, "trigeiro_clsp"), pattern, recursive: true).Select(f => (set, f)),
        "mpclsp" => Files(Path.Combine(DataDirectory, "mpclsp"), pattern).Select(f => (set, f)),
        "generated" => new[] { "S", "M", "L" }.Select(s => (set, s)),
        _ => throw new ArgumentException($"Unknown set '{set}'; use glsp, trigeiro, mpclsp or generated.", nameof(set)),
    };

    private static IEnumerable<string> Files(string dir, string pattern, bool recursive = false) =>
        Directory.GetFiles(dir, pattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    public static PlanningModel Load(string set, string path) => set switch
    {
        "glsp" => GlspplImporter.Import(path),
        "trigeiro" => TrigeiroImporter.Import(path),
        "mpclsp" => MpclspImporter.Import(path),
        "generated" => InstanceGenerator.Generate(System.Enum.Parse<InstanceSize>(path), 1),
        _ => throw new ArgumentException($"Unknown set '{set}'.", nameof(set)),
    };

    public static IReadOnlyList<Row> Run(IReadOnlyList<(string Set, string Path)> instances, TimeSpan limit, TextWriter output, bool phases = false)
    {
        var engine = new PlanningEngine();
        var rows = new List<Row>();
        output.WriteLine($"| set | instance | status | objective | lower bound | gap % | seconds | verified |");
        output.WriteLine($"|---|---|---|---:|---:|---:|---:|---|");
        foreach (var (set, path) in instances)
        {
            var name = set == "generated" ? path : Path.GetRelativePath(Path.Combine(DataDirectory), path);
            PlanningModel model;
            try { model = Load(set, path); }
            catch (Exception e) when (e is FormatException or IOException or ArgumentException)
            {
                output.WriteLine($"| {set} | {name} | IMPORT FAILED | | | | | {e.Message} |");
                continue;
            }
            var options = new SolveOptions { TimeLimit = Duration.FromTimeSpan(limit), Seed = 1 };
            var progress = new SyncProgress(u =>
            {
                if (!phases) return;
                var at = u.Elapsed.ToTimeSpan().TotalSeconds;
                Console.Error.WriteLine(u.UpdateCase == SolveUpdate.UpdateOneofCase.Incumbent
                    ? $"  {at,7:F2}s incumbent {u.Incumbent.Objective:G8} lb {u.Incumbent.LowerBound:G8}"
                    : $"  {at,7:F2}s {u.Progress.Phase} it={u.Progress.Iteration} lb={u.Progress.LowerBound:G8} {u.Progress.Message}");
            });
            var clock = Stopwatch.StartNew();
            var result = engine.SolveAsync(model, options, progress).GetAwaiter().GetResult();
            var wall = clock.Elapsed.TotalSeconds;
            var verified = false;
            var note = result.Message;
            if (result.Plan is not null)
            {
                var report = PlanVerifier.Verify(model, result.Plan, result.Objective);
                verified = report.IsValid;
                if (!verified) note = $"{report.Violations.Count} violations: {report.Violations[0]}";
            }
            var gap = result.Plan is null ? double.NaN : 100 * result.Gap;
            var row = new Row(set, name, StatusName(result.Status), result.Plan is null ? double.NaN : result.Objective,
                result.LowerBound, gap, wall, limit.TotalSeconds, verified, note);
            rows.Add(row);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {set} | {name} | {row.Status} | {row.Objective:F1} | {row.LowerBound:F1} | {row.GapPercent:F2} | {row.Seconds:F1} | {(verified ? "yes" : "NO " + note)} |"));
            output.Flush();
        }
        return rows;
    }

    private static string StatusName(SolveStatus s) => s switch
    {
        SolveStatus.Optimal => "OPTIMAL",
        SolveStatus.Feasible => "FEASIBLE",
        SolveStatus.Infeasible => "INFEASIBLE",
        SolveStatus.TimeLimit => "TIME_LIMIT",
        SolveStatus.Cancelled => "CANCELLED",
        SolveStatus.Failed => "FAILED",
        _ => s.ToString(),
    };

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<SolveUpdate> report) : IProgress<SolveUpdate>
    {
        public void Report(SolveUpdate value) => report(value);
    }
}
