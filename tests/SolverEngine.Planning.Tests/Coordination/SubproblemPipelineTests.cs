using System.Collections.Concurrent;
using SolverEngine.Planning.Coordination.Internal;

namespace SolverEngine.Planning.Tests.Coordination;

/// <summary>The worker pool: results by subproblem id, every id run, errors surfaced, threads bounded.</summary>
public class SubproblemPipelineTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public void Results_come_back_by_id_even_when_later_ids_finish_first()
    {
        using var pipeline = new SubproblemPipeline(2);
        var finished = new ConcurrentQueue<int>();
        using var lastDone = new ManualResetEventSlim();
        // id 0 waits until id 5 has finished: completion order differs from id order.
        var results = pipeline.Run("test", 6, id =>
        {
            if (id == 0) Assert.True(lastDone.Wait(Limit), "id 5 never ran while id 0 waited: fewer than 2 workers?");
            finished.Enqueue(id);
            if (id == 5) lastDone.Set();
            return id * 10;
        }, CancellationToken.None);

        Assert.Equal([0, 10, 20, 30, 40, 50], results);
        Assert.NotEqual(0, finished.First());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void At_most_degree_subproblems_run_at_once_and_all_run(int degree)
    {
        using var pipeline = new SubproblemPipeline(degree);
        var running = 0;
        var peak = 0;
        var results = pipeline.Run("test", 40, id =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            Thread.SpinWait(20_000);
            Interlocked.Decrement(ref running);
            return id;
        }, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 40), results);
        Assert.InRange(peak, 1, degree);
    }

    [Fact]
    public void Zero_threads_means_every_core()
    {
        using var pipeline = new SubproblemPipeline(0);
        Assert.Equal(Environment.ProcessorCount, pipeline.Degree);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubproblemPipeline(-1));
    }

    [Fact]
    public void A_failing_subproblem_fails_the_batch_after_it_drained()
    {
        using var pipeline = new SubproblemPipeline(2);
        var ran = 0;
        var ex = Assert.Throws<InvalidOperationException>(() => pipeline.Run<int>("test", 10, id =>
        {
            Interlocked.Increment(ref ran);
            return id == 3 ? throw new InvalidOperationException("subproblem 3 broke") : id;
        }, CancellationToken.None));

        Assert.Equal("subproblem 3 broke", ex.Message);
        Assert.Equal(10, ran);
        // the pool is still usable
        Assert.Equal([0, 1], pipeline.Run("test", 2, id => id, CancellationToken.None));
    }

    [Fact]
    public void A_cancelled_batch_still_answers_every_id_and_the_phase_is_visible_while_it_runs()
    {
        using var pipeline = new SubproblemPipeline(2);
        using var cts = new CancellationTokenSource();
        string? seen = null;
        var results = pipeline.Run("sequencing", 8, id =>
        {
            if (id == 2) { seen = pipeline.ActivePhase; cts.Cancel(); }
            return cts.Token.IsCancellationRequested ? -1 : id;
        }, cts.Token);

        Assert.Equal(8, results.Length);
        Assert.Contains(-1, results);
        Assert.Equal("sequencing", seen);
        Assert.Null(pipeline.ActivePhase);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
