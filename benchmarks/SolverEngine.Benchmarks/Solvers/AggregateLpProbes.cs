using System.Diagnostics;
using System.Globalization;
using SolverEngine.Core.Generation;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Solvers;

namespace SolverEngine.Benchmarks.Solvers;

/// <summary>
/// The first aggregate LP of a generated model, timed the ways the engine could solve it:
/// <list type="bullet">
/// <item><c>lp-presolve [--sizes M,L] [--seed 1] [--algorithms Automatic,Barrier]</c>: with and without Clp's presolve,
/// per algorithm, no time limit (so Clp's rule that leaves presolve out of large stoppable solves does not
/// apply). The data behind <see cref="ClpLpSession.PresolveMaxColumnsWhenStoppable"/>: presolve does not
/// stop at a deadline, so where it pays is how long it takes against the solve without it.</item>
/// <item><c>lane-warm-start [--size L] [--seed 1] [--limit 600] [--cold] [--priced-only] [--mps FILE]</c>: lanes held at 0,
/// then every lane opened at once warm (the first version; left out with <c>--priced-only</c>), then
/// <see cref="LanesClosedFirst"/> itself with each priced round, and with <c>--cold</c> the whole LP cold;
/// every solve stoppable (a time limit), as in the engine.
/// <c>--mps FILE</c> solves a dumped LP whole with presolve and no limit instead (is it feasible at all?).</item>
/// </list>
/// Run: <c>dotnet run -c Release --project benchmarks/SolverEngine.Benchmarks -- lp-presolve|lane-warm-start ...</c>.
/// </summary>
internal static class AggregateLpProbes
{
    public static void RunPresolve(string[] args)
    {
        var sizes = new[] { InstanceSize.M, InstanceSize.L };
        var seed = 1;
        LpAlgorithm[] algorithms = [LpAlgorithm.Automatic];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--sizes": sizes = args[i + 1].Split(',').Select(s => Enum.Parse<InstanceSize>(s, ignoreCase: true)).ToArray(); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--algorithms": algorithms = args[i + 1].Split(',').Select(s => Enum.Parse<LpAlgorithm>(s, ignoreCase: true)).ToArray(); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'; use --sizes M,L, --seed N, --algorithms Automatic,DualSimplex,PrimalSimplex,Barrier.");
            }
        }
        Console.WriteLine("| size | columns | rows | algorithm | presolve | status | objective | wall s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            var (_, lp) = FirstRelaxation(size, seed);
            foreach (var algorithm in algorithms)
                foreach (var presolve in new[] { true, false })
                {
                    var clock = Stopwatch.StartNew();
                    var r = ClpLpSolver.Instance.Solve(lp, new SolverOptions { Presolve = presolve, Algorithm = algorithm });
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {size} | {lp.VariableCount:N0} | {lp.ConstraintCount:N0} | {algorithm} | {(presolve ? "on" : "off")} | {r.Status} | {r.Objective:N2} | {clock.Elapsed.TotalSeconds:F1} |"));
                }
        }
    }

    public static void RunLaneWarmStart(string[] args)
    {
        var size = InstanceSize.L;
        var seed = 1;
        var limit = 600.0;
        var cold = false;
        var pricedOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size": size = Enum.Parse<InstanceSize>(args[++i], ignoreCase: true); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--limit": limit = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--cold": cold = true; break;
                case "--priced-only": pricedOnly = true; break;
                case "--mps":
                    using (var dumped = ClpLpSolver.Instance.ReadMps(args[++i], new SolverOptions())) Report("dumped LP, whole, presolve", () => dumped.Solve());
                    return;
                default: throw new ArgumentException($"Unknown option '{args[i]}'; use --size S|M|L|XL, --seed N, --limit seconds, --cold, --mps FILE.");
            }
        }
        var (model, lp) = FirstRelaxation(size, seed);
        var transfers = model.TransferColumns(lp);
        Console.WriteLine($"{size} seed {seed}: {lp.VariableCount:N0} columns, {lp.ConstraintCount:N0} rows, {transfers.Count:N0} lane transfer columns; limit {limit} s per solve");
        Console.WriteLine("| step | status | objective | iterations | wall s |");
        Console.WriteLine("|---|---|---|---|---|");
        var options = new SolverOptions { TimeLimit = TimeSpan.FromSeconds(limit) };
        if (!pricedOnly) // the first version: every lane opened at once
        {
            using var session = ClpLpSolver.Instance.CreateSession(lp, options);
            foreach (var c in transfers) session.SetBounds(new Variable(c), 0, 0);
            Report("lanes fixed at 0", () => session.Solve());
            foreach (var c in transfers) session.SetBounds(new Variable(c), lp.LowerBound(new Variable(c)), lp.UpperBound(new Variable(c)));
            Report("lanes open, warm", () => session.Solve());
        }
        // the engine's call, each priced round on a line of its own (time since the call began)
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        Report("LanesClosedFirst (the engine's call: lanes at 0, then opened by pricing)", () =>
        {
            var (session, result) = LanesClosedFirst.SolveKeepingSession(ClpLpSolver.Instance, lp, transfers, options, CancellationToken.None,
                onRound: (opened, r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"|   priced round {++rounds}: {opened} opened | {r.Status} | {r.Objective:N2} | {r.Iterations:N0} | {clock.Elapsed.TotalSeconds:F1} |")));
            session?.Dispose();
            return result;
        });
        if (cold) Report("whole LP, cold", () => ClpLpSolver.Instance.Solve(lp, options));
    }

    private static (AggregateModel Model, LinearModel Lp) FirstRelaxation(InstanceSize size, int seed)
    {
        var model = new AggregateModel(InstanceBuilder.Build(InstanceGenerator.Generate(size, seed)));
        return (model, model.Build(null, Array.Empty<SetupCut>()));
    }

    private static void Report(string step, Func<LpResult> solve)
    {
        var clock = Stopwatch.StartNew();
        var r = solve();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {step} | {r.Status} | {r.Objective:N2} | {r.Iterations:N0} | {clock.Elapsed.TotalSeconds:F1} |"));
    }
}
