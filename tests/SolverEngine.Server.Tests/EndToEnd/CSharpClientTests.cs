using SolverEngine.Client;
using SolverEngine.Contracts.V1;
using SolverEngine.Grpc;
using SolverEngine.Server.Tests.Infrastructure;
using ServingStatus = SolverEngine.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace SolverEngine.Server.Tests.EndToEnd;

/// <summary>The real `solverengine serve` (planning engine included), called through the C# PlanningClient.</summary>
public sealed class CSharpClientTests(ServeFixture fixture) : IClassFixture<ServeFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly PlanningClient _client = new(fixture.Serve.Address);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Health_is_serving()
    {
        Assert.Equal(ServingStatus.Serving, await _client.CheckHealthAsync(timeout: Timeout));
        Assert.Equal(ServingStatus.Serving, await _client.CheckHealthAsync("solverengine.v1.PlanningService", Timeout));
    }

    [Fact]
    public async Task ValidateModel_reports_every_problem_with_its_path()
    {
        var report = await _client.ValidateModelAsync(TestModels.Broken(), Timeout);

        Assert.False(report.Valid);
        Assert.Equal(TestModels.BrokenPaths.Order(), report.Issues.Where(i => i.Severity == ValidationIssue.Types.Severity.Error).Select(i => i.Path).Order());
        Assert.True((await _client.ValidateModelAsync(TestModels.Small(), Timeout)).Valid);
    }

    [Fact]
    public async Task Solve_with_a_broken_model_is_INVALID_ARGUMENT_with_every_violation()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in _client.SolveAsync(new SolveRequest { Model = TestModels.Broken() }, Timeout)) { }
        });

        Assert.True(ex.StatusCode == StatusCode.InvalidArgument, ex.Status.ToString());
        var fields = PlanningClient.GetFieldViolations(ex).Select(v => v.Field).Order();
        Assert.Equal(TestModels.BrokenPaths.Select(p => "model." + p).Order(), fields);
        Assert.All(TestModels.BrokenPaths, p => Assert.Contains(p, ex.Status.Detail));
    }

    [Fact]
    public async Task Solve_streams_to_a_result_with_a_plan()
    {
        var updates = new List<SolveUpdate>();
        await foreach (var update in _client.SolveAsync(TestModels.Request(), Timeout)) updates.Add(update);

        var result = updates[^1].Result;
        Assert.NotNull(result);
        Assert.Contains(result.Status, new[] { SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.TimeLimit });
        Assert.NotEmpty(result.Plan.Runs);
        Assert.All(updates, u => Assert.Equal(updates[0].JobId, u.JobId));
    }

    [Fact]
    public async Task Unknown_job_ids_are_NOT_FOUND()
    {
        var get = await Assert.ThrowsAsync<RpcException>(() => _client.GetJobAsync("job-unknown", Timeout));
        var cancel = await Assert.ThrowsAsync<RpcException>(() => _client.CancelJobAsync("job-unknown", Timeout));
        var watch = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in _client.WatchJobAsync("job-unknown", Timeout)) { }
        });

        Assert.All(new[] { get, cancel, watch }, e => Assert.True(e.StatusCode == StatusCode.NotFound, e.Status.ToString()));
        Assert.Contains("job-unknown", get.Status.Detail);
    }
}
