using System.Globalization;
using Google.Protobuf;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;
using SolverEngine.Core.Views;

namespace SolverEngine.Cli.Tests;

/// <summary>`solverengine view` on a solved example (dairy-cip: 14 DAY buckets from Monday 2026-03-02, one site).</summary>
public sealed class ViewCommandTests(SolvedExamples examples) : IClassFixture<SolvedExamples>
{
    private const string Example = "dairy-cip.json";

    [Theory]
    [InlineData("DAY", "2026-03-02")]
    [InlineData("week", "2026-W10")]
    [InlineData("Month", "2026-03")]
    public async Task The_table_shows_products_and_lines_per_period(string granularity, string firstLabel)
    {
        var (model, result) = await examples.GetAsync(Example);

        var (code, output, err) = await CliHarness.RunAsync("view", result, "--model", model, "--granularity", granularity);

        Assert.True(code == ExitCodes.Success, err);
        Assert.StartsWith("Products per site", output);
        Assert.Contains("\nLines", output);
        Assert.Contains("utilisation", output);
        Assert.Contains(firstLabel + "  BRISTOL", output);
        Assert.DoesNotContain("\u001b[", output); // plain text when redirected
    }

    [Theory]
    [InlineData("DAY")]
    [InlineData("WEEK")]
    [InlineData("MONTH")]
    public async Task Csv_rows_sum_to_the_runs_of_the_plan(string granularity)
    {
        var (model, result) = await examples.GetAsync(Example);
        var plan = SolvedExamples.Load(result).Plan;

        var (code, output, err) = await CliHarness.RunAsync("view", result, "-m", model, "-g", granularity, "--format", "csv");

        Assert.True(code == ExitCodes.Success, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        var header = lines[0].ToList();
        double Sum(string kind, string column) =>
            lines.Skip(1).Where(r => r[0] == kind).Sum(r => double.Parse(r[header.IndexOf(column)], CultureInfo.InvariantCulture));
        Assert.Equal(plan.Runs.Sum(r => r.Quantity), Sum("line_product", "production"), 6);
        Assert.Equal(plan.Runs.Sum(r => r.Quantity), Sum("site_product", "production"), 6);
        Assert.Equal(plan.Deliveries.Sum(d => d.Quantity), Sum("site_product", "delivered"), 6);
        Assert.Equal(plan.Kpis.ChangeoverHours, Sum("line", "changeover_hours"), 6);
        Assert.Equal(plan.Kpis.Lines.Sum(l => l.AvailableHours), Sum("line", "available_hours"), 6);
        Assert.Equal(plan.Kpis.Lines.Sum(l => l.ProductionHours), Sum("line", "production_hours"), 6);
    }

    [Fact]
    public async Task Json_is_the_PlanView_that_the_server_would_serve()
    {
        var (model, result) = await examples.GetAsync(Example);

        var (code, output, err) = await CliHarness.RunAsync("view", result, "--model", model, "-g", "WEEK", "--line", "FILL1", "--format", "json");

        Assert.True(code == ExitCodes.Success, err);
        var view = JsonParser.Default.Parse<PlanView>(output);
        var expected = PlanViews.Build(ModelFiles.Load(model), SolvedExamples.Load(result), Granularity.Week, lineId: "FILL1").ToProto();
        Assert.Equal(expected, view);
        Assert.All(view.Rows.Where(r => r.LineId != ""), r => Assert.Equal("FILL1", r.LineId));
        Assert.Contains(view.Rows, r => r.LineId == "FILL1" && r.ProductId == "" && r.Utilisation > 0);
    }

    /// <summary>
    /// multi-resolution.json plans on DAY, WEEK and MONTH buckets (months from the 6th): wherever a
    /// view period ends with a plan bucket, the stock and backlog the view rebuilds from the runs
    /// are the plan's own, and every view holds the plan's whole production and demand.
    /// </summary>
    [Theory]
    [InlineData(Granularity.Day)]
    [InlineData(Granularity.Week)]
    [InlineData(Granularity.Month)]
    public async Task On_a_multi_resolution_plan_every_zoom_agrees_with_the_plans_own_numbers(Granularity granularity)
    {
        var (model, result) = await examples.GetAsync("multi-resolution.json");
        var plan = SolvedExamples.Load(result).Plan;

        var view = PlanViews.Build(ModelFiles.Load(model), plan, granularity);

        Assert.Equal(plan.Runs.Sum(r => r.Quantity), view.SiteProducts.Sum(r => r.Production), 3);
        Assert.Equal(plan.ConstrainedDemand.Sum(d => d.Unconstrained), view.SiteProducts.Sum(r => r.Demand), 3);
        Assert.Equal(plan.Deliveries.Sum(d => d.Quantity), view.SiteProducts.Sum(r => r.Delivered), 3);
        var checkedLevels = 0;
        foreach (var level in plan.Inventory.Where(i => i.ProductId != ""))
        {
            var end = plan.Buckets[(int)level.BucketIndex].End.ToDateTime();
            var period = view.Periods.FirstOrDefault(p => p.End == end);
            if (period is null) continue;
            var row = view.SiteProducts.Single(r => r.Period == period.Index && r.SiteId == level.SiteId && r.ProductId == level.ProductId);
            Assert.Equal(level.Quantity, row.Inventory, 3);
            Assert.Equal(level.Backlog, row.Backlog, 3);
            checkedLevels++;
        }
        Assert.True(checkedLevels > 0);
    }

    [Fact]
    public async Task An_unknown_site_or_line_is_exit_2_naming_the_known_ones()
    {
        var (model, result) = await examples.GetAsync(Example);

        var site = await CliHarness.RunAsync("view", result, "--model", model, "--site", "LEEDS");
        var line = await CliHarness.RunAsync("view", result, "--model", model, "--line", "FILL7");

        Assert.Equal(ExitCodes.InvalidInput, site.ExitCode);
        Assert.Contains("'LEEDS'", site.Err);
        Assert.Contains("'BRISTOL'", site.Err);
        Assert.Equal(ExitCodes.InvalidInput, line.ExitCode);
        Assert.Contains("'FILL7'", line.Err);
        Assert.Contains("'FILL1', 'FILL2'", line.Err);
        Assert.DoesNotContain("Parameter", line.Err);
    }

    [Fact]
    public async Task A_bad_granularity_a_missing_model_or_the_wrong_model_is_exit_2()
    {
        var (model, result) = await examples.GetAsync(Example);

        var granularity = await CliHarness.RunAsync("view", result, "--model", model, "-g", "QUARTER");
        var noModel = await CliHarness.RunAsync("view", result);
        var wrongModel = await CliHarness.RunAsync("view", result, "--model", Path.Combine(RepoPaths.Examples, "chemicals-two-plants.json"));

        Assert.Equal(ExitCodes.InvalidInput, granularity.ExitCode);
        Assert.Contains("DAY, WEEK or MONTH", granularity.Err);
        Assert.Equal(ExitCodes.InvalidInput, noModel.ExitCode);
        Assert.Contains("--model", noModel.Err);
        Assert.Equal(ExitCodes.InvalidInput, wrongModel.ExitCode);
        Assert.Contains("pass the model the result was solved from", wrongModel.Err);
    }
}
