using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;
using SolverEngine.Core.Validation;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;
using SolveStatus = SolverEngine.Contracts.V1.SolveStatus;

namespace SolverEngine.Planning;

/// <summary>
/// The embedded solver: validate -> compile -> solve (aggregate LP coordinated with sequencing)
/// -> plan. Contract types at the boundary. What the CLI's <c>solve</c> and the gRPC
/// <c>Solve</c> call. Thread-safe: one engine may run several solves at once.
/// </summary>
public sealed class PlanningEngine
{
    /// <summary>Parameter keys accepted in <see cref="SolveOptions.Parameters"/>.</summary>
    public static IReadOnlyList<string> ParameterKeys { get; } =
    [
        "coordinator.max_iterations",
        "exact.max_setups",
        "exact.max_nodes",
        "cuts.max_slack_rounds",
        "decomposition.sites",
        "windows.max_setups",
        "windows.max_nodes",
    ];

    private static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);
    private readonly ILpSolver _lp;
    private readonly IMipSolver? _mip;
    private readonly ISequencer _sequencer;
    /// <summary>False for the re-solves the late-order diagnosis makes to confirm its causes.</summary>
    private bool _diagnose = true;
    /// <summary>An engine on the default backends whose plans get no late-order diagnosis (tests that re-solve lifted models).</summary>
    internal static PlanningEngine WithoutDiagnosis() => new() { _diagnose = false };

    /// <summary>An engine on the default backends (Clp, the portfolio sequencer).</summary>
    public PlanningEngine()
        : this(ClpLpSolver.Instance, CbcMipSolver.Instance, new PortfolioSequencer())
    {
    }

    /// <summary>An engine on the given backends. <paramref name="mip"/> may be null: batch multiples are then rounded.</summary>
    public PlanningEngine(ILpSolver lp, IMipSolver? mip, ISequencer sequencer)
    {
        _lp = lp ?? throw new ArgumentNullException(nameof(lp));
        _mip = mip;
        _sequencer = sequencer ?? throw new ArgumentNullException(nameof(sequencer));
    }

    /// <summary>
    /// Solves <paramref name="model"/>. Progress and every better executable plan are reported
    /// through <paramref name="progress"/> as <see cref="SolveUpdate"/>s (progress / incumbent);
    /// the final <see cref="SolveResult"/> is returned (and not reported). Infeasible, time limit
    /// and cancellation are results; the plan, when there is one, is always executable.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ModelValidationException">The model has validation errors (every one is listed).</exception>
    /// <exception cref="ArgumentException">An option is invalid (unknown parameter key or profile, negative time limit).</exception>
    /// <exception cref="SolverException">The LP/MIP backend failed.</exception>
    public Task<SolveResult> SolveAsync(PlanningModel model, SolveOptions? options = null, IProgress<SolveUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new SolveOptions();
        var settings = Settings(options);
        var clock = Stopwatch.StartNew();
        var stream = new SolveStream(progress, clock, options.PlanDetail);
        stream.Phase("validate");
        var compiled = ModelCompiler.Compile(model); // validates: throws ModelValidationException listing every error

        var stage = new CompileStage();
        var work = Task.Run(() =>
        {
            using var streamScope = stream;
            stream.Phase("compile");
            PlanningInstance inst;
            try { inst = InstanceBuilder.Build(compiled, cancellationToken); }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return CancelledBeforeSolving(clock, options); }
            using var coordinator = new Coordinator(inst, _lp, _mip, _sequencer, settings);
            var builder = new PlanBuilder(inst, coordinator.Model);
            // Heartbeat progress (at least once a second) and monotone bounds: SolveStream.
            stream.Attach(builder, () => coordinator.SubproblemsSolved, () => coordinator.ActivePhase);
            if (!stage.TryStartSolving()) return CancelledBeforeSolving(clock, options); // the caller already has its result
            var result = coordinator.Run(stream.OnEvent, cancellationToken);
            stream.Dispose(); // the result is the last update: nothing is streamed after this

            var solve = new SolveResult
            {
                Status = result.Status switch
                {
                    CoordinationStatus.Optimal => SolveStatus.Optimal,
                    // a loop cut short by the token (cuts and sequences stop answering) ends "feasible": it was cancelled
                    CoordinationStatus.Feasible => cancellationToken.IsCancellationRequested ? SolveStatus.Cancelled : SolveStatus.Feasible,
                    CoordinationStatus.TimeLimit => SolveStatus.TimeLimit,
                    CoordinationStatus.Cancelled => SolveStatus.Cancelled,
                    CoordinationStatus.Infeasible => SolveStatus.Infeasible,
                    _ => SolveStatus.Failed,
                },
                Message = result.Message,
                Stats = new SolveStats
                {
                    WallTime = Duration.FromTimeSpan(clock.Elapsed),
                    Iterations = (uint)result.Iterations,
                    SubproblemsSolved = (ulong)result.Subproblems,
                    Cuts = (uint)result.Cuts,
                    LpSolves = (ulong)result.LpSolves,
                    Threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount,
                    PeakMemoryBytes = (ulong)Math.Max(0, Environment.WorkingSet),
                },
            };
            if (result.TimeToFirstPlan is { } first) solve.Stats.TimeToFirstPlan = Duration.FromTimeSpan(first);
            if (result.Best is { } best)
            {
                // The result is the last streamed incumbent unless a better plan came after it; the
                // final plan (only) gets its late orders diagnosed from the LP.
                var bestPlan = stream.PlanOf(best) ?? builder.Build(best);
                if (stream.LastIncumbent is { } last && last.Plan.Objective < bestPlan.Objective)
                    solve.Plan = last.Plan.Clone();
                else
                {
                    solve.Plan = bestPlan.Clone();
                    if (_diagnose)
                        Diagnostics.LateOrderDiagnosis.Explain(inst, coordinator.Model, _lp, best, solve.Plan, settings.TimeLimit - clock.Elapsed,
                            (lifted, timeLeft) => SolveLifted(lifted, options, settings.Deterministic, timeLeft, cancellationToken), settings.Deterministic, cancellationToken);
                }
                solve.Objective = solve.Plan.Objective;
                solve.LowerBound = Math.Min(Math.Max(result.LowerBound, stream.LowerBound), solve.Objective);
                solve.Gap = Coordinator.Gap(solve.Objective, solve.LowerBound);
            }
            else
            {
                solve.LowerBound = Math.Max(stream.LowerBound, double.IsFinite(result.LowerBound) ? result.LowerBound : 0);
            }
            return solve;
        }, CancellationToken.None);
        return stage.ResultAsync(work, stream, () => CancelledBeforeSolving(clock, options), () => CancelledWithBestSoFar(stream, clock, options), cancellationToken);
    }

    /// <summary>
    /// Solves a model the late-order diagnosis lifted a limit in, with no diagnosis of its own: with
    /// the caller's options (in deterministic mode exactly the plan a caller gets solving that model),
    /// else within the diagnosis's time left. Null when it has no plan or the model is rejected.
    /// </summary>
    private Plan? SolveLifted(PlanningModel lifted, SolveOptions options, bool deterministic, TimeSpan timeLeft, CancellationToken ct)
    {
        var o = options.Clone();
        if (!deterministic) o.TimeLimit = Duration.FromTimeSpan(timeLeft);
        try
        {
            var engine = new PlanningEngine(_lp, _mip, _sequencer) { _diagnose = false };
            return engine.SolveAsync(lifted, o, null, ct).GetAwaiter().GetResult().Plan;
        }
        catch (Exception e) when (e is ModelValidationException or SolverException)
        {
            return null; // a lift the model cannot take, or a backend failure, confirms nothing (a diagnosis never fails a solve)
        }
    }

    /// <summary>The hard cancel: the best plan streamed so far (the native solve did not stop within the grace period).</summary>
    private static SolveResult CancelledWithBestSoFar(SolveStream stream, Stopwatch clock, SolveOptions options)
    {
        var result = CancelledBeforeSolving(clock, options);
        result.Message = "Cancelled; the solver was still in a native solve, which finishes in the background.";
        result.LowerBound = stream.LowerBound;
        if (stream.LastIncumbent is { } best)
        {
            result.Plan = best.Plan;
            result.Objective = best.Plan.Objective;
            result.LowerBound = Math.Min(result.LowerBound, result.Objective);
            result.Gap = Coordinator.Gap(result.Objective, result.LowerBound);
        }
        return result;
    }

    private static SolveResult CancelledBeforeSolving(Stopwatch clock, SolveOptions options) => new()
    {
        Status = SolveStatus.Cancelled,
        Message = "Cancelled while the model was being compiled, before any plan existed.",
        Stats = new SolveStats { WallTime = Duration.FromTimeSpan(clock.Elapsed), Threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount },
    };

    /// <summary>
    /// Checks solve options by the same rules <see cref="SolveAsync"/> applies, so that a service can
    /// reject a mistake when a job is submitted rather than fail the job later.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and its value.</exception>
    public static void ValidateOptions(SolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = Settings(options);
    }

    private static CoordinatorSettings Settings(SolveOptions options)
    {
        var limit = options.TimeLimit is null ? DefaultTimeLimit : options.TimeLimit.ToTimeSpan();
        if (limit <= TimeSpan.Zero)
            throw new ArgumentException($"options.time_limit is {limit}; it must be > 0 (leave it unset for the default 60 s).", nameof(options));
        if (options.RelativeGap < 0 || double.IsNaN(options.RelativeGap))
            throw new ArgumentException($"options.relative_gap is {options.RelativeGap.ToString(CultureInfo.InvariantCulture)}; it must be >= 0 (0 = the default 1e-4).", nameof(options));
        if (options.Threads < 0)
            throw new ArgumentException($"options.threads is {options.Threads}; it must be >= 0 (0 = all cores).", nameof(options));

        var settings = new CoordinatorSettings
        {
            TimeLimit = limit,
            RelativeGap = options.RelativeGap > 0 ? options.RelativeGap : 1e-4,
            Seed = unchecked((int)options.Seed),
            Deterministic = options.Deterministic,
            Threads = options.Threads,
        };
        settings = options.Profile switch
        {
            "" or "default" => settings,
            "fast" => settings with { MaxIterations = 5, ExactMaxSetups = 0 },
            "quality" => settings with { MaxIterations = 500, ExactMaxSetups = 20, ExactMaxNodes = 200_000 },
            _ => throw new ArgumentException($"options.profile '{options.Profile}' is unknown; use \"fast\", \"default\" (or empty) or \"quality\".", nameof(options)),
        };
        foreach (var (key, value) in options.Parameters)
        {
            int Int() => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
                ? v
                : throw new ArgumentException($"options.parameters['{key}'] is '{value}'; it must be a whole number >= 0.", nameof(options));
            settings = key switch
            {
                "coordinator.max_iterations" => settings with { MaxIterations = Math.Max(1, Int()) },
                "exact.max_setups" => settings with { ExactMaxSetups = Int() },
                "exact.max_nodes" => settings with { ExactMaxNodes = Int() },
                "cuts.max_slack_rounds" => settings with { CutMaxSlackRounds = Math.Max(1, Int()) },
                "decomposition.sites" => settings with { SiteDecomposition = SiteMode(key, value) },
                "windows.max_setups" => settings with { WindowMaxSetups = Int() },
                "windows.max_nodes" => settings with { WindowMaxNodes = Math.Max(1, Int()) },
                _ => throw new ArgumentException($"options.parameters has unknown key '{key}'; known keys: {string.Join(", ", ParameterKeys)}.", nameof(options)),
            };
        }
        return settings;
    }

    private static Decomposition.SiteDecompositionMode SiteMode(string key, string value) => value.Trim().ToLowerInvariant() switch
    {
        "auto" => Decomposition.SiteDecompositionMode.Auto,
        "on" => Decomposition.SiteDecompositionMode.On,
        "off" => Decomposition.SiteDecompositionMode.Off,
        _ => throw new ArgumentException($"options.parameters['{key}'] is '{value}'; use \"auto\" (by model size), \"on\" (solve the LP relaxation by site) or \"off\" (one LP).", "options"),
    };
}
