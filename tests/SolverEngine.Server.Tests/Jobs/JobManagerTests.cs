using Microsoft.Extensions.Logging.Abstractions;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Validation;
using SolverEngine.Server.Jobs;
using SolverEngine.Server.Tests.Infrastructure;

namespace SolverEngine.Server.Tests.Jobs;

/// <summary>The queue and job life cycle, driven by a controllable engine (no network).</summary>
public sealed class JobManagerTests : IAsyncLifetime
{
    private readonly ControllableEngine _engine = new();
    private JobManager _jobs = null!;

    public Task InitializeAsync()
    {
        _jobs = Create(maxConcurrent: 1, maxQueued: 1);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _jobs.DisposeAsync();

    private JobManager Create(int maxConcurrent, int maxQueued, int maxRetained = 1000, ISolveEngine? engine = null, bool noEngine = false) =>
        new(noEngine ? null : engine ?? _engine,
            new SolverEngineServerOptions { MaxConcurrentSolves = maxConcurrent, MaxQueuedJobs = maxQueued, MaxRetainedJobs = maxRetained },
            TimeProvider.System, NullLogger<JobManager>.Instance);

    [Fact]
    public async Task A_full_queue_refuses_the_next_solve_until_a_slot_frees()
    {
        var a = _jobs.Submit(TestModels.Request("a"));
        var runA = await _engine.NextStartedAsync();
        var b = _jobs.Submit(TestModels.Request("b"));

        Assert.Equal(Job.Types.Status.Running, _jobs.Get(a.Id).Status);
        Assert.Equal(Job.Types.Status.Queued, b.Status);
        var full = Assert.Throws<JobQueueFullException>(() => _jobs.Submit(TestModels.Request("c")));
        Assert.Contains("1 solve(s) running and 1 queued", full.Message);

        runA.Complete(SolveStatus.Optimal, 42);
        var runB = await _engine.NextStartedAsync();
        Assert.Equal("b", _jobs.Get(b.Id).Name);
        Assert.Equal(Job.Types.Status.Running, _jobs.Get(b.Id).Status);
        var c = _jobs.Submit(TestModels.Request("c"));
        Assert.Equal(Job.Types.Status.Queued, c.Status);

        var doneA = _jobs.Get(a.Id);
        Assert.Equal(Job.Types.Status.Completed, doneA.Status);
        Assert.Equal(SolveStatus.Optimal, doneA.Result.Status);
        Assert.Equal(42, doneA.Result.Objective);
        runB.Complete(SolveStatus.Feasible, 1);
    }

    [Fact]
    public async Task Cancelling_a_running_job_keeps_its_best_plan_and_is_idempotent()
    {
        var job = _jobs.Submit(TestModels.Request());
        var run = await _engine.NextStartedAsync();
        var best = run.ReportIncumbent(120, "A");

        var cancelled = await _jobs.CancelAsync(job.Id);
        await run.WasCancelled.Task;
        var again = await _jobs.CancelAsync(job.Id);

        Assert.Equal(Job.Types.Status.Cancelled, cancelled.Status);
        Assert.Equal(SolveStatus.Cancelled, cancelled.Result.Status);
        Assert.Equal(best.Plan, cancelled.Result.Plan);
        Assert.Equal(120, cancelled.Result.Objective);
        Assert.Equal(cancelled, again);
    }

    [Fact]
    public async Task Cancelling_a_queued_job_ends_it_at_once_without_running_it()
    {
        var running = _jobs.Submit(TestModels.Request("running"));
        var run = await _engine.NextStartedAsync();
        var queued = _jobs.Submit(TestModels.Request("queued"));

        var cancelled = await _jobs.CancelAsync(queued.Id);
        var again = await _jobs.CancelAsync(queued.Id);

        Assert.Equal(Job.Types.Status.Cancelled, cancelled.Status);
        Assert.Equal(SolveStatus.Cancelled, cancelled.Result.Status);
        Assert.Equal(cancelled, again);
        // Its queue place is free again, and it never reaches the engine.
        var next = _jobs.Submit(TestModels.Request("next"));
        run.Complete(SolveStatus.Optimal, 1);
        var started = await _engine.NextStartedAsync();
        Assert.Equal(Job.Types.Status.Running, _jobs.Get(next.Id).Status);
        started.Complete(SolveStatus.Optimal, 2);
        Assert.Equal(Job.Types.Status.Completed, _jobs.Get(running.Id).Status);
    }

    [Fact]
    public async Task Cancelling_a_finished_job_changes_nothing()
    {
        var job = _jobs.Submit(TestModels.Request());
        var run = await _engine.NextStartedAsync();
        run.Complete(SolveStatus.Optimal, 7);
        await WatchToEndAsync(job.Id);

        var afterCancel = await _jobs.CancelAsync(job.Id);

        Assert.Equal(Job.Types.Status.Completed, afterCancel.Status);
        Assert.Equal(SolveStatus.Optimal, afterCancel.Result.Status);
        Assert.False(run.WasCancelled.Task.IsCompleted);
    }

    [Fact]
    public async Task Watch_replays_the_latest_incumbent_then_streams_live_updates_and_ends_with_the_result()
    {
        var job = _jobs.Submit(TestModels.Request());
        var run = await _engine.NextStartedAsync();
        run.ReportIncumbent(200, "A");
        var latest = run.ReportIncumbent(150, "B");

        await using var watch = _jobs.Watch(job.Id).GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(latest, watch.Current.Incumbent);
        Assert.Equal(job.Id, watch.Current.JobId);
        Assert.NotNull(watch.Current.Elapsed);

        run.ReportProgress(3, "sequencing");
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal("sequencing", watch.Current.Progress.Phase);
        Assert.Equal("sequencing", _jobs.Get(job.Id).Progress.Phase);

        run.Complete(SolveStatus.Optimal, 150);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(SolveStatus.Optimal, watch.Current.Result.Status);
        Assert.False(await watch.MoveNextAsync());
    }

    [Fact]
    public async Task Watching_a_finished_job_streams_only_its_result()
    {
        var job = _jobs.Submit(TestModels.Request());
        var run = await _engine.NextStartedAsync();
        run.ReportIncumbent(10, "A");
        run.Complete(SolveStatus.Feasible, 10);
        await WatchToEndAsync(job.Id);

        var updates = await WatchToEndAsync(job.Id);

        var only = Assert.Single(updates);
        Assert.Equal(SolveStatus.Feasible, only.Result.Status);
    }

    [Fact]
    public async Task ListJobs_is_newest_first_in_pages_without_results()
    {
        await using var jobs = Create(maxConcurrent: 1, maxQueued: 10);
        var ids = new List<string>();
        foreach (var name in new[] { "first", "second", "third" }) ids.Add(jobs.Submit(TestModels.Request(name)).Id);
        var run = await _engine.NextStartedAsync();
        run.Complete(SolveStatus.Optimal, 1);
        await WatchToEndAsync(ids[0], jobs);

        var (page1, token1) = jobs.List(2, null);
        var (page2, token2) = jobs.List(2, token1);

        Assert.Equal(["third", "second"], page1.Select(j => j.Name));
        Assert.Equal(["first"], page2.Select(j => j.Name));
        Assert.NotEmpty(token1);
        Assert.Empty(token2);
        Assert.Null(page2[0].Result);
        Assert.Equal(Job.Types.Status.Completed, page2[0].Status);
        Assert.Throws<ArgumentException>(() => jobs.List(2, "garbage"));
        Assert.Throws<ArgumentOutOfRangeException>(() => jobs.List(-1, null));
        await jobs.CancelAsync(ids[1]);
        await jobs.CancelAsync(ids[2]);
    }

    [Fact]
    public async Task Unknown_ids_throw_JobNotFoundException()
    {
        Assert.Throws<JobNotFoundException>(() => _jobs.Get("job-nope"));
        Assert.Throws<JobNotFoundException>(() => _jobs.Watch("job-nope"));
        await Assert.ThrowsAsync<JobNotFoundException>(() => _jobs.CancelAsync("job-nope"));
        Assert.Throws<JobNotFoundException>(() => _jobs.GetResult("job-nope"));
    }

    [Fact]
    public async Task An_engine_that_throws_ends_the_job_FAILED_with_the_reason()
    {
        var job = _jobs.Submit(TestModels.Request());
        var run = await _engine.NextStartedAsync();
        run.Fail(new InvalidOperationException("Clp returned status 4"));
        var updates = await WatchToEndAsync(job.Id);

        var failed = _jobs.Get(job.Id);
        Assert.Equal(Job.Types.Status.Failed, failed.Status);
        Assert.Contains("Clp returned status 4", failed.Result.Message);
        Assert.Equal(SolveStatus.Failed, updates.Last().Result.Status);
    }

    [Fact]
    public void An_invalid_model_is_refused_with_every_error_before_anything_is_queued()
    {
        var ex = Assert.Throws<ModelValidationException>(() => _jobs.Submit(new SolveRequest { Model = TestModels.Broken() }));

        Assert.Equal(TestModels.BrokenPaths.Order(), ex.Errors.Select(e => e.Path).Order());
        Assert.Empty(_jobs.List(0, null).Jobs);
    }

    [Fact]
    public async Task Without_an_engine_a_valid_model_is_refused_as_unavailable()
    {
        await using var jobs = Create(1, 1, noEngine: true);
        Assert.False(jobs.CanSolve);
        Assert.Throws<SolveEngineUnavailableException>(() => jobs.Submit(TestModels.Request()));
        Assert.Throws<ModelValidationException>(() => jobs.Submit(new SolveRequest { Model = TestModels.Broken() }));
    }

    [Fact]
    public async Task Draining_cancels_queued_jobs_and_after_the_grace_period_the_running_ones()
    {
        var running = _jobs.Submit(TestModels.Request());
        var run = await _engine.NextStartedAsync();
        run.ReportIncumbent(99, "A");
        var queued = _jobs.Submit(TestModels.Request());

        await _jobs.DrainAsync(TimeSpan.Zero);

        Assert.Equal(Job.Types.Status.Cancelled, _jobs.Get(queued.Id).Status);
        var stopped = _jobs.Get(running.Id);
        Assert.Equal(Job.Types.Status.Cancelled, stopped.Status);
        Assert.Equal(99, stopped.Result.Objective);
        Assert.Throws<ServerShuttingDownException>(() => _jobs.Submit(TestModels.Request()));
    }

    [Fact]
    public async Task Only_the_newest_finished_jobs_are_retained()
    {
        await using var jobs = Create(maxConcurrent: 1, maxQueued: 5, maxRetained: 2);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(jobs.Submit(TestModels.Request()).Id);
            (await _engine.NextStartedAsync()).Complete(SolveStatus.Optimal, i);
            await WatchToEndAsync(ids[^1], jobs);
        }

        Assert.Throws<JobNotFoundException>(() => jobs.Get(ids[0]));
        Assert.Equal(Job.Types.Status.Completed, jobs.Get(ids[1]).Status);
        Assert.Equal(2, jobs.List(0, null).Jobs.Count);
    }

    private async Task<List<SolveUpdate>> WatchToEndAsync(string id, JobManager? jobs = null)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var updates = new List<SolveUpdate>();
        await foreach (var update in (jobs ?? _jobs).Watch(id, limit.Token)) updates.Add(update);
        return updates;
    }
}
