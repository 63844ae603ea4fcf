using System.Collections.Concurrent;
using System.Diagnostics;
using SolverEngine.Client;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation;
using SolverEngine.Core.Modeling;
using SolverEngine.Core.Verification;
using SolverEngine.Server.Tests.Infrastructure;

namespace SolverEngine.Server.Tests.EndToEnd;

/// <summary>
/// A real client (a Python grpcio process) that disappears mid-stream - killed, so the kernel
/// drops its TCP connection - stops the Solve it was streaming, but not a solve it had submitted
/// as a job. The real planning engine runs underneath, observed through a thin hook.
/// </summary>
public sealed class ClientDisconnectTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly ObservedEngine _engine = new(new PlanningEngineSolver());
    private readonly MemoryLog _log = new();
    private readonly string _modelPath = Path.Combine(Path.GetTempPath(), $"solverengine-disconnect-{Guid.NewGuid():N}.json");
    private SolverEngineServer _server = null!;
    private PlanningClient _client = null!;

    public async Task InitializeAsync()
    {
        // A generated M model with a long time limit: it is still solving when the client goes.
        ModelFiles.Save(InstanceGenerator.Generate(InstanceSize.M, 4), _modelPath);
        _server = await InProcessServer.StartAsync(_engine, o =>
        {
            o.MaxConcurrentSolves = 2;
            o.MaxQueuedJobs = 2;
        }, _log);
        _client = new PlanningClient(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.Jobs.DrainAsync(TimeSpan.Zero);
        await _server.DisposeAsync();
        File.Delete(_modelPath);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_client_that_disconnects_stops_its_Solve_but_not_its_job()
    {
        using var python = StartClient(job: true);
        var jobId = await ReadyAsync(python);
        var call = await _engine.RunAsync("solve-call").WaitAsync(Limit);
        var job = await _engine.RunAsync("job").WaitAsync(Limit);
        Assert.False(call.TokenCancelled.Task.IsCompleted);

        python.Kill(); // the connection goes with the process, without a cancel from the client

        // The Solve call's solve is cancelled and returns (a result, with its best plan if any).
        await call.TokenCancelled.Task.WaitAsync(Limit);
        var stopped = await call.Finished.Task.WaitAsync(Limit);
        Assert.Equal(SolveStatus.Cancelled, stopped.Status);
        if (stopped.Plan is { Runs.Count: > 0 } plan) Assert.True(PlanVerifier.Verify(ModelFiles.Load(_modelPath), plan, stopped.Objective).IsValid);
        // the registry records the call's status just after the engine returned: wait for it, within the limit
        bool CallCancelled() => _server.Jobs.List(0, null).Jobs.Any(j => j.Name != "job" && j.Status == Job.Types.Status.Cancelled);
        for (var waited = Stopwatch.StartNew(); !CallCancelled() && waited.Elapsed < Limit;) await Task.Delay(20);
        Assert.Contains(_server.Jobs.List(0, null).Jobs, j => j.Name != "job" && j.Status == Job.Types.Status.Cancelled);

        // The job watched on the same (dead) connection keeps solving: it reports again after
        // the call's solve has stopped, and is still running.
        Assert.False(job.TokenCancelled.Task.IsCompleted, "the job was cancelled by its watcher's disconnect");
        await job.ReportsAfterAsync(3).WaitAsync(Limit);
        Assert.False(job.TokenCancelled.Task.IsCompleted, "the job was cancelled by its watcher's disconnect");
        var running = await _client.GetJobAsync(jobId, Limit);
        Assert.Equal(Job.Types.Status.Running, running.Status);

        // Its owner can still stop it (the engine returns its best plan as a CANCELLED result).
        await _client.CancelJobAsync(jobId, Limit);
        await job.TokenCancelled.Task.WaitAsync(Limit);
        var jobResult = await job.Finished.Task.WaitAsync(Limit);
        Assert.Equal(SolveStatus.Cancelled, jobResult.Status);
    }

    private Process StartClient(bool job)
    {
        var info = new ProcessStartInfo(TestPaths.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var hostPort = _server.Address.Authority;
        foreach (var arg in new[] { Path.Combine(TestPaths.TestDirectory, "python", "disconnect_client.py"), "--address", hostPort, "--model", _modelPath })
            info.ArgumentList.Add(arg);
        if (job) info.ArgumentList.Add("--job");
        info.Environment["PYTHONPATH"] = TestPaths.PythonClientDirectory;
        info.Environment["no_grpc_proxy"] = "127.0.0.1,localhost";
        return Process.Start(info)!;
    }

    private async Task<string> ReadyAsync(Process python)
    {
        using var limit = new CancellationTokenSource(Limit);
        var line = await python.StandardOutput.ReadLineAsync(limit.Token);
        if (line is null || !line.StartsWith("READY", StringComparison.Ordinal))
        {
            var err = await python.StandardError.ReadToEndAsync(limit.Token);
            Assert.Fail($"The Python client did not get its streams going: '{line}'\n{err}\nServer log:\n{_log}");
        }
        return line!["READY".Length..].Trim();
    }

    /// <summary>The real engine, with signals for the test: started, token cancelled, progress reported, finished.</summary>
    private sealed class ObservedEngine(ISolveEngine inner) : ISolveEngine
    {
        private readonly ConcurrentDictionary<string, Run> _runs = new();

        public Task<Run> RunAsync(string modelName) => _runs.GetOrAdd(modelName, _ => new Run()).Started.Task;

        public async Task<SolveResult> SolveAsync(PlanningModel model, SolveOptions options, IProgress<SolveUpdate> progress, CancellationToken cancellationToken)
        {
            var run = _runs.GetOrAdd(model.Name, _ => new Run());
            await using var onCancel = cancellationToken.Register(() => run.TokenCancelled.TrySetResult());
            run.Started.TrySetResult(run);
            var result = await inner.SolveAsync(model, options, new Counting(progress, run), cancellationToken);
            run.Finished.TrySetResult(result);
            return result;
        }

        public void ValidateOptions(SolveOptions options) => inner.ValidateOptions(options);

        private sealed class Counting(IProgress<SolveUpdate> inner, Run run) : IProgress<SolveUpdate>
        {
            public void Report(SolveUpdate value)
            {
                inner.Report(value);
                run.Reported();
            }
        }
    }

    private sealed class Run
    {
        private readonly object _gate = new();
        private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];
        private long _reports;

        public TaskCompletionSource<Run> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource TokenCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<SolveResult> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once <paramref name="more"/> further updates have been reported.</summary>
        public Task ReportsAfterAsync(int more)
        {
            lock (_gate)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((_reports + more, done));
                return done.Task;
            }
        }

        public void Reported()
        {
            lock (_gate)
            {
                _reports++;
                foreach (var w in _waiters.Where(w => _reports >= w.Target).ToList())
                {
                    w.Done.TrySetResult();
                    _waiters.Remove(w);
                }
            }
        }
    }
}
