using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;

namespace SolverEngine.Cli.Tests;

public sealed class SolveAndVerifyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("se-solve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("dairy-cip.json")]
    [InlineData("chemicals-two-plants.json")]
    [InlineData("multi-resolution.json")]
    public async Task Solve_writes_a_result_that_verify_accepts(string example)
    {
        var model = Path.Combine(RepoPaths.Examples, example);
        var result = Path.Combine(_dir, "result.json");

        var (code, output, err) = await CliHarness.RunAsync("solve", model, "--time-limit", "20", "--out", result);

        Assert.True(code == ExitCodes.Success, err);
        Assert.Matches(@"status:\s+(OPTIMAL|FEASIBLE|TIME_LIMIT)", output);
        Assert.Contains("incumbent", err);
        var solved = MessageFiles.Load<SolveResult>(result);
        Assert.NotEmpty(solved.Plan.Runs);

        var (verifyCode, verifyOut, _) = await CliHarness.RunAsync("verify", model, result);
        Assert.True(verifyCode == ExitCodes.Success, verifyOut);
        Assert.StartsWith("Plan is VALID.", verifyOut);
    }

    [Fact]
    public async Task Verify_lists_violations_and_exits_1_for_a_tampered_plan()
    {
        var model = Path.Combine(RepoPaths.Examples, "dairy-cip.json");
        var result = Path.Combine(_dir, "result.json");
        Assert.Equal(ExitCodes.Success, (await CliHarness.RunAsync("solve", model, "--time-limit", "20", "--out", result)).ExitCode);

        // Double every run's quantity: the lines cannot make that in the same time.
        var solved = MessageFiles.Load<SolveResult>(result);
        foreach (var run in solved.Plan.Runs)
            run.Quantity *= 2;
        MessageFiles.Save(solved, result);

        var (code, output, _) = await CliHarness.RunAsync("verify", model, result);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith("Plan is INVALID", output);
    }

    [Fact]
    public async Task Solving_an_invalid_model_lists_the_problems_and_exits_2()
    {
        var (code, _, err) = await CliHarness.RunAsync("solve", RepoPaths.TestModel("five-mistakes.json"), "--time-limit", "5");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("recipes[0].rate", err);
        Assert.DoesNotContain("   at ", err);
    }
}
