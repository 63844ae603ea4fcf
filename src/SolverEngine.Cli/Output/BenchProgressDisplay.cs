using System.Globalization;
using SolverEngine.Planning.Benchmarking;
using Spectre.Console;

namespace SolverEngine.Cli.Output;

/// <summary>
/// Shows where a benchmark is on stderr: a Spectre.Console progress bar when stderr is a terminal,
/// otherwise plain lines (one when a run starts, one when it ends), like <see cref="ProgressPrinter"/>.
/// </summary>
internal static class BenchProgressDisplay
{
    public static async Task<T> RunAsync<T>(TextWriter stderr, int total, Func<IProgress<BenchProgress>, Task<T>> run)
    {
        var terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        if (!terminal)
            return await run(new LinePrinter(stderr));

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("bench", maxValue: total);
                result = await run(new BarUpdater(task, console));
            });
        return result;
    }

    private static string Objective(double? v) => v is { } x ? x.ToString("#,0.##", CultureInfo.InvariantCulture) : "-";

    private static string Finished(BenchProgress p, BenchRun r) =>
        $"[{p.Index}/{p.Total}] {p.Instance} {p.Profile} #{p.Repeat}: {r.Status}, objective {Objective(r.FinalObjective)}, {r.Verdict}, {r.WallSeconds:0.0} s" +
        (r.UnexecutablePercent is { } u ? $", unexecutable {u:0.0} % of promised volume" : "");

    private sealed class LinePrinter(TextWriter writer) : IProgress<BenchProgress>
    {
        private readonly object _gate = new();

        public void Report(BenchProgress p)
        {
            lock (_gate)
            {
                if (p.Finished is { } r) writer.WriteLine(Finished(p, r));
                else if (p.Elapsed == TimeSpan.Zero) writer.WriteLine($"[{p.Index}/{p.Total}] {p.Instance} {p.Profile} #{p.Repeat} ...");
            }
        }
    }

    private sealed class BarUpdater(ProgressTask task, IAnsiConsole console) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress p)
        {
            var what = Markup.Escape($"{p.Instance} {p.Profile} #{p.Repeat}");
            if (p.Finished is { } r)
            {
                task.Increment(1);
                console.MarkupLine(Markup.Escape(Finished(p, r)));
                return;
            }
            task.Description = $"[{p.Index}/{p.Total}] {what} {p.Elapsed.TotalSeconds:0}s best {Markup.Escape(Objective(p.BestObjective))}";
        }
    }
}
