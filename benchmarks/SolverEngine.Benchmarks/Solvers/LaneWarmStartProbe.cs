using System.Diagnostics;
using System.Globalization;
using SolverEngine.Core.Generation;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Solvers;

namespace SolverEngine.Benchmarks.Solvers;

/// <summary>
/// The first aggregate LP of a generated model with linked sites, solved in two steps: first with every
/// lane transfer fixed at 0 (the sites are then independent), then warm from that basis with the lanes
/// open again. Compared with the whole LP solved cold. All solves stoppable (a time limit), as in the
/// engine, so Clp leaves presolve out above 20,000 columns.
/// Run: <c>dotnet run -c Release --project benchmarks/SolverEngine.Benchmarks -- lane-warm-start [--size L] [--seed 1] [--limit 600] [--cold]</c>.
/// </summary>
internal static class LaneWarmStartProbe
{
    public static void RunFromCommandLine(string[] args)
    {
        var size = InstanceSize.L;
        var seed = 1;
        var limit = 600.0;
        var cold = false;
        var algorithms = new[] { LpAlgorithm.Automatic };
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size": size = Enum.Parse<InstanceSize>(args[++i], ignoreCase: true); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--limit": limit = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--cold": cold = true; break;
                case "--mps": SolveMps(args[++i], limit); return;
                case "--algorithms": algorithms = args[++i].Split(',').Select(s => Enum.Parse<LpAlgorithm>(s, ignoreCase: true)).ToArray(); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'; use --size S|M|L|XL, --seed N, --limit seconds, --cold, --algorithms Automatic,PrimalSimplex.");
            }
        }
        var inst = InstanceBuilder.Build(InstanceGenerator.Generate(size, seed));
        var model = new AggregateModel(inst);
        var lp = model.Build(null, Array.Empty<SetupCut>());
        var moves = model.Move.SelectMany(lane => lane.SelectMany(p => p)).Where(c => c >= 0).Select(c => new Variable(c)).ToArray();
        Console.WriteLine($"{size} seed {seed}: {lp.VariableCount:N0} columns, {lp.ConstraintCount:N0} rows, {moves.Length:N0} lane transfer columns; limit {limit} s per solve");
        Console.WriteLine("| algorithm (first solve) | step | status | objective | iterations | wall s |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var options = new SolverOptions { TimeLimit = TimeSpan.FromSeconds(limit) };
        foreach (var algorithm in algorithms)
        {
            using var session = ClpLpSolver.Instance.CreateSession(lp, options with { Algorithm = algorithm });
            foreach (var v in moves) session.SetBounds(v, 0, 0);
            Report(algorithm, "lanes fixed at 0", () => session.Solve());
            foreach (var v in moves) session.SetBounds(v, lp.LowerBound(v), lp.UpperBound(v));
            Report(algorithm, "lanes open, warm", () => session.Solve());
        }
        if (cold)
        {
            using var whole = ClpLpSolver.Instance.CreateSession(lp, options);
            Report(LpAlgorithm.Automatic, "whole LP, cold", () => whole.Solve());
        }
    }

    // A dumped LP: solved whole with presolve and no limit (is it feasible at all?).
    private static void SolveMps(string path, double limit)
    {
        using var session = ClpLpSolver.Instance.ReadMps(path, new SolverOptions());
        Report(LpAlgorithm.Automatic, "mps whole, presolve", () => session.Solve());
    }

    private static void Report(LpAlgorithm algorithm, string step, Func<LpResult> solve)
    {
        var clock = Stopwatch.StartNew();
        var r = solve();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {algorithm} | {step} | {r.Status} | {r.Objective:N2} | {r.Iterations:N0} | {clock.Elapsed.TotalSeconds:F1} |"));
    }
}
