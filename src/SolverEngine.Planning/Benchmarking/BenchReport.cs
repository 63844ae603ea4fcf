using SolverEngine.Planning.Benchmarking.Internal;

namespace SolverEngine.Planning.Benchmarking;

/// <summary>The rows of a benchmark and the three files they are written to.</summary>
public sealed class BenchReport(IReadOnlyList<BenchRun> runs, BenchSettings settings, DateTimeOffset started, DateTimeOffset finished)
{
    public const string CsvFile = "runs.csv";
    public const string MarkdownFile = "summary.md";
    public const string SvgFile = "objective.svg";

    public IReadOnlyList<BenchRun> Runs { get; } = runs;
    public BenchSettings Settings { get; } = settings;
    public DateTimeOffset Started { get; } = started;
    public DateTimeOffset Finished { get; } = finished;

    /// <summary>Every run, one CSV row each (invariant culture, RFC 4180 quoting).</summary>
    public string ToCsv() => CsvReport.Write(Runs);

    /// <summary>A Markdown table per instance set, then the headline ratios against the baselines.</summary>
    /// <param name="command">The command line that produced the report, quoted in its header (optional).</param>
    public string ToMarkdown(string? command = null) => MarkdownReport.Write(this, command);

    /// <summary>Objective over time per profile, one panel per instance.</summary>
    public string ToSvg() => SvgPlot.Write(Runs);

    /// <summary>Writes runs.csv, summary.md and objective.svg into <paramref name="directory"/> (created if missing).</summary>
    public async Task WriteAsync(string directory, string? command = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, CsvFile), ToCsv(), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, MarkdownFile), ToMarkdown(command), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, SvgFile), ToSvg(), cancellationToken).ConfigureAwait(false);
    }
}
