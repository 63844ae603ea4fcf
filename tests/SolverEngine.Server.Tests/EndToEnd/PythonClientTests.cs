using SolverEngine.Server.Tests.Infrastructure;

namespace SolverEngine.Server.Tests.EndToEnd;

/// <summary>The real `solverengine serve`, called from Python grpcio through clients/python.</summary>
public sealed class PythonClientTests(ServeFixture fixture) : IClassFixture<ServeFixture>
{
    private string Address => fixture.Serve.HostPort;

    [Fact]
    public Task Health_is_serving_for_the_server_and_the_planning_service() =>
        PythonClient.AssertChecksPassAsync(Address, "health");

    [Fact]
    public Task Reflection_lists_the_planning_service_and_serves_its_files() =>
        PythonClient.AssertChecksPassAsync(Address, "reflection");

    [Fact]
    public Task ValidateModel_reports_every_problem_of_a_broken_model_with_its_path() =>
        PythonClient.AssertChecksPassAsync(Address, "validate_broken", "validate_valid");

    [Fact]
    public Task Solve_and_SubmitJob_with_a_broken_model_fail_with_INVALID_ARGUMENT_naming_every_problem() =>
        PythonClient.AssertChecksPassAsync(Address, "solve_broken", "submit_broken");

    [Fact]
    public Task Unknown_methods_and_services_are_UNIMPLEMENTED() =>
        PythonClient.AssertChecksPassAsync(Address, "unknown_method");

    [Fact]
    public Task An_unreadable_request_fails_and_the_server_keeps_serving() =>
        PythonClient.AssertChecksPassAsync(Address, "garbage_request");

    [Fact]
    public Task A_request_over_the_configured_size_limit_is_RESOURCE_EXHAUSTED() =>
        PythonClient.AssertChecksPassAsync(Address, "oversize_request");

    [Fact]
    public Task Unknown_job_ids_are_NOT_FOUND_and_bad_listing_arguments_INVALID_ARGUMENT() =>
        PythonClient.AssertChecksPassAsync(Address, "unknown_job", "list_jobs_bad_token");

    [Fact]
    public Task Invalid_solve_options_are_INVALID_ARGUMENT_naming_the_option() =>
        PythonClient.AssertChecksPassAsync(Address, "bad_options");

    [Fact]
    public Task Solve_streams_updates_from_the_planning_engine_and_ends_with_a_plan() =>
        PythonClient.AssertChecksPassAsync(Address, "solve_small");

    [Fact]
    public Task A_job_runs_to_completion_and_is_watched_fetched_listed_and_cancelled_idempotently() =>
        PythonClient.AssertChecksPassAsync(Address, "job_lifecycle");
}
