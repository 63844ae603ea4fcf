using System.Diagnostics;
using System.Globalization;
using SolverEngine.Core.Generation;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Solvers;

namespace SolverEngine.Benchmarks.Solvers;

/// <summary>
/// Times the first aggregate LP of a generated model with and without Clp's presolve, per algorithm (no time limit,
/// so Clp's own rule that leaves presolve out of large stoppable solves does not apply). The data
/// behind <see cref="ClpLpSession.PresolveMaxColumnsWhenStoppable"/>: presolve does not stop at a
/// deadline, so where it pays is a question of how long it takes against how long the solve takes
/// without it.
/// Run: <c>dotnet run -c Release --project benchmarks/SolverEngine.Benchmarks -- lp-presolve [--sizes M,L] [--seed 1] [--algorithms Automatic,Barrier]</c>.
/// </summary>
internal static class LpPresolveProbe
{
    public static void RunFromCommandLine(string[] args)
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
            var inst = InstanceBuilder.Build(InstanceGenerator.Generate(size, seed));
            var lp = new AggregateModel(inst).Build(null, Array.Empty<SetupCut>());
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
}
