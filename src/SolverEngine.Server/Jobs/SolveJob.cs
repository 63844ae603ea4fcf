using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Server.Jobs;

/// <summary>
/// One solve in the manager. Every field is read and written under the manager's lock;
/// <see cref="Snapshot"/> copies it into the wire type.
/// </summary>
internal sealed class SolveJob(string id, long sequence, string name, SolveRequest request, DateTimeOffset created)
{
    public string Id { get; } = id;

    /// <summary>Submission order: newest has the highest number (ListJobs order and page tokens).</summary>
    public long Sequence { get; } = sequence;

    public string Name { get; } = name;

    /// <summary>
    /// The model without its previous plan, kept after the request is dropped: plan views need the
    /// calendars, recipes and demand the plan was made against.
    /// </summary>
    public PlanningModel ViewModel { get; } = WithoutPreviousPlan(request.Model);

    /// <summary>Dropped once the job ends: a finished job keeps its result, not its model.</summary>
    public SolveRequest? Request { get; set; } = request;

    public DateTimeOffset Created { get; } = created;
    public DateTimeOffset? Started { get; set; }
    public DateTimeOffset? Finished { get; set; }

    /// <summary>TimeProvider timestamp of the start, for SolveUpdate.elapsed.</summary>
    public long StartTimestamp { get; set; }

    public Job.Types.Status Status { get; set; } = Job.Types.Status.Queued;
    public Progress? LatestProgress { get; set; }
    public SolveUpdate? LatestIncumbent { get; set; }
    public SolveResult? Result { get; set; }
    public bool CancelRequested { get; set; }

    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Completed when the job has ended (result set).</summary>
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One bounded channel per watcher; the manager is their only writer.</summary>
    public List<Channel<SolveUpdate>> Watchers { get; } = new();

    public bool IsFinished => Result is not null;

    private static PlanningModel WithoutPreviousPlan(PlanningModel model)
    {
        if (model.PreviousPlan is null) return model;
        var copy = model.Clone();
        copy.PreviousPlan = null;
        return copy;
    }

    public Job Snapshot(bool withResult)
    {
        var job = new Job
        {
            Id = Id,
            Name = Name,
            Status = Status,
            Created = Timestamp.FromDateTimeOffset(Created),
        };
        if (Started is { } started) job.Started = Timestamp.FromDateTimeOffset(started);
        if (Finished is { } finished) job.Finished = Timestamp.FromDateTimeOffset(finished);
        if (LatestProgress is not null) job.Progress = LatestProgress; // never mutated once stored: safe to share
        if (withResult && Result is not null) job.Result = Result;
        return job;
    }
}
