using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Cli.Output;
using SolverEngine.Client;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;
using SolverEngine.Planning;

namespace SolverEngine.Cli.Commands;

internal static class SolveCommand
{
    public static Command Create()
    {
        var model = CommonOptions.ModelArgument();
        var timeLimit = new Option<double>("--time-limit", "-t") { Description = "Seconds", DefaultValueFactory = _ => 60 };
        var gap = new Option<double>("--gap") { Description = "Relative gap to stop at", DefaultValueFactory = _ => 1e-4 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0 = all cores)" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed" };
        var deterministic = new Option<bool>("--deterministic") { Description = "Same input, same plan, at any thread count" };
        var profile = new Option<string>("--profile") { Description = "fast, default, quality or a user-defined profile" };
        var parameters = new Option<string[]>("--param") { Description = "Low-level override key=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var output = CommonOptions.Out("Result file to write (SolveResult JSON)", required: false);
        var server = new Option<Uri>("--server") { Description = "Solve on a SolverEngine server (e.g. http://127.0.0.1:50051) instead of in-process" };
        var command = new Command("solve", "Solve a model and write the plan")
        {
            model, timeLimit, gap, threads, seed, deterministic, profile, parameters, output, server,
        };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetRequiredValue(model);
            var planningModel = await ModelFiles.LoadAsync(file.FullName, ct);
            var options = new SolveOptions
            {
                TimeLimit = Duration.FromTimeSpan(TimeSpan.FromSeconds(parse.GetValue(timeLimit))),
                RelativeGap = parse.GetValue(gap),
                Threads = parse.GetValue(threads),
                Seed = parse.GetValue(seed),
                Deterministic = parse.GetValue(deterministic),
                Profile = parse.GetValue(profile) ?? "",
            };
            foreach (var pair in parse.GetValue(parameters) ?? [])
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0)
                    throw new CliException($"--param '{pair}' is not key=value");
                options.Parameters[pair[..eq]] = pair[(eq + 1)..];
            }

            var progress = new ProgressPrinter(parse.InvocationConfiguration.Error);
            SolveResult result = parse.GetValue(server) is { } address
                ? await SolveRemoteAsync(address, planningModel, options, progress, ct)
                : await new PlanningEngine().SolveAsync(planningModel, options, progress, ct);

            if (parse.GetValue(output) is { } target)
                await MessageFiles.SaveAsync(result, target.FullName, ct);
            ResultSummary.Write(parse.InvocationConfiguration.Output, result);
            return result.Status is SolveStatus.Failed or SolveStatus.Infeasible ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The same solve on a server: the stream's updates drive the same progress lines.</summary>
    private static async Task<SolveResult> SolveRemoteAsync(Uri address, PlanningModel model, SolveOptions options, IProgress<SolveUpdate> progress, CancellationToken ct)
    {
        using var client = new PlanningClient(address);
        var limit = options.TimeLimit.ToTimeSpan();
        SolveResult? result = null;
        // The call's deadline leaves the server room to return the best plan after its own time limit.
        await foreach (var update in client.SolveAsync(new SolveRequest { Model = model, Options = options }, limit + TimeSpan.FromSeconds(30), ct))
        {
            progress.Report(update);
            if (update.UpdateCase == SolveUpdate.UpdateOneofCase.Result)
                result = update.Result;
        }
        return result ?? throw new CliException($"the server at {address} ended the solve without a result", ExitCodes.Failure);
    }
}
