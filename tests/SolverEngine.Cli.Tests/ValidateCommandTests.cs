namespace SolverEngine.Cli.Tests;

public class ValidateCommandTests
{
    [Fact]
    public async Task A_model_with_five_mistakes_lists_all_five_with_their_paths_and_exits_2()
    {
        var (code, _, err) = await CliHarness.RunAsync("validate", RepoPaths.TestModel("five-mistakes.json"));

        Assert.Equal(ExitCodes.InvalidInput, code);
        var errors = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error: ")).ToList();
        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, l => l.StartsWith("error: products[1].id: "));
        Assert.Contains(errors, l => l.StartsWith("error: lines[0].site_id: "));
        Assert.Contains(errors, l => l.StartsWith("error: recipes[0].rate: ") && l.Contains("-5"));
        Assert.Contains(errors, l => l.StartsWith("error: recipes[0].yield: ") && l.Contains("1.5"));
        Assert.Contains(errors, l => l.StartsWith("error: orders[0].due: "));
    }

    [Fact]
    public async Task Json_output_is_the_validation_report()
    {
        var (code, output, _) = await CliHarness.RunAsync("validate", "--json", RepoPaths.TestModel("five-mistakes.json"));

        Assert.Equal(ExitCodes.InvalidInput, code);
        var report = Google.Protobuf.JsonParser.Default.Parse<SolverEngine.Contracts.V1.ValidationReport>(output);
        Assert.False(report.Valid);
        Assert.Contains(report.Issues, i => i.Path == "recipes[0].rate");
    }

    [Fact]
    public async Task An_unreadable_file_is_one_line_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"se-unreadable-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{\"horizon\": {\"start\": 5}}");
        try
        {
            var (code, _, err) = await CliHarness.RunAsync("validate", path);
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.StartsWith($"error: '{path}' is not a valid PlanningModel", err);
            Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_file_is_reported_not_thrown()
    {
        var (code, _, err) = await CliHarness.RunAsync("validate", "/nonexistent/model.json");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("/nonexistent/model.json", err);
        Assert.DoesNotContain("   at ", err);
    }

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Examples, "*.json").Order())
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Every_example_is_valid(string example)
    {
        var (code, output, err) = await CliHarness.RunAsync("validate", Path.Combine(RepoPaths.Examples, example));
        Assert.True(code == ExitCodes.Success, err);
        Assert.Contains(": valid", output);
    }
}
