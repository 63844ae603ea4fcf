using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>
/// The worker pool that solves a coordination round's subproblems (line sequencing chains, cut
/// bounds): a bounded <see cref="Channel{T}"/> feeds <see cref="Degree"/> dedicated worker threads.
/// </summary>
/// <remarks>
/// <para>A batch is numbered 0..n-1 (the subproblem ids) and its results come back in an array
/// indexed by id, so the caller consumes them in id order, never in completion order: with
/// deterministic subproblems the outcome does not depend on the number of threads or on
/// scheduling.</para>
/// <para>Dedicated threads rather than thread-pool tasks: the coordinator blocks on a batch, and
/// CPU-bound pool work behind a blocked pool thread waits for the pool's slow thread injection.
/// Degree 1 runs the batch on the caller's thread (the same order, no hand-off).</para>
/// <para>Nothing native is shared: a subproblem builds its own sequencer state (the sequencer is
/// managed code; the only Cbc use, the batch-size MIP in the coordinator, is serialised process
/// wide by <c>CbcMipSolver</c> and never runs here). Cancellation is a result: a subproblem sees
/// the token and returns what it has, so a batch always completes with a value per id.</para>
/// </remarks>
internal sealed class SubproblemPipeline : IDisposable
{
    private readonly Channel<IWorkItem> _queue;
    private readonly object _startLock = new();
    private Thread[]? _workers;
    private volatile string? _activePhase;
    private long _batches;
    private bool _disposed;

    /// <param name="threads">Worker count; 0 = every core.</param>
    public SubproblemPipeline(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        Degree = threads == 0 ? Environment.ProcessorCount : threads;
        // Bounded: the producer waits when the workers fall behind (memory stays flat on huge rounds).
        _queue = Channel.CreateBounded<IWorkItem>(new BoundedChannelOptions(4 * Degree)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>Number of workers.</summary>
    public int Degree { get; }

    /// <summary>The phase of the batch running now ("sequencing", "cuts"), null between batches.</summary>
    public string? ActivePhase => _activePhase;

    /// <summary>Batches run so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>
    /// Solves subproblems 0..<paramref name="count"/>-1 with <paramref name="solve"/> on the workers
    /// and returns their results indexed by id. <paramref name="solve"/> must be thread-safe and
    /// return promptly once <paramref name="cancellationToken"/> fires. The first exception a
    /// subproblem throws is rethrown here once the batch has drained.
    /// <paramref name="cost"/> (optional) estimates each id's work: the workers take the largest first
    /// (longest-processing-time order), so a long subproblem does not start last and keep one worker
    /// busy while the others idle. It changes only when an id runs, never its result or its slot.
    /// </summary>
    public TResult[] Run<TResult>(string phase, int count, Func<int, TResult> solve, CancellationToken cancellationToken, Func<int, double>? cost = null)
    {
        ArgumentNullException.ThrowIfNull(solve);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var results = new TResult[count];
        if (count == 0) return results;
        Interlocked.Increment(ref _batches);
        var previous = _activePhase;
        _activePhase = phase;
        try
        {
            if (Degree == 1 || count == 1)
            {
                for (var i = 0; i < count; i++) results[i] = solve(i);
                return results;
            }

            EnsureWorkers();
            var batch = new Batch<TResult>(results, solve);
            var order = DispatchOrder(count, cost);
            for (var k = 0; k < count; k++)
            {
                var item = new WorkItem<TResult>(batch, order[k]);
                // Blocking write on the coordinator's thread: it has nothing else to do meanwhile.
                // Not cancellable on purpose: every id must run so the batch completes (a cancelled
                // subproblem returns at once).
                while (!_queue.Writer.TryWrite(item))
                    _queue.Writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult();
            }
            batch.Wait();
            batch.Error?.Throw();
            return results;
        }
        finally
        {
            _activePhase = previous;
        }
    }

    /// <summary>Ids by decreasing estimated cost (ties by id, so the order is repeatable); 0..n-1 without estimates.</summary>
    private static int[] DispatchOrder(int count, Func<int, double>? cost)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        if (cost is null) return order;
        var keys = new double[count];
        for (var i = 0; i < count; i++) keys[i] = -cost(i);
        Array.Sort(keys, order); // not stable: ties are put back in id order below
        for (var a = 0; a < count;)
        {
            var b = a + 1;
            while (b < count && keys[b] == keys[a]) b++;
            Array.Sort(order, a, b - a);
            a = b;
        }
        return order;
    }

    private void EnsureWorkers()
    {
        if (_workers is not null) return;
        lock (_startLock)
        {
            if (_workers is not null) return;
            var workers = new Thread[Degree];
            for (var i = 0; i < Degree; i++)
            {
                workers[i] = new Thread(Work) { IsBackground = true, Name = $"SolverEngine subproblem worker {i}" };
                workers[i].Start();
            }
            _workers = workers;
        }
    }

    private void Work()
    {
        var reader = _queue.Reader;
        // Exits when the channel is completed (Dispose) and drained.
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            while (reader.TryRead(out var item))
                item.Execute();
    }

    /// <summary>Completes the queue; the workers finish what is queued and exit.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _queue.Writer.TryComplete();
    }

    private interface IWorkItem
    {
        void Execute();
    }

    private sealed class WorkItem<TResult>(Batch<TResult> batch, int id) : IWorkItem
    {
        public void Execute() => batch.Execute(id);
    }

    private sealed class Batch<TResult>(TResult[] results, Func<int, TResult> solve)
    {
        private readonly ManualResetEventSlim _done = new(false);
        private int _remaining = results.Length;
        public ExceptionDispatchInfo? Error;

        public void Execute(int id)
        {
            try
            {
                // Each id writes only its own slot: no lock, and the order of completion is irrelevant.
                results[id] = solve(id);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref Error, ExceptionDispatchInfo.Capture(ex), null);
            }
            finally
            {
                if (Interlocked.Decrement(ref _remaining) == 0) _done.Set();
            }
        }

        // Not disposed: the worker that sets it may still be inside Set() when Wait() returns.
        public void Wait() => _done.Wait();
    }
}
