using SolverEngine.Core.Generation;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests.Coordination;

/// <summary>
/// The set-up MIP streams its pattern early (Coordinator.Mip.cs): its first Cbc run is a tenth of
/// the time limit; the pattern found there is offered (streamed) and handed to the improver between
/// the runs (fix-and-optimize in the coordinator) before the next run starts, and that run starts
/// from it. One long run used to stream nothing until 80 % of the limit.
/// </summary>
public class SetupMipStreamingTests
{
    /// <summary>
    /// Cbc, recording each set-up MIP call (integer set-ups; the fixed set-up LPs with integer batch
    /// counts pass through); the first one stops at its first integer solution (a run cut short by its
    /// slice, on any machine).
    /// </summary>
    private sealed class RecordingMip(List<string> log) : IMipSolver
    {
        public List<(SolverOptions Options, MipStart? Start, MipResult Result)> Calls { get; } = [];

        /// <summary>Tells a set-up MIP from other MIPs (set once the coordinator, which owns the model, exists).</summary>
        public Func<LinearModel, bool> IsSetupMip { get; set; } = _ => false;

        public string Name => "recording Cbc";

        public MipResult Solve(LinearModel model, SolverOptions? options = null, MipStart? start = null, CancellationToken cancellationToken = default)
        {
            if (!IsSetupMip(model)) return CbcMipSolver.Instance.Solve(model, options, start, cancellationToken);
            options ??= new SolverOptions();
            var run = Calls.Count == 0
                ? options with { Parameters = new Dictionary<string, string>(options.Parameters) { ["maxSolutions"] = "1" } }
                : options;
            lock (log) log.Add($"mip call {Calls.Count}");
            var r = CbcMipSolver.Instance.Solve(model, run, start, cancellationToken);
            Calls.Add((options, start, r));
            return r;
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void The_first_setup_mip_run_is_a_slice_whose_pattern_streams_before_the_next_run_starts_from_it()
    {
        var model = InstanceGenerator.Generate(InstanceSize.S, 1);
        var inst = InstanceBuilder.Build(model);
        var limit = TimeSpan.FromSeconds(20);
        var log = new List<string>();
        var mip = new RecordingMip(log);
        var settings = new CoordinatorSettings { TimeLimit = limit, Seed = 1, ExactMaxSetups = 0, WindowMaxSetups = 0 };
        using var coordinator = new Coordinator(inst, ClpLpSolver.Instance, mip, new PortfolioSequencer(), settings);
        // the set-up columns exist once the model has been built (by the first solve)
        mip.IsSetupMip = m => coordinator.Model.Y.SelectMany(p => p).SelectMany(p => p).Where(y => y >= 0).Take(1).Any(y => m.IsInteger(new Variable(y)));
        var found = new List<Candidate>();
        Candidate? handedToAfterSlice = null;
        var outcome = coordinator.RunSetupMip([], [], null, rounds: 5, CancellationToken.None, onFound: c =>
        {
            found.Add(c);
            lock (log) log.Add($"found {c.Objective}");
        }, afterSlice: c =>
        {
            handedToAfterSlice = c;
            lock (log) log.Add("after slice");
            return c;
        });

        Assert.True(mip.Calls.Count >= 2, $"set-up MIP calls: {mip.Calls.Count}; log: {string.Join(" | ", log)}");
        var first = mip.Calls[0];
        Assert.NotNull(first.Options.TimeLimit);
        Assert.True(first.Options.TimeLimit <= limit / 10 + TimeSpan.FromMilliseconds(1), $"first run limit {first.Options.TimeLimit}");
        Assert.True(first.Result.HasSolution && first.Result.Status != SolveStatus.Optimal, $"first run: {first.Result.Status}");
        // the first run's pattern was streamed and handed on (to fix-and-optimize in the coordinator)
        // before the second run, which gets more time and starts from it
        Assert.Equal(["mip call 0", $"found {found[0].Objective}", "after slice", "mip call 1"], log.Take(4));
        Assert.Same(found[0], handedToAfterSlice);
        Assert.True(mip.Calls[1].Options.TimeLimit > first.Options.TimeLimit);
        Assert.NotNull(mip.Calls[1].Start);
        // what is streamed is executable, each better than the one before, and the outcome is the best of them
        foreach (var c in found) AssertVerified(model, new PlanBuilder(inst, coordinator.Model).Build(c), c.Objective);
        Assert.True(found.Zip(found.Skip(1)).All(p => p.Second.Objective < p.First.Objective));
        Assert.Same(found[^1], outcome.Best);
        Assert.True(outcome.LowerBound <= outcome.Best!.Objective + 1e-6);
    }
}
