using System.Diagnostics;
using System.Globalization;
using SolverEngine.Core.Import;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Planning.Sequencing.Internal;

namespace SolverEngine.Benchmarks.Sequencing;

/// <summary>
/// The LP branch-and-cut alone on TSPLIB instances (seeded with the local-search tour), to compare
/// it with the Lagrangian branch-and-bound of the portfolio.
/// Run: <c>dotnet run -c Release --project benchmarks/SolverEngine.Benchmarks -- branch-and-cut-probe [seconds] [names...]</c>.
/// </summary>
public static class BranchAndCutProbe
{
    public static void RunFromCommandLine(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var names = args.Skip(1).ToHashSet();
        var files = Directory.GetFiles(TsplibSequencingSuite.DefaultDirectory, "*.atsp")
            .Select(f => TsplibReader.ReadFile(f))
            .Where(i => names.Count == 0 ? i.Dimension <= 130 : names.Contains(i.Name))
            .OrderBy(i => i.Dimension).ThenBy(i => i.Name, StringComparer.Ordinal);
        Console.WriteLine($"{"instance",-9} {"n",4} {"optimum",8} {"best",8} {"root",9} {"bound",9} {"proven",6} {"seconds",8} {"nodes",8} {"cuts",6} {"work",12}");
        foreach (var instance in files)
        {
            var problem = SequencingProblem.ForClosedTour(instance.ToMatrix());
            var options = new SequencingOptions { TimeLimit = TimeSpan.FromSeconds(seconds), Seed = 1 };
            var sw = Stopwatch.StartNew();
            var budget = new WorkBudget(options, CancellationToken.None);
            var matrix = new TourMatrix(problem);
            var (lsNodes, lsWeights) = matrix.ForLocalSearch(problem.RequiredLast);
            var ls = new LocalSearch(lsNodes, lsWeights, matrix.MaxFinite, 1);
            var lsBudget = budget.Slice(0.05);
            int[] tour = matrix.FromLocalSearch(ls.Run(lsBudget, 10_000 + 50L * matrix.N, 0, start: null, out double cost), problem.RequiredLast);
            budget.Spend(lsBudget.Work);
            using var bc = new LpBranchAndCut(matrix, tour, cost);
            long maxNodes = long.Parse(Environment.GetEnvironmentVariable("BC_NODES") ?? "1000000000", CultureInfo.InvariantCulture);
            bool done = bc.Run(budget, maxNodes);
            if (!done && maxNodes < 1000000000)
            {
                done = bc.RunMip(budget, long.Parse(Environment.GetEnvironmentVariable("BC_MIPNODES") ?? "100000", CultureInfo.InvariantCulture));
                Console.WriteLine($"mip solves {bc.MipSolves}");
            }
            sw.Stop();
            double optimum = TsplibSequencingSuite.KnownOptima.TryGetValue(instance.Name, out double o) ? o : double.NaN;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{instance.Name,-9} {instance.Dimension,4} {optimum,8} {bc.UpperBound,8} {bc.RootBound,9:F1} {bc.LowerBound,9:F1} {(done ? "yes" : "no"),6} {sw.Elapsed.TotalSeconds,8:F2} {bc.Nodes,8} {bc.Cuts,6} {budget.Work,12}"));
        }
    }
}
