using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Decomposition;

/// <summary>Whether the aggregate LP relaxation is solved by site (options.parameters "decomposition.sites").</summary>
internal enum SiteDecompositionMode
{
    /// <summary>By the measured rule (<see cref="SiteDecomposition.AutoApplies"/>).</summary>
    Auto,
    /// <summary>Always when the LP splits into two or more blocks.</summary>
    On,
    /// <summary>Never: one LP.</summary>
    Off,
}

/// <summary>
/// The site-level decomposition of the aggregate LP relaxation (the lower-bound computation of the
/// coordinator): the LP is split into per-site blocks linked by the lane transfers
/// (<see cref="SiteColumns"/>, <see cref="BlockPartition"/>) and solved by Benders (<see cref="BendersLp"/>),
/// blocks in parallel. One instance per coordinator: it keeps the Benders cuts between the
/// coordinator's iterations (they stay valid, because each iteration's LP only adds rows, the
/// sequencing cuts, which can only raise a block's value and shrink its feasible set).
/// </summary>
internal sealed class SiteDecomposition
{
    /// <summary>Columns from which auto decomposes independent sites (see <see cref="AutoApplies"/>).</summary>
    public const int AutoMinColumns = 20_000;

    /// <summary>
    /// Auto rule, from the crossover measured by the <c>site-decomposition</c> benchmark
    /// (benchmarks/README.md, "Site decomposition of the aggregate LP"): decompose when the sites are
    /// independent blocks (no transfer column links them) and the LP has at least
    /// <see cref="AutoMinColumns"/> columns. Independent sites solve in one round, and each block is
    /// small enough for Clp's presolve (the whole LP runs without it above 20,000 columns, see
    /// Coordinator.LpOptions): generated L without lanes, 19.2 s whole against 3.1 s by site at 1
    /// thread and 2.6 s at 2; at M (7k columns) the two were even. With lanes Benders never won: on M
    /// (1,920 transfer columns) it was still 1e-3 from the optimum after 60-120 s where the whole LP
    /// takes 2 s, and on L (75,600 transfer columns) further still; so linked sites stay whole.
    /// </summary>
    public static bool AutoApplies(BlockPartition partition, int columns, int threads) =>
        partition.Blocks.Length >= 2 && partition.Blocks.All(b => b.Linking.Length == 0) && columns >= AutoMinColumns;

    private readonly PlanningInstance _inst;
    private readonly AggregateModel _model;
    private readonly ILpSolver _lp;
    private readonly SiteDecompositionMode _mode;
    private readonly int _threads;
    private readonly double _gap;
    private readonly int _maxIterations;
    private IReadOnlyList<BendersCut> _pool = [];
    private string _poolShape = "";

    public SiteDecomposition(PlanningInstance inst, AggregateModel model, ILpSolver lp, SiteDecompositionMode mode, int threads, double relativeGap, int maxIterations = 2_000)
    {
        _inst = inst;
        _model = model;
        _lp = lp;
        _mode = mode;
        _threads = threads;
        _gap = relativeGap;
        _maxIterations = maxIterations;
    }

    /// <summary>Decomposed solves run so far.</summary>
    public int Runs { get; private set; }

    /// <summary>Benders iterations of the last run.</summary>
    public int LastIterations { get; private set; }

    /// <summary>Blocks of the last partition made (0 before any).</summary>
    public int LastBlocks { get; private set; }

    /// <summary>
    /// Solves <paramref name="relaxation"/> (the LP just built by the coordinator's <see cref="AggregateModel"/>)
    /// by site when the mode (and for auto, the rule) says so; null when it should be solved whole
    /// (mode off, one block only, or the decomposition gave up: unbounded block, numerical trouble,
    /// stopped before any feasible point).
    /// </summary>
    public BendersResult? TrySolve(LinearModel relaxation, TimeSpan? timeLimit, CancellationToken ct)
    {
        if (_mode == SiteDecompositionMode.Off || relaxation.IsMip || _inst.Sites.Length < 2) return null;
        // auto: skip the split where the rule cannot hold (small LP, or transfer columns that link sites)
        if (_mode == SiteDecompositionMode.Auto
            && (relaxation.VariableCount < AutoMinColumns || _model.Move.Any(lane => lane.Any(p => p.Any(c => c >= 0))))) return null;
        var (label, master) = SiteColumns.Of(_inst, _model, relaxation.VariableCount);
        var partition = BlockPartition.Of(relaxation, label, master);
        LastBlocks = partition.Blocks.Length;
        if (partition.Blocks.Length < 2) return null;
        if (_mode == SiteDecompositionMode.Auto && !AutoApplies(partition, relaxation.VariableCount, _threads)) return null;

        Runs++;
        using var benders = new BendersLp(relaxation, partition, _lp, new BendersSettings
        {
            RelativeGap = _gap,
            MaxIterations = _maxIterations,
            TimeLimit = timeLimit,
            Threads = _threads,
        });
        // the pool is reused only on the same columns split the same way
        var shape = $"{relaxation.VariableCount}|{partition.MasterColumns.Length}|" + string.Join(",", partition.Blocks.Select(b => $"{b.Columns[0]}:{b.Columns.Length}"));
        var result = benders.Solve(_poolShape == shape ? _pool : null, ct);
        LastIterations = result.Iterations;
        if (result.Status is BendersStatus.Optimal or BendersStatus.Stopped)
        {
            _pool = result.Cuts;
            _poolShape = shape;
        }
        return result;
    }
}
