using System.Globalization;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Cli.Output;

/// <summary>
/// Prints solve progress on stderr as plain lines (one per phase change, per incumbent, per message
/// such as a repair round's, and at most one heartbeat a second), so it reads the same on a terminal,
/// in a log and through a pipe.
/// </summary>
internal sealed class ProgressPrinter(TextWriter writer) : IProgress<SolveUpdate>
{
    private readonly object _gate = new();
    private string _phase = "";
    private TimeSpan _lastLine = TimeSpan.FromSeconds(-1);

    public void Report(SolveUpdate update)
    {
        var elapsed = update.Elapsed?.ToTimeSpan() ?? TimeSpan.Zero;
        var at = elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture).PadLeft(6);
        lock (_gate)
        {
            switch (update.UpdateCase)
            {
                case SolveUpdate.UpdateOneofCase.Progress:
                    var p = update.Progress;
                    // heartbeats of the same phase at most once a second; a line that says something always
                    if (p.Phase == _phase && p.Message.Length == 0 && elapsed - _lastLine < TimeSpan.FromSeconds(1))
                        return;
                    _phase = p.Phase;
                    _lastLine = elapsed;
                    var upper = p.HasUpperBound ? Format(p.UpperBound) : "-";
                    var gap = p.HasGap ? $"{p.Gap:P2}" : "-";
                    writer.WriteLine($"{at}s  {p.Phase,-11} iter {p.Iteration,4}  bound {Format(p.LowerBound)}  best {upper}  gap {gap}  cuts {p.Cuts}  {p.Message}");
                    break;
                case SolveUpdate.UpdateOneofCase.Incumbent:
                    var i = update.Incumbent;
                    writer.WriteLine($"{at}s  incumbent   objective {Format(i.Objective)}  bound {Format(i.LowerBound)}  gap {i.Gap:P2}");
                    break;
                case SolveUpdate.UpdateOneofCase.Result:
                    writer.WriteLine($"{at}s  done        {ResultSummary.StatusName(update.Result.Status)}");
                    break;
            }
        }
    }

    private static string Format(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
