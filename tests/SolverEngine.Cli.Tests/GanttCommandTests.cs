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

    [Fact]
    public async Task A_run_ending_just_before_midnight_is_drawn_ending_that_day()
    {
        // 100 ns before midnight: a timing repair ends runs at a bucket's last working instant. In double
        // milliseconds since 1970 that instant rounds up to midnight, and the page showed the next day.
        var (model, resultPath) = await examples.GetAsync("dairy-cip.json");
        var result = SolvedExamples.Load(resultPath);
        var run = result.Plan.Runs[0];
        var start = run.Start.ToDateTime();
        var end = start.Date.AddDays(1).AddTicks(-1);
        run.End = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(end);
        var edited = Path.Combine(_dir, "edited.result.json");
        SolverEngine.Core.Modeling.MessageFiles.Save(result, edited);
        var page = Path.Combine(_dir, "edited.html");

        var (code, _, err) = await CliHarness.RunAsync("gantt", edited, "--model", model, "--out", page);

        Assert.True(code == ExitCodes.Success, err);
        var html = await File.ReadAllTextAsync(page);
        const string open = "<script type=\"application/json\" id=\"gantt-data\">";
        var from = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var json = html[from..html.IndexOf("</script>", from, StringComparison.Ordinal)];
        using var data = System.Text.Json.JsonDocument.Parse(json);
        var drawn = data.RootElement.GetProperty("rows").EnumerateArray()
            .SelectMany(row => row.GetProperty("runs").EnumerateArray())
            .Single(r => r.GetProperty("i").GetInt32() == 0);
        var lastMillisecond = (end - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;
        Assert.Equal(lastMillisecond, drawn.GetProperty("e").GetInt64());
        Assert.Equal(end.Date, DateTime.UnixEpoch.AddMilliseconds(drawn.GetProperty("e").GetInt64()).Date);
    }
}
