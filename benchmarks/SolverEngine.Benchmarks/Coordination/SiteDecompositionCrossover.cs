using System.Diagnostics;
using System.Globalization;
using SolverEngine.Core.Generation;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Decomposition;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Solvers;
using static SolverEngine.Benchmarks.Coordination.Timings;

namespace SolverEngine.Benchmarks.Coordination;

/// <summary>
/// The aggregate LP relaxation of generated models solved whole (Clp, the coordinator's options) and
/// by site (Benders over per-site blocks, <see cref="BendersLp"/>), side by side in one run, alternating,
/// at the given thread counts; prints a table of median times, the objectives and the Benders work.
/// The decomposed time includes splitting the LP. What the auto rule of "decomposition.sites" is set from.
/// Run: <c>dotnet run -c Release --project benchmarks/SolverEngine.Benchmarks -- site-decomposition [--sizes M,L] [--seed 1] [--reps 3] [--threads 1,2] [--limit 300] [--no-lanes] [--mpclsp AAA012212_0.dat,...]</c> (published multi-plant instances instead of generated sizes).
/// </summary>
internal static class SiteDecompositionCrossover
{
    public static void RunFromCommandLine(string[] args)
    {
        InstanceSize[] sizes = [InstanceSize.S, InstanceSize.M, InstanceSize.L];
        var seed = 1;
        var reps = 3;
        int[] threads = [1, 2];
        var limit = 300.0;
        var noLanes = false;
        var files = new List<string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] == "--no-lanes")
            {
                noLanes = true;
                i--;
                continue;
            }
            if (i + 1 >= args.Length) throw new ArgumentException($"Option '{args[i]}' needs a value.");
            switch (args[i])
            {
                case "--sizes": sizes = args[i + 1].Split(',').Select(s => Enum.Parse<InstanceSize>(s, ignoreCase: true)).ToArray(); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--reps": reps = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--threads": threads = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--mpclsp": files.AddRange(args[i + 1].Split(',').Select(f => Path.Combine("/work/shared/data/instances/mpclsp", f))); break;
                case "--limit": limit = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'; use --sizes S,M,L,XL, --seed N, --reps N, --threads 1,2, --limit seconds, --no-lanes, --mpclsp file1.dat,file2.dat.");
            }
        }
        var models = files.Count > 0
            ? files.Select(f => (Path.GetFileNameWithoutExtension(f), global::SolverEngine.Core.Import.MpclspImporter.Import(f))).ToList()
            : sizes.Select(z => (z.ToString(), InstanceGenerator.Generate(z, seed))).ToList();
        Run(models, seed, reps, threads, TimeSpan.FromSeconds(limit), noLanes, Console.Out);
    }

    public static void Run(List<(string Name, Contracts.V1.PlanningModel Model)> models, int seed, int reps, int[] threadCounts, TimeSpan limit, bool noLanes, TextWriter output)
    {
        output.WriteLine($"aggregate LP relaxation, whole vs by site; seed {seed};{(noLanes ? " lanes removed (independent sites);" : "")} {reps} reps, alternating; {Environment.ProcessorCount} cores; limit {limit.TotalSeconds:F0} s per solve");
        var rows = new List<string>();
        foreach (var (size, generated) in models)
        {
            // --no-lanes: the same sites without their lanes, the case where the blocks are independent
            if (noLanes) generated.Lanes.Clear();
            var inst = InstanceBuilder.Build(generated);
            var model = new AggregateModel(inst);
            var lp = model.Build(null, Array.Empty<SetupCut>());
            var (label, master) = SiteColumns.Of(inst, model, lp.VariableCount);
            var partition = BlockPartition.Of(lp, label, master);
            var shape = $"{inst.Sites.Length} sites, {lp.ConstraintCount} x {lp.VariableCount}, {partition.Blocks.Length} blocks, {partition.MasterColumns.Length} linking columns";
            output.WriteLine($"{size}: {shape}");
            if (partition.Blocks.Length < 2)
            {
                rows.Add($"| {size} | {inst.Sites.Length} | {lp.ConstraintCount} x {lp.VariableCount} | {partition.Blocks.Length} | - | - | not decomposable (one block) | | |");
                continue;
            }
            var whole = new List<double>();
            var byThreads = threadCounts.ToDictionary(k => k, _ => new List<double>());
            double wholeObj = double.NaN;
            var last = new Dictionary<int, BendersResult>();
            var options = new SolverOptions { TimeLimit = limit, Presolve = lp.VariableCount <= 20_000 }; // as Coordinator.LpOptions
            for (var rep = 0; rep < reps; rep++)
            {
                var clock = Stopwatch.StartNew();
                var r = ClpLpSolver.Instance.Solve(lp, options);
                whole.Add(clock.Elapsed.TotalSeconds);
                wholeObj = r.Objective;
                output.WriteLine($"  rep {rep + 1} whole: {clock.Elapsed.TotalSeconds:F3} s {r.Status} {r.Objective:R}");
                foreach (var k in threadCounts)
                {
                    clock.Restart();
                    var (lb2, mb2) = SiteColumns.Of(inst, model, lp.VariableCount);
                    var part = BlockPartition.Of(lp, lb2, mb2);
                    using var benders = new BendersLp(lp, part, ClpLpSolver.Instance, new BendersSettings { RelativeGap = 1e-6, Threads = k, TimeLimit = limit });
                    var d = benders.Solve(null, CancellationToken.None);
                    byThreads[k].Add(clock.Elapsed.TotalSeconds);
                    last[k] = d;
                    output.WriteLine($"  rep {rep + 1} by site, {k} threads: {clock.Elapsed.TotalSeconds:F3} s {d.Status} bound {d.LowerBound:R} point {d.UpperBound:R} ({d.Iterations} iterations, {d.BlockSolves} block solves, {d.Cuts.Count} cuts)");
                }
            }
            foreach (var k in threadCounts)
            {
                var d = last[k];
                var gap = (d.UpperBound - wholeObj) / Math.Max(1, Math.Abs(wholeObj));
                rows.Add($"| {size} | {inst.Sites.Length} | {lp.ConstraintCount} x {lp.VariableCount} | {partition.Blocks.Length} | {partition.MasterColumns.Length} | {k} | {Median(whole):F3} | {Median(byThreads[k]):F3} | {Median(whole) / Median(byThreads[k]):F2}x | {d.Status}, {d.Iterations} it., point {gap:E1} above |");
            }
        }
        output.WriteLine();
        output.WriteLine("| size | sites | LP rows x cols | blocks | linking cols | threads | whole s | by site s | whole / by site | Benders |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows) output.WriteLine(row);
    }
}
