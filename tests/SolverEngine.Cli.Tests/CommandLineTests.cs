namespace SolverEngine.Cli.Tests;

public class CommandLineTests
{
    [Theory]
    [InlineData("validate")]
    [InlineData("generate")]
    [InlineData("import")]
    [InlineData("solve")]
    [InlineData("verify")]
    [InlineData("serve")]
    [InlineData("view")]
    [InlineData("gantt")]
    [InlineData("bench")]
    public async Task Every_command_is_present_with_help(string command)
    {
        var (code, output, _) = await CliHarness.RunAsync(command, "--help");
        Assert.Equal(ExitCodes.Success, code);
        // The root name is the host executable (testhost here, solverengine when installed).
        Assert.Matches($@"Usage:\s+\S+ {command}\b", output);
    }

    [Fact]
    public async Task A_usage_error_is_one_clear_line_per_problem_and_exit_2()
    {
        var (code, _, err) = await CliHarness.RunAsync("generate", "--size", "Q");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("error: Argument 'Q' not recognized", err);
        Assert.Contains("error: Option '--out' is required.", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var (code, _, err) = await CliHarness.RunAsync("frobnicate");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("frobnicate", err);
    }
}
