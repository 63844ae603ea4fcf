using System.Globalization;
using System.Xml.Linq;

namespace SolverEngine.Cli.Tests;

public sealed class BenchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("se-bench-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The CI smoke configuration: tiny, short, and every output checked for content, never for timing.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Bench_smoke_writes_parseable_csv_markdown_and_svg_with_a_verdict_per_run_and_the_handoff_volume()
    {
        var output = Path.Combine(_dir, "out");

        var (code, stdout, stderr) = await CliHarness.RunAsync("bench", "--size", "S", "--seed", "1", "--profiles", "fast,handoff,monolithic",
            "--repeats", "1", "--time-limit", "3", "--out", output);

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains("[3/3] S-seed1 monolithic #1", stderr);

        var rows = ParseCsv(await File.ReadAllTextAsync(Path.Combine(output, "runs.csv")));
        var header = rows[0];
        var data = rows.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        Assert.Equal(["fast", "handoff", "monolithic"], data.Select(r => r["profile"]));
        foreach (var row in data)
        {
            Assert.Contains(row["verdict"], new[] { "valid", "invalid", "no plan" });
            Assert.Equal("generated-S", row["set"]);
            Assert.Equal("S-seed1", row["instance"]);
            Assert.True(Number(row["wall_s"]) > 0);
            if (row["verdict"] != "no plan")
            {
                Assert.True(Number(row["final_objective"]) > 0);
                Assert.True(Number(row["lower_bound"]) <= Number(row["final_objective"]) * (1 + 1e-9));
                Assert.False(string.IsNullOrEmpty(row["trace"]));
            }
        }
        var handoff = data.Single(r => r["profile"] == "handoff");
        var promised = Number(handoff["promised_units"]);
        var unexecutable = Number(handoff["unexecutable_units"]);
        Assert.True(promised > 0);
        Assert.InRange(unexecutable, 0, promised);
        Assert.Equal(100 * unexecutable / promised, Number(handoff["unexecutable_pct"]), 3);
        Assert.False(string.IsNullOrEmpty(handoff["promised_verdict"]));
        Assert.All(data.Where(r => r["profile"] != "handoff"), r => Assert.Equal("", r["unexecutable_units"]));
        Assert.Equal("monolithic", data.Single(r => r["profile"] == "monolithic")["kind"]);

        var md = await File.ReadAllTextAsync(Path.Combine(output, "summary.md"));
        Assert.Contains("## generated-S", md);
        var tableRows = md.Split('\n').Where(l => l.StartsWith("| S-seed1 | ", StringComparison.Ordinal)).ToList();
        foreach (var profile in new[] { "fast", "handoff", "monolithic" })
            Assert.Contains(tableRows, l => l.StartsWith($"| S-seed1 | {profile} | 1 |", StringComparison.Ordinal));
        Assert.All(md.Split('\n').Where(l => l.StartsWith('|')), l => Assert.EndsWith("|", l.TrimEnd()));
        Assert.Contains("Two-plan hand-off", md);
        Assert.Contains(md, stdout);

        var svg = XDocument.Load(Path.Combine(output, "objective.svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.NotEmpty(svg.Descendants(ns + "polyline"));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "handoff");
    }

    [Fact]
    public async Task An_unknown_profile_is_one_line_naming_it_and_exit_2()
    {
        var (code, _, stderr) = await CliHarness.RunAsync("bench", "--size", "S", "--profiles", "fast,turbo", "--out", _dir);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("'turbo'", stderr);
        Assert.Contains("monolithic", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "runs.csv")));
    }

    [Theory]
    [InlineData(new[] { "bench", "--profiles", "fast" }, "exactly one instance source")]
    [InlineData(new[] { "bench", "--size", "S", "--import", "trigeiro", "/nowhere" }, "exactly one instance source")]
    [InlineData(new[] { "bench", "--size", "S", "--time-limit", "0" }, "--time-limit")]
    [InlineData(new[] { "bench", "--size", "S", "--repeats", "0" }, "--repeats")]
    [InlineData(new[] { "bench", "--import", "nosuch", "." }, "nosuch")]
    public async Task Bad_arguments_exit_2_with_one_line(string[] args, string expected)
    {
        var (code, _, stderr) = await CliHarness.RunAsync(args);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public async Task A_profiles_file_with_an_invalid_entry_exits_2_naming_the_entry()
    {
        var file = Path.Combine(_dir, "profiles.json");
        await File.WriteAllTextAsync(file, """{ "mine": { "profile": "fast", "parameters": { "bogus": "1" } } }""");

        var (code, _, stderr) = await CliHarness.RunAsync("bench", "--size", "S", "--profiles-file", file, "--profiles", "mine", "--out", _dir);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("'mine'", stderr);
        Assert.Contains("bogus", stderr);
    }

    [Fact]
    public async Task An_imported_set_shows_the_best_known_value_of_its_folder_and_the_ratio_column()
    {
        var set = Directory.CreateDirectory(Path.Combine(_dir, "set")).FullName;
        // 2 items x 3 periods (Trigeiro format), and the folder's best-known table
        await File.WriteAllTextAsync(Path.Combine(set, "T1.DAT"), "2 3\n1\n100\n1 1 5 50\n1 2 5 40\n10 20\n15 5\n20 10\n");
        await File.WriteAllTextAsync(Path.Combine(set, "best-known.csv"), "instance,objective,source\nT1,200,test table\n");
        var output = Path.Combine(_dir, "out");

        // 1 s: the figures are not asserted, only the columns (the run may even end without a plan)
        var (code, stdout, stderr) = await CliHarness.RunAsync("bench", "--import", "trigeiro", set, "--profiles", "fast",
            "--time-limit", "1", "--out", output);

        Assert.True(code == ExitCodes.Success, stderr);
        var rows = ParseCsv(await File.ReadAllTextAsync(Path.Combine(output, "runs.csv")));
        var row = rows[0].Zip(rows[1]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("T1", row["instance"]);
        Assert.Equal("200", row["best_known"]);
        Assert.Equal("test table", row["best_known_source"]);
        // the ratio is there exactly when a plan is (its value depends on the plan found, not asserted)
        Assert.Equal(row["final_objective"] == "", row["ratio_to_best"] == "");
        Assert.Contains("| final | best known | final/best |", stdout);
        Assert.Contains(stdout.Split('\n'), l => l.StartsWith("| T1 | fast | 1 |", StringComparison.Ordinal) && l.Contains("| 200 |", StringComparison.Ordinal));
        Assert.Contains("Best known: test table (T1)", stdout);
    }

    [Fact]
    public async Task A_missing_or_malformed_best_known_file_exits_2_naming_it()
    {
        var missing = Path.Combine(_dir, "nope.csv");
        var (code, _, stderr) = await CliHarness.RunAsync("bench", "--size", "S", "--best-known", missing, "--out", _dir);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("nope.csv", stderr);

        var bad = Path.Combine(_dir, "bad.csv");
        await File.WriteAllTextAsync(bad, "instance,objective\nS-seed1,12\nS-seed2,lots\n");
        (code, _, stderr) = await CliHarness.RunAsync("bench", "--size", "S", "--best-known", bad, "--out", _dir);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("bad.csv:3", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "runs.csv")));
    }

    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: quoted cells may hold commas, doubled quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add(row.ToArray()); row.Clear(); }
            else cell.Append(c);
        }
        Assert.False(quoted, "unterminated quoted cell");
        Assert.True(row.Count == 0 && cell.Length == 0, "the CSV must end with a line break");
        return rows;
    }
}
