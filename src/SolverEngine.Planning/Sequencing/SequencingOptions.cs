namespace SolverEngine.Planning.Sequencing;

/// <summary>Budget and method thresholds for one <see cref="ISequencer.Solve"/> call.</summary>
public sealed record SequencingOptions
{
    /// <summary>Shared default options (10 s, seed 0, not deterministic).</summary>
    public static SequencingOptions Default { get; } = new();

    /// <summary>Wall-clock budget. Ignored when <see cref="Deterministic"/> is set.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Work budget in work units (about one unit per elementary cost evaluation). Null = no
    /// separate work limit, except in deterministic mode where it defaults to
    /// <see cref="WorkUnitsPerSecond"/> times <see cref="TimeLimit"/> in seconds.
    /// </summary>
    public long? WorkLimit { get; init; }

    /// <summary>Seed of the random choices (perturbations of the local search).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// When true, the result depends only on the problem, the seed and the work budget: the
    /// clock is never read for decisions and budgets count work units.
    /// </summary>
    public bool Deterministic { get; init; }

    /// <summary>Largest number of free nodes solved by Held-Karp dynamic programming (memory grows as 2^n * n).</summary>
    public int ExactDpMaxNodes { get; init; } = 16;

    /// <summary>Memory the Held-Karp tables may use, in bytes; above it the DP is skipped.</summary>
    public long ExactDpMaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Largest number of nodes handed to the exact branch-and-bound (above it: local search plus bound).</summary>
    public int BranchAndBoundMaxNodes { get; init; } = 120;

    /// <summary>
    /// Largest number of nodes handed to the LP branch-and-cut (subtour cuts on Clp, finished by a
    /// Cbc MIP on the arcs left after reduced-cost fixing) when the Lagrangian branch-and-bound has
    /// not finished within its share of the budget. 0 switches it off.
    /// </summary>
    public int BranchAndCutMaxNodes { get; init; } = 120;

    /// <summary>Calibration used to turn a time limit into a work limit in deterministic mode.</summary>
    public const long WorkUnitsPerSecond = 50_000_000;
}
