using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>
/// The worker pool that solves a coordination round's subproblems (line sequencing chains, cut
/// bounds): the calling thread and <see cref="Degree"/> - 1 dedicated worker threads, which a
/// bounded <see cref="Channel{T}"/> hands each batch to.
/// </summary>
/// <remarks>
/// <para>A batch is numbered 0..n-1 (the subproblem ids) and its results come back in an array
/// indexed by id, so the caller consumes them in id order, never in completion order: with
/// deterministic subproblems the outcome does not depend on the number of threads or on
/// scheduling.</para>
/// <para>Within a batch every participant claims the next id with one atomic increment. A
/// subproblem lasts 0.1-0.2 ms on L; one channel item per subproblem cost a thread-pool wake-up per
/// item and a third, producing thread on two cores, which weighed as much as the work. The caller
/// works the batch itself instead of waiting for it, so <c>threads</c> = 2 means two busy threads.</para>
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
    private readonly Channel<IBatch> _queue;
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
        // Bounded: one entry per worker and batch; a caller waits when workers are still on older batches.
        _queue = Channel.CreateBounded<IBatch>(new BoundedChannelOptions(4 * Degree)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
            // A worker blocks on WaitToReadAsync; completing it on the writer's thread wakes the worker
            // directly instead of through a thread-pool hop (worker start 110-155 -> 60-90 us on L's cuts batch).
            AllowSynchronousContinuations = true,
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
            var batch = new Batch<TResult>(results, solve, DispatchOrder(count, cost));
            // Not cancellable on purpose: every id must run so the batch completes (a cancelled
            // subproblem returns at once); a worker that comes late finds no id left.
            for (var w = 0; w < Math.Min(Degree - 1, count - 1); w++)
                while (!_queue.Writer.TryWrite(batch))
                    _queue.Writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult();
            batch.Work();
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
            var workers = new Thread[Degree - 1]; // the caller is the other one
            for (var i = 0; i < workers.Length; i++)
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
            while (reader.TryRead(out var batch))
                batch.Work();
    }

    /// <summary>Completes the queue; the workers finish what is queued and exit.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _queue.Writer.TryComplete();
    }

    private interface IBatch
    {
        /// <summary>Claims and solves ids until none is left.</summary>
        void Work();
    }

    private sealed class Batch<TResult>(TResult[] results, Func<int, TResult> solve, int[] order) : IBatch
    {
        private readonly ManualResetEventSlim _done = new(false);
        private int _remaining = results.Length;
        private int _next = -1;
        public ExceptionDispatchInfo? Error;

        public void Work()
        {
            int k;
            while ((k = Interlocked.Increment(ref _next)) < order.Length) Execute(order[k]);
        }

        private void Execute(int id)
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
