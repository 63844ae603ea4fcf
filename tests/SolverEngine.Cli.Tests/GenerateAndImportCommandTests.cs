namespace SolverEngine.Cli.Tests;

public sealed class GenerateAndImportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("se-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Generate_twice_with_the_same_seed_writes_byte_identical_valid_files()
    {
        var first = Path.Combine(_dir, "a.json");
        var second = Path.Combine(_dir, "b.json");
        var other = Path.Combine(_dir, "c.json");

        Assert.Equal(ExitCodes.Success, (await CliHarness.RunAsync("generate", "--size", "S", "--seed", "7", "--out", first)).ExitCode);
        Assert.Equal(ExitCodes.Success, (await CliHarness.RunAsync("generate", "--size", "S", "--seed", "7", "--out", second)).ExitCode);
        Assert.Equal(ExitCodes.Success, (await CliHarness.RunAsync("generate", "--size", "S", "--seed", "8", "--out", other)).ExitCode);

        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
        Assert.NotEqual(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(other));
        Assert.Equal(ExitCodes.Success, (await CliHarness.RunAsync("validate", first)).ExitCode);
    }

    [Theory]
    [InlineData("trigeiro", "trigeiro_clsp/G/G1.DAT")]
    [InlineData("glsppl", "glsppl_random/A1.txt")]
    [InlineData("mpclsp", "mpclsp/AAA012212_0.dat")]
    [InlineData("tsplib", "tsplib_atsp/br17.atsp")]
    public async Task Import_writes_a_valid_model(string format, string instance)
    {
        var source = Path.Combine(RepoPaths.Instances, instance);
        if (!File.Exists(source))
            Assert.Fail($"benchmark instance missing: {source} (shared/data/instances sits beside the repository)");
        var target = Path.Combine(_dir, "imported.json");

        var (code, output, err) = await CliHarness.RunAsync("import", "--format", format, "--out", target, source);

        Assert.True(code == ExitCodes.Success, err);
        Assert.Contains("wrote imported.json", output);
        var (validateCode, _, validateErr) = await CliHarness.RunAsync("validate", target);
        Assert.True(validateCode == ExitCodes.Success, validateErr);
    }

    [Fact]
    public async Task Importing_a_file_of_another_format_is_one_line_naming_the_file_and_exit_2()
    {
        var source = Path.Combine(_dir, "not-trigeiro.txt");
        await File.WriteAllTextAsync(source, "hello world\n");

        var (code, _, err) = await CliHarness.RunAsync("import", "--format", "trigeiro", "--out", Path.Combine(_dir, "x.json"), source);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("not-trigeiro.txt", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
