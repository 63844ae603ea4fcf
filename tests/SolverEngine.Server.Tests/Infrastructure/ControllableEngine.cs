using System.Threading.Channels;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Server.Tests.Infrastructure;

/// <summary>
/// A test double of the planning engine for the queue and job logic: every solve announces
/// itself on <see cref="Started"/> and then waits until the test completes it, reports for it,
/// or cancels it (then it returns CANCELLED with the best plan it reported, as the real engine does).
/// </summary>
internal sealed class ControllableEngine : ISolveEngine
{
    private readonly Channel<EngineRun> _started = Channel.CreateUnbounded<EngineRun>();

    /// <summary>Solves in the order they started.</summary>
    public ChannelReader<EngineRun> Started => _started.Reader;

    public async Task<SolveResult> SolveAsync(PlanningModel model, SolveOptions options, IProgress<SolveUpdate> progress, CancellationToken cancellationToken)
    {
        var run = new EngineRun(model, options, progress);
        _started.Writer.TryWrite(run);
        await using var onCancel = cancellationToken.Register(run.CancelledByServer);
        return await run.Result.Task;
    }

    /// <summary>Waits for the next solve to start (a signal, with a generous limit so a broken test ends).</summary>
    public async Task<EngineRun> NextStartedAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _started.Reader.ReadAsync(limit.Token);
    }

    internal sealed class EngineRun(PlanningModel model, SolveOptions options, IProgress<SolveUpdate> progress)
    {
        private Incumbent? _best;

        public PlanningModel Model { get; } = model;
        public SolveOptions Options { get; } = options;
        public TaskCompletionSource<SolveResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set when the server cancelled this solve.</summary>
        public TaskCompletionSource WasCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Incumbent ReportIncumbent(double objective, string runProduct)
        {
            var plan = new Plan { Objective = objective, Runs = { new Run { LineId = "L1", ProductId = runProduct, Quantity = 10 } } };
            _best = new Incumbent { Objective = objective, LowerBound = objective / 2, Gap = 0.5, Plan = plan };
            progress.Report(new SolveUpdate { Incumbent = _best });
            return _best;
        }

        public void ReportProgress(uint iteration, string phase) =>
            progress.Report(new SolveUpdate { Progress = new Progress { Iteration = iteration, Phase = phase } });

        public void Complete(SolveStatus status, double objective) =>
            Result.TrySetResult(new SolveResult { Status = status, Objective = objective, Plan = _best?.Plan ?? new Plan { Objective = objective } });

        public void Fail(Exception exception) => Result.TrySetException(exception);

        internal void CancelledByServer()
        {
            WasCancelled.TrySetResult();
            var result = new SolveResult { Status = SolveStatus.Cancelled, Message = "cancelled by the test" };
            if (_best is not null)
            {
                result.Objective = _best.Objective;
                result.Plan = _best.Plan;
            }
            Result.TrySetResult(result);
        }
    }
}
