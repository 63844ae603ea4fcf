using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation;
using SolverEngine.Core.Verification;
using SolverEngine.Planning;

namespace SolverEngine.Benchmarks.Coordination;

/// <summary>
/// Measures how long a running solve takes to return after its token is cancelled: generates a
/// model, starts <see cref="PlanningEngine.SolveAsync"/>, cancels it a given number of seconds
/// after the start, and prints the latency, the phase it was in, the status and whether the
/// returned plan passes the verifier.
/// Run: <c>dotnet run -c Release --project benchmarks/SolverEngine.Benchmarks -- cancel-latency [--size XL] [--seed 1] [--after 5,15] [--threads 0]</c>.
/// </summary>
internal static class CancelLatency
{
    public static void RunFromCommandLine(string[] args)
    {
        var size = InstanceSize.XL;
        var seed = 1;
        var threads = 0;
        double[] after = [5];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--size": size = System.Enum.Parse<InstanceSize>(args[i + 1], ignoreCase: true); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--after": after = args[i + 1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'; use --size S|M|L|XL, --seed N, --after 5,15, --threads N.");
            }
        }
        var clock = Stopwatch.StartNew();
        var model = InstanceGenerator.Generate(size, seed);
        Console.WriteLine($"generated {size} seed {seed} in {clock.Elapsed.TotalSeconds:F1} s: {model.Lines.Count} lines, {model.Products.Count} products");
        foreach (var seconds in after) RunOnce(model, seconds, threads).GetAwaiter().GetResult();
    }

    private static async Task RunOnce(PlanningModel model, double afterSeconds, int threads)
    {
        var lastPhase = "";
        var incumbents = 0;
        var progress = new Inline(u =>
        {
            if (u.UpdateCase == SolveUpdate.UpdateOneofCase.Progress) Volatile.Write(ref lastPhase, u.Progress.Phase);
            else if (u.UpdateCase == SolveUpdate.UpdateOneofCase.Incumbent) Interlocked.Increment(ref incumbents);
        });
        using var cts = new CancellationTokenSource();
        var options = new SolveOptions { TimeLimit = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)), Threads = threads, PlanDetail = PlanDetail.Summary };
        var start = Stopwatch.StartNew();
        var solve = new PlanningEngine().SolveAsync(model, options, progress, cts.Token);
        var finished = await Task.WhenAny(solve, Task.Delay(TimeSpan.FromSeconds(afterSeconds))) == solve;
        var cancelledAt = start.Elapsed;
        var phase = Volatile.Read(ref lastPhase);
        await cts.CancelAsync();
        var result = await solve;
        var latency = start.Elapsed - cancelledAt;
        var verified = result.Plan is null ? "no plan" : PlanVerifier.Verify(model, result.Plan, result.Objective).IsValid ? "verified" : "NOT VALID";
        Console.WriteLine(finished
            ? $"after {afterSeconds} s: the solve had already finished ({result.Status})"
            : $"cancel at {cancelledAt.TotalSeconds:F2} s (phase '{phase}', {Volatile.Read(ref incumbents)} incumbents streamed): returned after {latency.TotalMilliseconds:F0} ms, " +
              $"status {result.Status}, objective {result.Objective:F1}, plan {verified}");
    }

    private sealed class Inline(Action<SolveUpdate> report) : IProgress<SolveUpdate>
    {
        public void Report(SolveUpdate value) => report(value);
    }
}
