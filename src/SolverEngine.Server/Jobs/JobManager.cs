using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Validation;
using SolverEngine.Server.Internal;

namespace SolverEngine.Server.Jobs;

/// <summary>
/// Runs solves in memory: a bounded queue in front of <see cref="SolverEngineServerOptions.MaxConcurrentSolves"/>
/// slots. Both the Solve call (a job watched by its own call) and SubmitJob go through here,
/// so the limits hold for the whole server. Thread-safe: one lock guards all job state, and the
/// manager is the only writer of every watcher's channel.
/// </summary>
public sealed class JobManager : IAsyncDisposable
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    private readonly ISolveEngine? _engine;
    private readonly SolverEngineServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SolveJob> _jobs = new(StringComparer.Ordinal);
    // All retained jobs in submission order (oldest first), for ListJobs and retention.
    private readonly List<SolveJob> _ordered = new();
    private readonly LinkedList<SolveJob> _queue = new();
    private readonly HashSet<Task> _runningTasks = new();
    private long _sequence;
    private int _running;
    private bool _accepting = true;

    public JobManager(ISolveEngine? engine, SolverEngineServerOptions options, TimeProvider time, ILogger<JobManager> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _engine = engine;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Whether a planning engine is registered (Solve and SubmitJob need one).</summary>
    public bool CanSolve => _engine is not null;

    public int RunningCount { get { lock (_lock) return _running; } }

    public int QueuedCount { get { lock (_lock) return _queue.Count; } }

    /// <summary>
    /// Validates the request, then queues it; returns at once with the job (QUEUED or RUNNING).
    /// </summary>
    /// <exception cref="ModelValidationException">The model has errors (every one in the report).</exception>
    /// <exception cref="SolveEngineUnavailableException">No engine is registered.</exception>
    /// <exception cref="JobQueueFullException">All slots busy and the queue full.</exception>
    /// <exception cref="ServerShuttingDownException">The server is stopping.</exception>
    public Job Submit(SolveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model ?? throw new ArgumentException("The request has no model; set SolveRequest.model.", nameof(request));
        var report = ModelValidator.Validate(model);
        if (!report.Valid) throw new ModelValidationException(report);
        if (_engine is null) throw new SolveEngineUnavailableException();
        _engine.ValidateOptions(request.Options ?? new SolveOptions());

        lock (_lock)
        {
            if (!_accepting) throw new ServerShuttingDownException();
            var willWait = _running >= _options.MaxConcurrentSolves;
            if (willWait && _queue.Count >= _options.MaxQueuedJobs)
            {
                ServerLog.QueueFull(_logger, _running, _queue.Count);
                throw new JobQueueFullException(_running, _queue.Count);
            }
            var id = "job-" + Guid.CreateVersion7().ToString("N");
            var name = string.IsNullOrEmpty(request.Name) ? (model.Name ?? "") : request.Name;
            var job = new SolveJob(id, ++_sequence, name, request, _time.GetUtcNow());
            _jobs.Add(id, job);
            _ordered.Add(job);
            _queue.AddLast(job);
            ServerLog.JobQueued(_logger, id, name, _queue.Count, _running);
            StartQueuedJobs();
            return job.Snapshot(withResult: false);
        }
    }

    /// <exception cref="JobNotFoundException"/>
    public Job Get(string jobId)
    {
        lock (_lock) return Find(jobId).Snapshot(withResult: true);
    }

    /// <summary>The result of a finished job, or null while it runs.</summary>
    /// <exception cref="JobNotFoundException"/>
    public SolveResult? GetResult(string jobId)
    {
        lock (_lock) return Find(jobId).Result;
    }

    /// <summary>The job's status and result (null while it runs) with its model (previous plan dropped), for plan views.</summary>
    /// <exception cref="JobNotFoundException"/>
    public (Job.Types.Status Status, SolveResult? Result, PlanningModel Model) GetResultForView(string jobId)
    {
        lock (_lock)
        {
            var job = Find(jobId);
            return (job.Status, job.Result, job.ViewModel);
        }
    }

    /// <summary>
    /// The job's updates: the latest incumbent (if any), then live updates, then the result,
    /// then the end. A finished job yields its result only. When the reader falls behind, the
    /// oldest buffered updates are dropped (never the result, which is always last).
    /// </summary>
    /// <exception cref="JobNotFoundException">Thrown at once, before enumeration.</exception>
    public IAsyncEnumerable<SolveUpdate> Watch(string jobId, CancellationToken cancellationToken = default)
    {
        Channel<SolveUpdate> channel;
        SolveJob job;
        lock (_lock)
        {
            job = Find(jobId);
            channel = Channel.CreateBounded<SolveUpdate>(new BoundedChannelOptions(_options.WatchBufferSize)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
            });
            if (job.IsFinished)
            {
                channel.Writer.TryWrite(ResultUpdate(job));
                channel.Writer.TryComplete();
            }
            else
            {
                // Registered under the same lock as the replay, so no update is lost or repeated.
                if (job.LatestIncumbent is not null) channel.Writer.TryWrite(job.LatestIncumbent);
                job.Watchers.Add(channel);
            }
        }
        return ReadAsync(job, channel, cancellationToken);
    }

    /// <summary>
    /// Stops a job and returns its state. A queued job ends at once; a running one is asked to
    /// stop and keeps its best plan (status CANCELLED once the engine hands it back, waited for up to
    /// <see cref="SolverEngineServerOptions.CancelWaitTimeout"/>). A finished job is returned as it is.
    /// </summary>
    /// <exception cref="JobNotFoundException"/>
    public async Task<Job> CancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        SolveJob job;
        var cancelRunning = false;
        lock (_lock)
        {
            job = Find(jobId);
            if (!job.IsFinished && !job.CancelRequested)
            {
                job.CancelRequested = true;
                ServerLog.JobCancelRequested(_logger, job.Id);
                if (job.Status == Job.Types.Status.Queued)
                {
                    _queue.Remove(job);
                    Finish(job, new SolveResult { Status = SolveStatus.Cancelled, Message = "Cancelled before it started." });
                }
                else
                {
                    cancelRunning = true;
                }
            }
        }
        // Outside the lock: Cancel runs the engine's callbacks synchronously.
        if (cancelRunning) await job.Cancellation.CancelAsync().ConfigureAwait(false);
        if (!job.Completion.Task.IsCompleted)
        {
            try
            {
                await job.Completion.Task.WaitAsync(_options.CancelWaitTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The engine is still stopping; the caller sees RUNNING and may ask again.
            }
        }
        lock (_lock) return job.Snapshot(withResult: true);
    }

    /// <summary>Jobs newest first, without results; <paramref name="pageToken"/> is the previous page's next token.</summary>
    /// <exception cref="ArgumentException">A negative page size or a token this server did not issue.</exception>
    public (IReadOnlyList<Job> Jobs, string NextPageToken) List(int pageSize, string? pageToken)
    {
        if (pageSize < 0)
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"page_size is {pageSize}; it must be >= 0 (0 means {DefaultPageSize}).");
        var size = pageSize == 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize);
        var before = long.MaxValue;
        if (!string.IsNullOrEmpty(pageToken)
            && (!long.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out before) || before <= 0))
        {
            throw new ArgumentException($"page_token '{pageToken}' was not issued by this server; pass the next_page_token of the previous ListJobs response, or none for the first page.", nameof(pageToken));
        }
        lock (_lock)
        {
            var page = new List<Job>(Math.Min(size, _ordered.Count));
            var i = _ordered.Count - 1;
            while (i >= 0 && _ordered[i].Sequence >= before) i--;
            for (; i >= 0 && page.Count < size; i--) page.Add(_ordered[i].Snapshot(withResult: false));
            var next = i >= 0 && page.Count > 0 ? _ordered[i + 1].Sequence.ToString(CultureInfo.InvariantCulture) : "";
            return (page, next);
        }
    }

    /// <summary>Refuses new solves from now on (<see cref="ServerShuttingDownException"/>); queued jobs are cancelled.</summary>
    public void StopAccepting()
    {
        lock (_lock)
        {
            _accepting = false;
            while (_queue.First?.Value is { } first)
            {
                _queue.RemoveFirst();
                first.CancelRequested = true;
                Finish(first, new SolveResult { Status = SolveStatus.Cancelled, Message = "The server shut down before the job started." });
            }
        }
    }

    /// <summary>
    /// Shutdown: stops accepting, lets running solves go on for <paramref name="gracePeriod"/>,
    /// then cancels them (each keeps its best plan) and waits until they have ended.
    /// </summary>
    public async Task DrainAsync(TimeSpan gracePeriod, CancellationToken cancellationToken = default)
    {
        StopAccepting();
        Task running;
        lock (_lock) running = Task.WhenAll(_runningTasks);
        try
        {
            await running.WaitAsync(gracePeriod, _time, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (TimeoutException)
        {
        }
        List<SolveJob> toCancel;
        lock (_lock)
        {
            toCancel = _jobs.Values.Where(j => !j.IsFinished).ToList();
            ServerLog.GracePeriodOver(_logger, gracePeriod, toCancel.Count);
            foreach (var job in toCancel) job.CancelRequested = true;
        }
        foreach (var job in toCancel) await job.Cancellation.CancelAsync().ConfigureAwait(false);
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await DrainAsync(TimeSpan.Zero).ConfigureAwait(false);
    }

    private SolveJob Find(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return _jobs.TryGetValue(jobId, out var job) ? job : throw new JobNotFoundException(jobId);
    }

    // Under the lock.
    private void StartQueuedJobs()
    {
        while (_running < _options.MaxConcurrentSolves && _queue.First?.Value is { } next)
        {
            _queue.RemoveFirst();
            _running++;
            next.Status = Job.Types.Status.Running;
            next.Started = _time.GetUtcNow();
            next.StartTimestamp = _time.GetTimestamp();
            ServerLog.JobStarted(_logger, next.Id);
            var task = Task.Run(() => RunAsync(next));
            _runningTasks.Add(task);
            _ = task.ContinueWith(t => { lock (_lock) _runningTasks.Remove(t); }, TaskScheduler.Default);
        }
    }

    private async Task RunAsync(SolveJob job)
    {
        SolveResult result;
        var request = job.Request!;
        try
        {
            result = await _engine!.SolveAsync(request.Model, request.Options ?? new SolveOptions(),
                new JobProgress(this, job), job.Cancellation.Token).ConfigureAwait(false);
            if (result is null) throw new InvalidOperationException("The engine returned no result.");
        }
        catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
        {
            // An engine that throws on cancel instead of returning a result: keep its best plan anyway.
            result = new SolveResult { Status = SolveStatus.Cancelled, Message = "Cancelled." };
            lock (_lock)
            {
                if (job.LatestIncumbent?.Incumbent is { } best)
                {
                    result.Objective = best.Objective;
                    result.LowerBound = best.LowerBound;
                    result.Gap = best.Gap;
                    result.Plan = best.Plan;
                }
            }
        }
        catch (Exception ex)
        {
            ServerLog.JobFailed(_logger, job.Id, ex);
            result = new SolveResult { Status = SolveStatus.Failed, Message = $"The solve failed: {ex.Message}" };
        }
        lock (_lock)
        {
            Finish(job, result);
            _running--;
            StartQueuedJobs();
        }
    }

    // Under the lock.
    private void OnUpdate(SolveJob job, SolveUpdate update)
    {
        if (job.IsFinished) return;
        update.JobId = job.Id;
        update.Elapsed ??= Duration.FromTimeSpan(_time.GetElapsedTime(job.StartTimestamp));
        switch (update.UpdateCase)
        {
            case SolveUpdate.UpdateOneofCase.Progress:
                job.LatestProgress = update.Progress;
                break;
            case SolveUpdate.UpdateOneofCase.Incumbent:
                job.LatestIncumbent = update;
                break;
            case SolveUpdate.UpdateOneofCase.Result:
                return; // The result is what SolveAsync returns; it is sent once, last.
            default:
                return;
        }
        foreach (var watcher in job.Watchers) watcher.Writer.TryWrite(update);
    }

    // Under the lock.
    private void Finish(SolveJob job, SolveResult result)
    {
        job.Result = result;
        job.Finished = _time.GetUtcNow();
        job.Status = result.Status switch
        {
            SolveStatus.Cancelled => Job.Types.Status.Cancelled,
            SolveStatus.Failed => Job.Types.Status.Failed,
            _ => Job.Types.Status.Completed,
        };
        job.Request = null;
        var final = ResultUpdate(job);
        foreach (var watcher in job.Watchers)
        {
            watcher.Writer.TryWrite(final);
            watcher.Writer.TryComplete();
        }
        job.Watchers.Clear();
        job.Completion.TrySetResult();
        var elapsed = job.Started is { } s ? job.Finished.Value - s : TimeSpan.Zero;
        ServerLog.JobFinished(_logger, job.Id, job.Status.ToString(), result.Status.ToString(), result.Objective, elapsed);
        ForgetOldJobs();
    }

    // Under the lock: keeps at most MaxRetainedJobs finished jobs, forgetting the oldest.
    private void ForgetOldJobs()
    {
        var finished = 0;
        for (var i = _ordered.Count - 1; i >= 0; i--)
        {
            var job = _ordered[i];
            if (!job.IsFinished) continue;
            if (++finished <= _options.MaxRetainedJobs) continue;
            _ordered.RemoveAt(i);
            _jobs.Remove(job.Id);
            job.Cancellation.Dispose();
        }
    }

    private SolveUpdate ResultUpdate(SolveJob job)
    {
        var elapsed = job.Started is { } s && job.Finished is { } f ? f - s : TimeSpan.Zero;
        return new SolveUpdate { JobId = job.Id, Elapsed = Duration.FromTimeSpan(elapsed), Result = job.Result };
    }

    private async IAsyncEnumerable<SolveUpdate> ReadAsync(SolveJob job, Channel<SolveUpdate> channel,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return update;
        }
        finally
        {
            lock (_lock) job.Watchers.Remove(channel);
        }
    }

    /// <summary>The engine's progress sink for one job (engines may report from any thread).</summary>
    private sealed class JobProgress(JobManager manager, SolveJob job) : IProgress<SolveUpdate>
    {
        public void Report(SolveUpdate value)
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (manager._lock) manager.OnUpdate(job, value);
        }
    }
}
