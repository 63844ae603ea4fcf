using System.CommandLine;
using SolverEngine.Cli.Output;
using SolverEngine.Core.Generation;
using SolverEngine.Planning.Benchmarking;

namespace SolverEngine.Cli.Commands;

/// <summary>
/// <c>solverengine bench</c>: instances (a folder, a generated size or an imported published set)
/// x profiles (engine profiles, user-defined ones, and the monolithic and hand-off baselines) x
/// repeats, through <see cref="BenchRunner"/>; writes runs.csv, summary.md and objective.svg.
/// Exit 0 when every run ended with a verified plan or an honest status, 1 when a run failed with
/// a solver error or a final plan failed verification, 2 for bad arguments.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var instances = new Option<DirectoryInfo>("--instances") { Description = "Folder of model files (*.json, *.pb)" };
        var size = new Option<string>("--size") { Description = "Generated size: S, M, L or XL" };
        size.AcceptOnlyFromAmong("S", "M", "L", "XL");
        var seed = new Option<int>("--seed") { Description = "Seed for generated instances", DefaultValueFactory = _ => 1 };
        var count = new Option<int>("--count") { Description = "Generated instances (seeds seed, seed+1, ...)", DefaultValueFactory = _ => 1 };
        var import = new Option<string[]>("--import") { Description = "FORMAT DIR: import a published set (trigeiro, glsppl, mpclsp, tsplib)", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var profiles = new Option<string>("--profiles") { Description = $"Comma-separated profiles: {string.Join(", ", BenchProfiles.BuiltIn)} or user-defined (default: {string.Join(",", BenchProfiles.DefaultSelection)})" };
        var profilesFile = new Option<FileInfo>("--profiles-file") { Description = "JSON object mapping a profile name to solve options (profile, parameters, threads, relativeGap, seed, deterministic)" };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds per run", DefaultValueFactory = _ => 60 };
        var repeats = new Option<int>("--repeats") { Description = "Runs per instance and profile", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0 = all cores)" };
        var bestKnown = new Option<FileInfo>("--best-known") { Description = "CSV of best known objectives (instance,objective[,source]) shown beside each instance; a set's folder may also hold best-known.csv or a README.md table" };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for runs.csv, summary.md and objective.svg", DefaultValueFactory = _ => new DirectoryInfo("bench-results") };
        var command = new Command("bench", "Run instances x profiles x repeats with the monolithic and hand-off baselines side by side")
        {
            instances, size, seed, count, import, profiles, profilesFile, timeLimit, repeats, threads, bestKnown, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var err = parse.InvocationConfiguration.Error;
            var sources = new[] { parse.GetValue(instances) is not null, parse.GetValue(size) is not null, parse.GetValue(import) is { Length: > 0 } }.Count(b => b);
            if (sources != 1)
                throw new CliException("give exactly one instance source: --instances DIR, --size S|M|L|XL [--seed N] or --import FORMAT DIR");
            if (parse.GetValue(timeLimit) is var limit && !(limit > 0))
                throw new CliException($"--time-limit is {limit}; it must be > 0 seconds");
            if (parse.GetValue(repeats) < 1)
                throw new CliException($"--repeats is {parse.GetValue(repeats)}; it must be >= 1");
            if (parse.GetValue(threads) < 0)
                throw new CliException($"--threads is {parse.GetValue(threads)}; it must be >= 0 (0 = all cores)");
            if (parse.GetValue(count) < 1)
                throw new CliException($"--count is {parse.GetValue(count)}; it must be >= 1");

            IReadOnlyList<BenchProfile> selected;
            try
            {
                var user = parse.GetValue(profilesFile) is { } file ? BenchProfiles.LoadFile(file.FullName) : null;
                selected = BenchProfiles.Resolve(parse.GetValue(profiles), user);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message);
            }

            IReadOnlyList<BenchInstance> models;
            try
            {
                models = parse.GetValue(instances) is { } dir ? BenchInstances.FromDirectory(dir.FullName)
                    : parse.GetValue(size) is { } s ? BenchInstances.Generated(Enum.Parse<InstanceSize>(s), parse.GetValue(seed), parse.GetValue(count))
                    : BenchInstances.Import(parse.GetValue(import)![0], parse.GetValue(import)![1]);
                if (parse.GetValue(bestKnown) is { } table)
                    models = BenchInstances.WithBestKnown(models, BestKnownValues.LoadCsv(table.FullName));
            }
            catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or InvalidDataException)
            {
                throw new CliException(ex.Message);
            }

            var settings = new BenchSettings
            {
                TimeLimit = TimeSpan.FromSeconds(parse.GetValue(timeLimit)),
                Repeats = parse.GetValue(repeats),
                Threads = parse.GetValue(threads),
            };
            var total = models.Count * selected.Count * settings.Repeats;
            err.WriteLine($"bench: {models.Count} instance(s) x {selected.Count} profile(s) ({string.Join(", ", selected.Select(p => p.Name))}) x {settings.Repeats} repeat(s), {settings.TimeLimit.TotalSeconds:0.#} s each");
            var target = parse.GetValue(output)!;
            Directory.CreateDirectory(target.FullName);
            // runs.csv is rewritten after every run, so a crash of a native solver keeps the rows so far
            var done = new List<BenchRun>();
            var report = await BenchProgressDisplay.RunAsync(err, total, progress => new BenchRunner().RunAsync(models, selected, settings,
                new Tee(progress, p =>
                {
                    if (p.Finished is not { } run) return;
                    lock (done)
                    {
                        done.Add(run);
                        File.WriteAllText(Path.Combine(target.FullName, BenchReport.CsvFile),
                            new BenchReport(done.ToList(), settings, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow).ToCsv());
                    }
                }), ct));

            var commandLine = "solverengine " + string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ') ? $"\"{t.Value}\"" : t.Value));
            await report.WriteAsync(target.FullName, commandLine, ct);
            var stdout = parse.InvocationConfiguration.Output;
            stdout.Write(report.ToMarkdown(commandLine));
            stdout.WriteLine();
            stdout.WriteLine($"wrote {BenchReport.CsvFile}, {BenchReport.MarkdownFile}, {BenchReport.SvgFile} to {target.FullName}");
            var failed = report.Runs.Count(r => r.Status == "ERROR" || r.Verdict == "invalid");
            if (failed > 0)
                err.WriteLine($"error: {failed} run(s) ended with a solver error or a plan the verifier rejects (see {BenchReport.CsvFile})");
            return failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reports to the display and to an action (the per-run CSV writer).</summary>
    private sealed class Tee(IProgress<BenchProgress> first, Action<BenchProgress> second) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value)
        {
            first.Report(value);
            second(value);
        }
    }
}
