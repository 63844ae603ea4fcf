using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation;
using SolverEngine.Core.Modeling;
using SolverEngine.Core.Verification;
using SolverEngine.Planning;

namespace SolverEngine.Benchmarks.Coordination;

/// <summary>
/// Measures how long a running solve takes to return after its token is cancelled: loads (or
/// generates) a model, starts <see cref="PlanningEngine.SolveAsync"/>, cancels it a given number
/// of seconds after the start (<c>--after</c>) or after the first incumbent was streamed
/// (<c>--after-first</c>, the points well inside the solve), and prints the latency, the phase it
/// was in, the status, whether the coordinator answered itself or the engine's hard cancel did,
/// and whether the returned plan passes the verifier.
/// Run: <c>dotnet run -c Release --project benchmarks/SolverEngine.Benchmarks -- cancel-latency [--model xl.json | --size XL --seed 1] [--after 5,15] [--after-first 0,10] [--threads 0] [--time-limit 1800]</c>
/// (the solve's own limit: XL's first plan on 2 cores comes after about 30 minutes, so a cancel after it needs more).
/// </summary>
internal static class CancelLatency
{
    public static void RunFromCommandLine(string[] args)
    {
        var size = InstanceSize.XL;
        var seed = 1;
        var threads = 0;
        var timeLimit = TimeSpan.FromMinutes(30);
        string? path = null;
        double[] after = [];
        double[] afterFirst = [];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--size": size = System.Enum.Parse<InstanceSize>(args[i + 1], ignoreCase: true); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--model": path = args[i + 1]; break;
                case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--after": after = Seconds(args[i + 1]); break;
                case "--after-first": afterFirst = Seconds(args[i + 1]); break;
                case "--time-limit": timeLimit = TimeSpan.FromSeconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'; use --model FILE, --size S|M|L|XL, --seed N, --after 5,15, --after-first 0,10, --threads N, --time-limit SECONDS.");
            }
        }
        if (after.Length == 0 && afterFirst.Length == 0) after = [5];
        var clock = Stopwatch.StartNew();
        var model = path is null ? InstanceGenerator.Generate(size, seed) : ModelFiles.Load(path);
        Console.WriteLine($"{(path is null ? $"generated {size} seed {seed}" : $"loaded {path}")} in {clock.Elapsed.TotalSeconds:F1} s: " +
                          $"{model.Lines.Count} lines, {model.Products.Count} products; load average {LoadAverage()}");
        foreach (var seconds in after) RunOnce(model, seconds, fromFirstIncumbent: false, threads, timeLimit).GetAwaiter().GetResult();
        foreach (var seconds in afterFirst) RunOnce(model, seconds, fromFirstIncumbent: true, threads, timeLimit).GetAwaiter().GetResult();
    }

    private static double[] Seconds(string list) => list.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "n/a"; }
    }

    private static async Task RunOnce(PlanningModel model, double afterSeconds, bool fromFirstIncumbent, int threads, TimeSpan timeLimit)
    {
        var lastPhase = "";
        var incumbents = 0;
        var firstIncumbent = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = Stopwatch.StartNew();
        var progress = new Inline(u =>
        {
            if (u.UpdateCase == SolveUpdate.UpdateOneofCase.Progress)
            {
                // the timeline: each phase change, with the time since the start
                if (u.Progress.Phase != Volatile.Read(ref lastPhase))
                    Console.WriteLine($"  {start.Elapsed.TotalSeconds,7:F1} s  phase '{u.Progress.Phase}', iteration {u.Progress.Iteration}, {u.Progress.SubproblemsSolved} subproblems");
                Volatile.Write(ref lastPhase, u.Progress.Phase);
            }
            else if (u.UpdateCase == SolveUpdate.UpdateOneofCase.Incumbent)
            {
                Interlocked.Increment(ref incumbents);
                Console.WriteLine($"  {start.Elapsed.TotalSeconds,7:F1} s  incumbent {u.Incumbent.Objective:F1}, lower bound {u.Incumbent.LowerBound:F1}");
                firstIncumbent.TrySetResult(start.Elapsed);
            }
        });
        using var cts = new CancellationTokenSource();
        var options = new SolveOptions { TimeLimit = Duration.FromTimeSpan(timeLimit), Threads = threads, PlanDetail = PlanDetail.Summary };
        var solve = new PlanningEngine().SolveAsync(model, options, progress, cts.Token);
        var label = fromFirstIncumbent ? $"{afterSeconds} s after the first incumbent" : $"{afterSeconds} s after the start";
        if (fromFirstIncumbent && await Task.WhenAny(solve, firstIncumbent.Task) == solve)
        {
            Console.WriteLine($"{label}: the solve finished ({solve.Result.Status}) before any incumbent");
            return;
        }
        var finished = await Task.WhenAny(solve, Task.Delay(TimeSpan.FromSeconds(afterSeconds))) == solve;
        var cancelledAt = start.Elapsed;
        var phase = Volatile.Read(ref lastPhase);
        var load = LoadAverage();
        await cts.CancelAsync();
        var result = await solve;
        var latency = start.Elapsed - cancelledAt;
        var verified = result.Plan is null ? "no plan" : PlanVerifier.Verify(model, result.Plan, result.Objective).IsValid ? "verified" : "NOT VALID";
        var who = result.Message.Contains("native solve", StringComparison.Ordinal) ? "engine's hard cancel (grace expired)"
            : result.Message.Contains("compiled", StringComparison.Ordinal) ? "compile stage" : "coordinator";
        var first = firstIncumbent.Task.IsCompleted ? $"{firstIncumbent.Task.Result.TotalSeconds:F1} s" : "none";
        Console.WriteLine(finished
            ? $"{label}: the solve had already finished ({result.Status})"
            : $"{label}: cancel at {cancelledAt.TotalSeconds:F2} s (phase '{phase}', first incumbent {first}, {Volatile.Read(ref incumbents)} incumbents streamed, load {load}): " +
              $"returned after {latency.TotalMilliseconds:F0} ms by the {who}, status {result.Status}, objective {result.Objective:F1}, plan {verified}");
    }

    private sealed class Inline(Action<SolveUpdate> report) : IProgress<SolveUpdate>
    {
        public void Report(SolveUpdate value) => report(value);
    }
}
