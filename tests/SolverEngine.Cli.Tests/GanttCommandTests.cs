namespace SolverEngine.Cli.Tests;

/// <summary>`solverengine gantt` without a browser: the file it writes and its errors.</summary>
public sealed class GanttCommandTests(SolvedExamples examples) : IClassFixture<SolvedExamples>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("se-gantt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Writes_one_self_contained_page_with_the_plan_inline()
    {
        var (model, result) = await examples.GetAsync("dairy-cip.json");
        var page = Path.Combine(_dir, "sub", "plan.html");

        var (code, output, err) = await CliHarness.RunAsync("gantt", result, "--model", model, "--out", page);

        Assert.True(code == ExitCodes.Success, err);
        Assert.Contains(page, output);
        var html = await File.ReadAllTextAsync(page);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<script type=\"application/json\" id=\"gantt-data\">", html);
        Assert.Contains("\"kind\":\"asset\"", html);
        Assert.Contains("\"families\":[", html);
        Assert.DoesNotContain("http", html);
    }

    [Fact]
    public async Task Missing_out_or_model_and_the_wrong_model_are_exit_2()
    {
        var (model, result) = await examples.GetAsync("dairy-cip.json");

        var noOut = await CliHarness.RunAsync("gantt", result, "--model", model);
        var noModel = await CliHarness.RunAsync("gantt", result, "--out", Path.Combine(_dir, "x.html"));
        var wrong = await CliHarness.RunAsync("gantt", result, "--model", Path.Combine(RepoPaths.Examples, "multi-resolution.json"), "--out", Path.Combine(_dir, "y.html"));

        Assert.Equal(ExitCodes.InvalidInput, noOut.ExitCode);
        Assert.Contains("--out", noOut.Err);
        Assert.Equal(ExitCodes.InvalidInput, noModel.ExitCode);
        Assert.Contains("--model", noModel.Err);
        Assert.Equal(ExitCodes.InvalidInput, wrong.ExitCode);
        Assert.Contains("pass the model the result was solved from", wrong.Err);
        Assert.False(File.Exists(Path.Combine(_dir, "y.html")));
    }
}
