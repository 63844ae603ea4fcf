using System.Globalization;
using SolverEngine.Contracts.V1;
using SolverEngine.Planning;

namespace SolverEngine.Server;

/// <summary>The <see cref="ISolveEngine"/> the server uses: SolverEngine.Planning's <see cref="PlanningEngine"/>.</summary>
public sealed class PlanningEngineSolver(PlanningEngine engine) : ISolveEngine
{
    private static readonly string[] Profiles = ["", "default", "fast", "quality"];

    public PlanningEngineSolver() : this(new PlanningEngine()) { }

    public Task<SolveResult> SolveAsync(PlanningModel model, SolveOptions options, IProgress<SolveUpdate> progress, CancellationToken cancellationToken) =>
        engine.SolveAsync(model, options, progress, cancellationToken);

    /// <summary>
    /// Checks the options when the solve is submitted, so that a mistake is INVALID_ARGUMENT at
    /// once rather than a FAILED job later. The same rules as the engine applies when it starts.
    /// </summary>
    public void ValidateOptions(SolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TimeLimit is { } limit && limit.ToTimeSpan() <= TimeSpan.Zero)
            throw new ArgumentException($"options.time_limit is {limit.ToTimeSpan()}; it must be > 0 (leave it unset for the default 60 s).", nameof(options));
        if (options.RelativeGap < 0 || double.IsNaN(options.RelativeGap))
            throw new ArgumentException($"options.relative_gap is {options.RelativeGap.ToString(CultureInfo.InvariantCulture)}; it must be >= 0 (0 = the default 1e-4).", nameof(options));
        if (options.Threads < 0)
            throw new ArgumentException($"options.threads is {options.Threads}; it must be >= 0 (0 = all cores).", nameof(options));
        if (!Profiles.Contains(options.Profile))
            throw new ArgumentException($"options.profile '{options.Profile}' is unknown; use \"fast\", \"default\" (or empty) or \"quality\".", nameof(options));
        foreach (var (key, value) in options.Parameters)
        {
            if (!PlanningEngine.ParameterKeys.Contains(key))
                throw new ArgumentException($"options.parameters has unknown key '{key}'; known keys: {string.Join(", ", PlanningEngine.ParameterKeys)}.", nameof(options));
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < 0)
                throw new ArgumentException($"options.parameters['{key}'] is '{value}'; it must be a whole number >= 0.", nameof(options));
        }
    }
}
