using SolverEngine.Client;
using SolverEngine.Contracts.V1;
using SolverEngine.Grpc;
using SolverEngine.Grpc.Client;
using SolverEngine.Grpc.Health.V1;
using SolverEngine.Server.Tests.Infrastructure;
using ServingStatus = SolverEngine.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace SolverEngine.Server.Tests.EndToEnd;

/// <summary>
/// The job API and call life cycle over the wire (in-process server, C# client), with a
/// controllable engine standing in for the planner so the test decides when solves end.
/// </summary>
public sealed class JobApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ControllableEngine _engine = new();
    private readonly MemoryLog _log = new();
    private SolverEngineServer _server = null!;
    private PlanningClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await InProcessServer.StartAsync(_engine, o =>
        {
            o.MaxConcurrentSolves = 1;
            o.MaxQueuedJobs = 1;
            o.ShutdownGracePeriod = TimeSpan.FromMinutes(5);
        }, _log);
        _client = new PlanningClient(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.Jobs.DrainAsync(TimeSpan.Zero);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_full_queue_is_RESOURCE_EXHAUSTED()
    {
        await _client.SubmitJobAsync(TestModels.Request("running"), Timeout);
        await _engine.NextStartedAsync();
        var queued = await _client.SubmitJobAsync(TestModels.Request("queued"), Timeout);

        var ex = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitJobAsync(TestModels.Request("refused"), Timeout));

        Assert.Equal(Job.Types.Status.Queued, queued.Status);
        Assert.True(ex.StatusCode == StatusCode.ResourceExhausted, ex.Status.ToString());
        Assert.Contains("MaxQueuedJobs", ex.Status.Detail);
    }

    [Fact]
    public async Task CancelJob_keeps_the_best_plan_and_is_idempotent()
    {
        var job = await _client.SubmitJobAsync(TestModels.Request(), Timeout);
        var run = await _engine.NextStartedAsync();
        var best = run.ReportIncumbent(80, "A");

        var first = await _client.CancelJobAsync(job.Id, Timeout);
        var second = await _client.CancelJobAsync(job.Id, Timeout);

        Assert.Equal(Job.Types.Status.Cancelled, first.Status);
        Assert.Equal(best.Plan, first.Result.Plan);
        Assert.Equal(first, second);
        Assert.Equal(Job.Types.Status.Cancelled, (await _client.GetJobAsync(job.Id, Timeout)).Status);
    }

    [Fact]
    public async Task WatchJob_replays_the_incumbent_streams_live_updates_and_ends_with_the_result()
    {
        var job = await _client.SubmitJobAsync(TestModels.Request(), Timeout);
        var run = await _engine.NextStartedAsync();
        var best = run.ReportIncumbent(50, "B");

        await using var watch = _client.WatchJobAsync(job.Id, Timeout).GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(best, watch.Current.Incumbent);
        run.ReportProgress(2, "polish");
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal("polish", watch.Current.Progress.Phase);
        run.Complete(SolveStatus.Optimal, 50);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(SolveStatus.Optimal, watch.Current.Result.Status);
        Assert.False(await watch.MoveNextAsync());

        var listed = await _client.ListJobsAsync(10, null, Timeout);
        Assert.Equal(job.Id, listed.Jobs[0].Id);
        Assert.Equal(Job.Types.Status.Completed, listed.Jobs[0].Status);
    }

    [Fact]
    public async Task Cancelling_a_Solve_call_cancels_the_engine()
    {
        using var cts = new CancellationTokenSource();
        var solve = Task.Run(async () =>
        {
            await foreach (var _ in _client.SolveAsync(TestModels.Request(), Timeout, cts.Token)) { }
        });
        var run = await _engine.NextStartedAsync();

        await cts.CancelAsync();

        await run.WasCancelled.Task.WaitAsync(Timeout);
        await Assert.ThrowsAnyAsync<Exception>(() => solve);
    }

    [Fact]
    public async Task A_Solve_deadline_reaches_the_engine()
    {
        var call = Task.Run(async () =>
        {
            await foreach (var _ in _client.SolveAsync(TestModels.Request(), TimeSpan.FromSeconds(2))) { }
        });
        var run = await _engine.NextStartedAsync();

        // The engine never finishes on its own: only the deadline can end this solve.
        try
        {
            await run.WasCancelled.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            var jobs = _server.Jobs.List(0, null).Jobs;
            Assert.Fail($"The engine was not cancelled. Client call: {call.Status} {call.Exception?.InnerException?.Message}. Jobs: {string.Join("; ", jobs)}\nServer log:\n{_log}");
        }
        var ex = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Shutdown_reports_NOT_SERVING_first_and_lets_a_running_Solve_finish()
    {
        using var channel = GrpcChannel.ForAddress(_server.Address);
        var watchMethod = new Method<HealthCheckRequest, HealthCheckResponse>(MethodType.ServerStreaming,
            "grpc.health.v1.Health", "Watch", HealthCheckRequest.Parser, HealthCheckResponse.Parser);
        using var watchCancel = new CancellationTokenSource();
        using var health = channel.ServerStreamingCall(watchMethod, new HealthCheckRequest(), new CallOptions(CancellationToken: watchCancel.Token));
        Assert.True(await health.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, health.ResponseStream.Current.Status);

        var updates = new List<SolveUpdate>();
        await using var solve = _client.SolveAsync(TestModels.Request(), Timeout).GetAsyncEnumerator();
        var first = solve.MoveNextAsync().AsTask(); // the call starts with the enumeration
        var run = await _engine.NextStartedAsync();
        run.ReportIncumbent(70, "A");
        Assert.True(await first);

        var stopping = _server.StopAsync();

        Assert.True(await health.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.NotServing, health.ResponseStream.Current.Status);
        await watchCancel.CancelAsync();
        health.Dispose(); // SolverEngine.Grpc's client resets a stream on Dispose, not when its token fires while no read is pending
        Assert.False(stopping.IsCompleted);
        run.Complete(SolveStatus.Optimal, 70);
        while (await solve.MoveNextAsync()) updates.Add(solve.Current);
        await stopping.WaitAsync(Timeout);
        Assert.Equal(SolveStatus.Optimal, updates[^1].Result.Status);
        Assert.False(run.WasCancelled.Task.IsCompleted);
    }
}
