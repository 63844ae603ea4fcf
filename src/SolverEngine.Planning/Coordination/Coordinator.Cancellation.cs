namespace SolverEngine.Planning.Coordination;

// Cancellation that reaches every phase: a cancelled solve returns its best plan so far.
internal sealed partial class Coordinator
{
    /// <summary>
    /// Runs the coordination (see the class summary). A cancel stops it within a short while in
    /// every phase: the loop, the LPs and the set-up MIP look at the token between steps and stop
    /// their native solve; long managed steps (building an LP of an XL model, timing its runs,
    /// sequencing workers) throw <see cref="OperationCanceledException"/> at their next check, and
    /// that ends here as a <see cref="CoordinationStatus.Cancelled"/> result carrying the best plan
    /// reported so far and its bound (the coordinator's own state is not trusted after an
    /// interrupted step; what was reported is complete and executable).
    /// </summary>
    public CoordinationResult Run(Action<CoordinationEvent>? onEvent, CancellationToken ct)
    {
        Candidate? best = null;
        var lower = 0.0;
        var iteration = 0;
        var cuts = 0;
        void Track(CoordinationEvent e)
        {
            if (e.Incumbent is { } inc) best = inc;
            if (double.IsFinite(e.LowerBound)) lower = Math.Max(lower, e.LowerBound);
            iteration = Math.Max(iteration, e.Iteration);
            cuts = Math.Max(cuts, e.Cuts);
            onEvent?.Invoke(e);
        }
        try
        {
            // compiling is over: callers see the phase change now, not after the first (on XL, minutes-long) relaxation
            Track(new CoordinationEvent("aggregate", 0, 0, null, 0, 0, null, "building and solving the first relaxation"));
            return RunLoop(Track, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Result(CoordinationStatus.Cancelled, best, best is null ? lower : Math.Min(lower, best.Objective), iteration, cuts,
                best is null ? "Cancelled before any executable plan was found." : "");
        }
    }
}
