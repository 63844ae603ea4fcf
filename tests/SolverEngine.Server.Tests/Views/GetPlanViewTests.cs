using SolverEngine.Client;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using SolverEngine.Core.Views;
using SolverEngine.Grpc;
using SolverEngine.Server.Tests.Infrastructure;

namespace SolverEngine.Server.Tests.Views;

/// <summary>
/// GetPlanView over the wire: an in-process server with the real planning engine solves the small
/// model (7 DAY buckets, one round-the-clock line), then the C# client asks for its views.
/// </summary>
public sealed class GetPlanViewTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ControllableEngine _controlled = new();
    private SolverEngineServer _server = null!;
    private SolverEngineServer _controlledServer = null!;
    private PlanningClient _client = null!;
    private PlanningClient _controlledClient = null!;

    public async Task InitializeAsync()
    {
        _server = await InProcessServer.StartAsync(new PlanningEngineSolver());
        _controlledServer = await InProcessServer.StartAsync(_controlled);
        _client = new PlanningClient(_server.Address);
        _controlledClient = new PlanningClient(_controlledServer.Address);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _controlledClient.Dispose();
        await _controlledServer.Jobs.DrainAsync(TimeSpan.Zero);
        await _controlledServer.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<(string JobId, SolveResult Result)> SolvedJobAsync()
    {
        var job = await _client.SubmitJobAsync(TestModels.Request("views"), Timeout);
        SolveResult? result = null;
        await foreach (var update in _client.WatchJobAsync(job.Id, Timeout))
            if (update.Result is not null) result = update.Result;
        Assert.NotNull(result);
        Assert.True(PlanVerifier.Verify(TestModels.Small(), result.Plan, result.Objective).IsValid);
        return (job.Id, result);
    }

    [Fact]
    public async Task Every_granularity_is_summed_from_the_runs_by_the_same_PlanViews_as_the_CLI()
    {
        var (jobId, result) = await SolvedJobAsync();
        var produced = result.Plan.Runs.Sum(r => r.Quantity);

        foreach (var g in new[] { Granularity.Day, Granularity.Week, Granularity.Month })
        {
            var view = await _client.GetPlanViewAsync(jobId, g, timeout: Timeout);

            Assert.Equal(g, view.Granularity);
            Assert.Equal(PlanViews.Build(TestModels.Small(), result.Plan, g).ToProto(), view);
            Assert.Equal(produced, view.Rows.Where(r => r.LineId != "" && r.ProductId != "").Sum(r => r.Production), 6);
            Assert.Equal(produced, view.Rows.Where(r => r.LineId == "").Sum(r => r.Production), 6);
            // Demand of the small model: 700 of A forecast and the order of 120 B.
            Assert.Equal(820, view.Rows.Sum(r => r.Demand), 6);
            var lineRows = view.Rows.Where(r => r.LineId == "L1" && r.ProductId == "").ToList();
            Assert.Equal(7 * 24, lineRows.Sum(r => r.AvailableHours), 6);
            Assert.Equal(result.Plan.Kpis.Lines.Single().ProductionHours, lineRows.Sum(r => r.ProductionHours), 6);
            Assert.All(lineRows, r => Assert.Equal(r.AvailableHours > 0 ? (r.ProductionHours + r.ChangeoverHours) / r.AvailableHours : 0, r.Utilisation, 9));
        }
        var days = await _client.GetPlanViewAsync(jobId, Granularity.Day, timeout: Timeout);
        Assert.Equal(7, days.Rows.Where(r => r.LineId == "L1" && r.ProductId == "").Count());
        Assert.Contains(days.Rows, r => r.Utilisation > 0);
        // The plan's own end-of-bucket stock is what the view rebuilds from the runs (DAY buckets = DAY periods here).
        foreach (var level in result.Plan.Inventory.Where(i => i.ProductId != ""))
        {
            var bucket = result.Plan.Buckets[(int)level.BucketIndex];
            var row = days.Rows.Single(r => r.LineId == "" && r.ProductId == level.ProductId && r.Start == bucket.Start);
            Assert.Equal(level.Quantity, row.Inventory, 6);
            Assert.Equal(level.Backlog, row.Backlog, 6);
        }
    }

    [Fact]
    public async Task Filters_and_unknown_ids()
    {
        var (jobId, _) = await SolvedJobAsync();

        var line = await _client.GetPlanViewAsync(jobId, Granularity.Week, lineId: "L1", timeout: Timeout);
        Assert.All(line.Rows.Where(r => r.LineId != ""), r => Assert.Equal("L1", r.LineId));
        var unknownSite = await Assert.ThrowsAsync<RpcException>(() => _client.GetPlanViewAsync(jobId, Granularity.Week, siteId: "NOWHERE", timeout: Timeout));
        Assert.True(unknownSite.StatusCode == StatusCode.InvalidArgument, unknownSite.Status.ToString());
        Assert.Contains("'NOWHERE'", unknownSite.Status.Detail);
        Assert.Contains("'S1'", unknownSite.Status.Detail);
        var unknownLine = await Assert.ThrowsAsync<RpcException>(() => _client.GetPlanViewAsync(jobId, Granularity.Week, lineId: "L9", timeout: Timeout));
        Assert.True(unknownLine.StatusCode == StatusCode.InvalidArgument, unknownLine.Status.ToString());
        Assert.Contains("'L1'", unknownLine.Status.Detail);
        var noGranularity = await Assert.ThrowsAsync<RpcException>(() => _client.GetPlanViewAsync(jobId, Granularity.Unspecified, timeout: Timeout));
        Assert.True(noGranularity.StatusCode == StatusCode.InvalidArgument, noGranularity.Status.ToString());
    }

    [Fact]
    public async Task A_running_job_has_no_view_yet()
    {
        var job = await _controlledClient.SubmitJobAsync(TestModels.Request("running"), Timeout);
        var run = await _controlled.NextStartedAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => _controlledClient.GetPlanViewAsync(job.Id, Granularity.Day, timeout: Timeout));

        Assert.True(ex.StatusCode == StatusCode.FailedPrecondition, ex.Status.ToString());
        run.Complete(SolveStatus.Feasible, 1);
    }
}
