using System.Collections.Concurrent;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;

namespace SolverEngine.Cli.Tests;

/// <summary>Examples solved once per test class with `solverengine solve` (result files in a temporary folder).</summary>
public sealed class SolvedExamples : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("se-solved-").FullName;
    private readonly ConcurrentDictionary<string, Lazy<Task<(string Model, string Result)>>> _solved = new(StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Paths of the example model and of its result file.</summary>
    public Task<(string Model, string Result)> GetAsync(string example) =>
        _solved.GetOrAdd(example, e => new Lazy<Task<(string, string)>>(() => SolveAsync(e))).Value;

    public static SolveResult Load(string result) => MessageFiles.Load<SolveResult>(result);

    private async Task<(string, string)> SolveAsync(string example)
    {
        var model = Path.Combine(RepoPaths.Examples, example);
        var result = Path.Combine(_dir, Path.GetFileNameWithoutExtension(example) + ".result.json");
        var (code, _, err) = await CliHarness.RunAsync("solve", model, "--time-limit", "15", "--out", result);
        Assert.True(code == ExitCodes.Success, err);
        return (model, result);
    }
}
