using System.Globalization;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Validation;
using SolverEngine.Planning.Baselines.Internal;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Baselines;

/// <summary>
/// Baseline "monolithic": the whole model as ONE MIP handed to Cbc with the run's time limit and
/// threads, no decomposition. Formulation (see <c>Internal/MonolithicMip</c>): the aggregate
/// layer's rows with binary set-ups and integer batches, plus per (line, bucket) a GLSP-style
/// sequence with set-up carry-over (transition binaries, Miller-Tucker-Zemlin order, minimum
/// runs, max runs per bucket) - or, when that would need more than
/// <see cref="MaxTransitions"/> transition variables, a CLSP with set-up times (cheapest incoming
/// changeover per set-up, no order).
/// </summary>
/// <remarks>
/// What it does not cover, like the aggregate layer: tanks, shared assets and stability cost (the
/// contract's verifier does not count them either). Turning the MIP's answer into a plan (CLSP): its
/// set-up pattern (products with production per line and bucket) is sequenced by the portfolio
/// sequencer and the quantities are re-fitted by the fixed set-up LP (the engine's own plan
/// builder, so minimum runs, batches and run placement are read exactly as the verifier reads
/// them); with the sequence formulation the MIP's own run orders are kept and only quantities are
/// re-fitted (re-sequencing is the fall-back). <see cref="BaselineResult.ModelObjective"/> is the MIP's own incumbent; the plan's
/// objective is <see cref="SolveResult.Objective"/>. The conversion runs after the MIP's time limit
/// and its time is included in the wall time.
/// </remarks>
public static class MonolithicBaseline
{
    /// <summary>Transition variables above which the CLSP variant is used (parameter "monolithic.formulation" = glsp forces the sequence model).</summary>
    public const long MaxTransitions = 150_000;

    /// <summary>Parameter keys this baseline reads from <see cref="SolveOptions.Parameters"/>.</summary>
    public static IReadOnlyList<string> ParameterKeys { get; } = ["monolithic.formulation"];

    /// <summary>Solves <paramref name="model"/> as one MIP. Time limit and threads from <paramref name="options"/> (0 threads = all cores).</summary>
    /// <exception cref="ModelValidationException">The model has validation errors.</exception>
    /// <exception cref="ArgumentException">An option is invalid (time limit, threads, an unknown parameter).</exception>
    /// <exception cref="SolverException">Cbc or Clp failed.</exception>
    public static Task<BaselineResult> SolveAsync(PlanningModel model, SolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new SolveOptions();
        var limit = BaselineContext.Limit(options);
        var formulation = "auto";
        foreach (var (key, value) in options.Parameters)
        {
            if (key != "monolithic.formulation")
                throw new ArgumentException($"options.parameters has unknown key '{key}' for the monolithic baseline; known keys: {string.Join(", ", ParameterKeys)}.", nameof(options));
            formulation = value is "auto" or "glsp" or "clsp"
                ? value
                : throw new ArgumentException($"options.parameters['monolithic.formulation'] is '{value}'; use auto, glsp or clsp.", nameof(options));
        }
        var report = ModelValidator.Validate(model);
        if (!report.Valid) throw new ModelValidationException(report);
        return Task.Run(() => Solve(model, options, limit, formulation, cancellationToken), CancellationToken.None);
    }

    private static BaselineResult Solve(PlanningModel model, SolveOptions options, TimeSpan limit, string formulation, CancellationToken ct)
    {
        var ctx = BaselineContext.Create(model, options, limit);
        var transitions = MonolithicMip.TransitionCount(ctx.Inst);
        var sequence = formulation == "glsp" || (formulation == "auto" && transitions <= MaxTransitions);
        var built = MonolithicMip.Build(ctx.Inst, ctx.Coordinator.Model, sequence);
        var lm = built.Model;
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        var remaining = limit - ctx.Clock.Elapsed;
        var mip = CbcMipSolver.Instance.Solve(lm, new SolverOptions
        {
            TimeLimit = remaining > TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1),
            Threads = threads,
            RelativeGap = options.RelativeGap > 0 ? options.RelativeGap : 1e-4,
        }, null, ct);

        var name = sequence ? "glsp-carryover" : "clsp-setup-times";
        var notes = sequence
            ? $"{built.Transitions} transition binaries"
            : formulation == "clsp" ? $"CLSP (parameter); the sequence model would need {transitions} transition binaries"
            : $"CLSP: the sequence model would need {transitions} transition binaries (> {MaxTransitions})";
        var timedOut = mip.Status is Solvers.SolveStatus.TimeLimit or Solvers.SolveStatus.Interrupted;
        Coordination.Candidate? plan = null;
        if (mip.HasSolution && !ct.IsCancellationRequested)
        {
            var values = mip.Values.ToArray();
            // the MIP's own run orders first; the set-up pattern re-sequenced with repair where they cannot be read as a plan
            var orders = built.Sequences is { } vars ? MonolithicMip.Orders(ctx.Inst, ctx.Coordinator.Model, vars, values) : null;
            plan = orders is null ? null : ctx.FromOrders(orders, ct);
            if (plan is null)
            {
                if (sequence) notes += "; the MIP's run orders could not be read as a plan, its set-up pattern was re-sequenced";
                plan = ctx.Coordinator.Evaluate(ctx.Pattern(values), values, null, ct);
            }
            if (plan is null) notes += "; the MIP's set-up pattern could not be turned into an executable plan";
        }
        else
        {
            notes += $"; Cbc: {mip.Status}, no solution";
        }
        var bound = double.IsFinite(mip.BestBound) ? mip.BestBound : double.NegativeInfinity;
        var message = string.Create(CultureInfo.InvariantCulture, $"monolithic {name}: Cbc {mip.Status}, {mip.NodeCount} nodes");
        return new BaselineResult
        {
            Result = ctx.Result(plan, bound, timedOut, message, 0, threads),
            Formulation = name,
            ModelObjective = mip.HasSolution ? mip.Objective : double.NaN,
            ModelBound = mip.BestBound,
            Size = (lm.VariableCount, lm.IntegerCount, lm.ConstraintCount),
            Notes = notes,
        };
    }
}
