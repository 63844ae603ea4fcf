using System.Collections.Concurrent;
using SolverEngine.Core.Generation;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;

namespace SolverEngine.Benchmarks.Coordination;

/// <summary>
/// The state of a coordinator after its first LP relaxation on a generated model: the instance,
/// the relaxation's values and duals, the rounded set-up pattern and the coordinator's own
/// sequencing options (deterministic budgets, so every run does the same work). Built once per
/// (size, seed) and process: the relaxation of M takes seconds, and with <c>--inProcess</c> all
/// benchmark cases share it.
/// </summary>
internal sealed class CoordinationRound
{
    private static readonly ConcurrentDictionary<(InstanceSize, int), Lazy<CoordinationRound>> Cache = new();

    public required PlanningInstance Instance { get; init; }
    public required CoordinatorSettings Settings { get; init; }
    public required double[] Values { get; init; }
    public required double[] Duals { get; init; }
    public required IReadOnlyList<int>[][] Pattern { get; init; }
    public required SequencingOptions SequencingOptions { get; init; }
    /// <summary>The coordinator that solved the relaxation (its aggregate model is built; its cut cache is empty until used).</summary>
    public required Coordinator Coordinator { get; init; }

    public static CoordinationRound For(InstanceSize size, int seed = 1) =>
        Cache.GetOrAdd((size, seed), k => new Lazy<CoordinationRound>(() => Create(k.Item1, k.Item2))).Value;

    /// <summary>A fresh coordinator on the same instance with its aggregate model built (same column layout as <see cref="Coordinator"/>'s): empty caches.</summary>
    public Coordinator NewCoordinator()
    {
        var c = new Coordinator(Instance, ClpLpSolver.Instance, CbcMipSolver.Instance, new PortfolioSequencer(), Settings);
        c.Model.Build(null, Array.Empty<SetupCut>());
        return c;
    }

    /// <summary>The coordinator's price of an hour on (line, bucket): the capacity row's dual (as Coordinator.HourPrice).</summary>
    public double HourPrice(int l, int t)
    {
        var row = Coordinator.Model.CapacityRow[l][t];
        return row < 0 ? 1e-6 : Math.Abs(Duals[row]) + 1e-6;
    }

    public double Produced(int l, int t, int p) => Coordinator.Produced(Values, l, p, t);

    private static CoordinationRound Create(InstanceSize size, int seed)
    {
        var inst = InstanceBuilder.Build(InstanceGenerator.Generate(size, seed));
        var settings = new CoordinatorSettings { TimeLimit = TimeSpan.FromSeconds(60), Seed = seed, Deterministic = true, Threads = 1 };
        var coordinator = new Coordinator(inst, ClpLpSolver.Instance, CbcMipSolver.Instance, new PortfolioSequencer(), settings);
        var relax = coordinator.Solve(coordinator.Model.Build(null, Array.Empty<SetupCut>()), CancellationToken.None)
            ?? throw new InvalidOperationException($"The aggregate LP of generated {size} seed {seed} has no solution.");
        return new CoordinationRound
        {
            Instance = inst,
            Settings = settings,
            Values = relax.Values,
            Duals = relax.Duals,
            Pattern = coordinator.Round(relax.Values),
            // the coordinator's per-subproblem budget (see Coordinator's constructor), counted in work units
            SequencingOptions = new SequencingOptions
            {
                TimeLimit = TimeSpan.FromSeconds(Math.Max(0.005, Math.Min(1, settings.TimeLimit.TotalSeconds / (20.0 * Math.Max(1, inst.Lines.Length * inst.T))))),
                Seed = seed,
                Deterministic = true,
            },
            Coordinator = coordinator,
        };
    }
}
