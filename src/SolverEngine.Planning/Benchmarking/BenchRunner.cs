using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using SolverEngine.Planning.Baselines;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Benchmarking;

/// <summary>
/// Runs instances x profiles x repeats one at a time (so runs do not compete for cores or for
/// Cbc's process-wide lock) and records each: objective over time, bound and gap, subproblems per
/// second, memory, and the verifier's verdict on the final plan. Baselines run as profiles.
/// </summary>
public sealed class BenchRunner
{
    private readonly PlanningEngine _engine;

    /// <summary>A runner on the default engine.</summary>
    public BenchRunner() : this(new PlanningEngine())
    {
    }

    /// <summary>A runner on <paramref name="engine"/> (for the engine's profiles; baselines use Clp/Cbc and the portfolio sequencer).</summary>
    public BenchRunner(PlanningEngine engine) => _engine = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <summary>
    /// Runs the matrix. A run that throws a solver error is recorded as an ERROR row and the
    /// benchmark goes on; invalid options are rejected before anything runs.
    /// </summary>
    /// <exception cref="ArgumentException">No instance or profile, repeats &lt; 1, a non-positive time limit, or an invalid profile.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (rows so far are lost; write per run from <paramref name="progress"/> to keep them).</exception>
    public async Task<BenchReport> RunAsync(IReadOnlyList<BenchInstance> instances, IReadOnlyList<BenchProfile> profiles, BenchSettings settings,
        IProgress<BenchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(settings);
        if (instances.Count == 0) throw new ArgumentException("No instance to run; give a folder, a size or an imported set.", nameof(instances));
        if (profiles.Count == 0) throw new ArgumentException("No profile to run.", nameof(profiles));
        if (settings.Repeats < 1) throw new ArgumentException($"Repeats is {settings.Repeats}; it must be >= 1.", nameof(settings));
        if (settings.TimeLimit <= TimeSpan.Zero) throw new ArgumentException($"The time limit is {settings.TimeLimit.TotalSeconds} s; it must be > 0.", nameof(settings));
        if (settings.Threads < 0) throw new ArgumentException($"Threads is {settings.Threads}; it must be >= 0 (0 = all cores).", nameof(settings));
        foreach (var p in profiles) BenchProfiles.Check(p);

        var started = DateTimeOffset.UtcNow;
        var runs = new List<BenchRun>();
        var total = instances.Count * profiles.Count * settings.Repeats;
        var index = 0;
        foreach (var instance in instances)
            foreach (var profile in profiles)
                for (var repeat = 1; repeat <= settings.Repeats; repeat++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    index++;
                    progress?.Report(new BenchProgress(index, total, instance.Name, profile.Name, repeat, TimeSpan.Zero, null, null));
                    var run = await RunOneAsync(instance, profile, repeat, settings,
                        (elapsed, best) => progress?.Report(new BenchProgress(index, total, instance.Name, profile.Name, repeat, elapsed, best, null)),
                        cancellationToken).ConfigureAwait(false);
                    runs.Add(run);
                    progress?.Report(new BenchProgress(index, total, instance.Name, profile.Name, repeat, TimeSpan.FromSeconds(run.WallSeconds), run.FinalObjective, run));
                }
        return new BenchReport(runs, settings, started, DateTimeOffset.UtcNow);
    }

    private async Task<BenchRun> RunOneAsync(BenchInstance instance, BenchProfile profile, int repeat, BenchSettings settings,
        Action<TimeSpan, double?> onProgress, CancellationToken ct)
    {
        var options = profile.Options.Clone();
        options.TimeLimit = Duration.FromTimeSpan(settings.TimeLimit);
        if (options.Threads == 0) options.Threads = settings.Threads;
        options.Seed += (ulong)(repeat - 1);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var memory = new MemorySampler();
        var allocated0 = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        var recorder = new IncumbentRecorder(onProgress);
        SolveResult? result = null;
        BaselineResult? baseline = null;
        string? error = null;
        try
        {
            switch (profile.Kind)
            {
                case BenchProfileKind.Monolithic:
                    baseline = await MonolithicBaseline.SolveAsync(instance.Model, options, ct).ConfigureAwait(false);
                    result = baseline.Result;
                    break;
                case BenchProfileKind.Handoff:
                    baseline = await HandoffBaseline.SolveAsync(instance.Model, options, ct).ConfigureAwait(false);
                    result = baseline.Result;
                    break;
                default:
                    result = await _engine.SolveAsync(instance.Model, options, recorder, ct).ConfigureAwait(false);
                    break;
            }
        }
        catch (SolverException ex)
        {
            error = ex.Message;
        }
        var wall = clock.Elapsed.TotalSeconds;
        var peak = memory.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocated0;

        var trace = recorder.Trace.ToList();
        if (result is { Plan: not null } && profile.Kind != BenchProfileKind.Engine)
            trace.Add((result.Stats?.WallTime?.ToTimeSpan().TotalSeconds ?? wall, result.Objective)); // a baseline has one plan, at its end
        else if (result is { Plan: not null } && (trace.Count == 0 || result.Objective < trace[^1].Objective - 1e-9 * Math.Max(1, Math.Abs(result.Objective))))
            trace.Add((wall, result.Objective));

        var (verdict, violations) = Verdict(instance.Model, result?.Plan);
        var promisedVerdict = "";
        if (baseline?.PromisedPlan is { } promisedPlan)
        {
            var (pv, pvv) = Verdict(instance.Model, promisedPlan, checkObjective: false);
            promisedVerdict = pv == "valid" ? pv : $"{pv}: {pvv}";
        }
        else if (baseline?.PromisedVolume is not null)
        {
            // the hand-off's promised plan does not even fit its buckets in time: no runs to verify
            promisedVerdict = "invalid: cannot be laid out in time";
        }
        var notes = new List<string>();
        if (error is not null) notes.Add("solver error: " + error);
        if (!string.IsNullOrEmpty(result?.Message)) notes.Add(result.Message);
        if (!string.IsNullOrEmpty(baseline?.Notes)) notes.Add(baseline.Notes);
        return new BenchRun
        {
            Set = instance.Set,
            Instance = instance.Name,
            Profile = profile.Name,
            Kind = profile.Kind,
            Repeat = repeat,
            Status = error is not null ? "ERROR" : StatusName(result!.Status),
            TimeLimitSeconds = settings.TimeLimit.TotalSeconds,
            WallSeconds = wall,
            Trace = trace,
            FinalObjective = result?.Plan is not null ? result.Objective : null,
            LowerBound = result is null ? null : result.LowerBound,
            Gap = result?.Plan is not null ? result.Gap : null,
            Subproblems = (long)(result?.Stats?.SubproblemsSolved ?? 0),
            PeakWorkingSetDeltaMb = peak / (1024.0 * 1024.0),
            AllocatedMb = allocated / (1024.0 * 1024.0),
            Verdict = verdict,
            Violations = violations,
            ModelObjective = baseline is not null && double.IsFinite(baseline.ModelObjective) ? baseline.ModelObjective : null,
            ModelBound = baseline is not null && double.IsFinite(baseline.ModelBound) ? baseline.ModelBound : null,
            Formulation = baseline?.Formulation ?? "decomposition",
            PromisedUnits = baseline?.PromisedVolume,
            UnexecutableUnits = baseline?.UnexecutableVolume,
            OverloadedBuckets = baseline?.OverloadedBuckets,
            PromisedVerdict = promisedVerdict,
            Notes = string.Join("; ", notes),
            BestKnown = instance.BestKnown?.Objective,
            BestKnownSource = instance.BestKnown?.Source ?? "",
        };
    }

    private static (string Verdict, string Violations) Verdict(PlanningModel model, Plan? plan, bool checkObjective = true)
    {
        if (plan is null) return ("no plan", "");
        var report = PlanVerifier.Verify(model, plan, checkObjective ? plan.Objective : null);
        if (report.IsValid) return ("valid", "");
        return ("invalid", string.Join(" ", report.Violations.GroupBy(v => v.Code).Select(g => $"{g.Key}x{g.Count()}")));
    }

    internal static string StatusName(SolverEngine.Contracts.V1.SolveStatus status) => status switch
    {
        SolverEngine.Contracts.V1.SolveStatus.Optimal => "OPTIMAL",
        SolverEngine.Contracts.V1.SolveStatus.Feasible => "FEASIBLE",
        SolverEngine.Contracts.V1.SolveStatus.Infeasible => "INFEASIBLE",
        SolverEngine.Contracts.V1.SolveStatus.TimeLimit => "TIME_LIMIT",
        SolverEngine.Contracts.V1.SolveStatus.Cancelled => "CANCELLED",
        SolverEngine.Contracts.V1.SolveStatus.Failed => "FAILED",
        _ => status.ToString().ToUpperInvariant(),
    };

    /// <summary>Collects the incumbent stream synchronously (a <c>Progress&lt;T&gt;</c> would post to the thread pool and lose the order).</summary>
    private sealed class IncumbentRecorder(Action<TimeSpan, double?> onProgress) : IProgress<SolveUpdate>
    {
        private readonly object _gate = new();
        private readonly List<(double, double)> _trace = [];
        private TimeSpan _lastReport = TimeSpan.FromSeconds(-1);

        public IReadOnlyList<(double Seconds, double Objective)> Trace
        {
            get { lock (_gate) return _trace.ToList(); }
        }

        public void Report(SolveUpdate value)
        {
            var elapsed = value.Elapsed?.ToTimeSpan() ?? TimeSpan.Zero;
            double? best;
            lock (_gate)
            {
                if (value.UpdateCase == SolveUpdate.UpdateOneofCase.Incumbent)
                    _trace.Add((elapsed.TotalSeconds, value.Incumbent.Objective));
                else if (elapsed - _lastReport < TimeSpan.FromMilliseconds(250))
                    return;
                _lastReport = elapsed;
                best = _trace.Count > 0 ? _trace[^1].Item2 : null;
            }
            onProgress(elapsed, best);
        }
    }

    /// <summary>Samples the process working set every 50 ms; <see cref="Stop"/> returns the peak growth over the start.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly long _start = Environment.WorkingSet;
        private readonly Timer _timer;
        private long _peak;

        public MemorySampler()
        {
            _peak = _start;
            _timer = new Timer(_ => Sample(), null, 0, 50);
        }

        private void Sample()
        {
            var now = Environment.WorkingSet;
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }

        public long Stop()
        {
            _timer.Dispose();
            Sample();
            return Math.Max(0, Interlocked.Read(ref _peak) - _start);
        }

        public void Dispose() => _timer.Dispose();
    }
}
