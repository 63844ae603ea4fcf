namespace SolverEngine.Planning.Sequencing;

/// <summary>
/// Orders the runs of one line in one bucket: given the products to run, the changeover weights
/// between them, the forbidden transitions and the set-up state carried in, finds the order with
/// the least total changeover weight that never uses a forbidden transition.
/// </summary>
/// <remarks>
/// Implementations are CPU-bound and synchronous; the coordinator runs them on worker threads.
/// Infeasible, budget exhausted and cancelled are reported in the <see cref="SequencingResult"/>,
/// never thrown. A problem instance may be solved from several threads at once.
/// </remarks>
public interface ISequencer
{
    /// <summary>Solves <paramref name="problem"/> within the budget of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> is null.</exception>
    SequencingResult Solve(SequencingProblem problem, SequencingOptions? options = null, CancellationToken cancellationToken = default);
}
