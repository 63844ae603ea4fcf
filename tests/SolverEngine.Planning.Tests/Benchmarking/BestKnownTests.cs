using SolverEngine.Planning.Benchmarking;

namespace SolverEngine.Planning.Tests.Benchmarking;

public sealed class BestKnownTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("se-best-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_csv_gives_values_by_instance_name_with_or_without_extension_and_skips_comments_header_and_na()
    {
        var file = Write("best.csv", """
            # a comment
            instance,objective,source
            G1.DAT,39548,paper A, table 3
            B7,n/a,nobody
            C2,-,
            """);

        var values = BestKnownValues.LoadCsv(file);

        Assert.Equal(new BestKnown(39548, "paper A, table 3"), BestKnownValues.Find(values, "G1"));
        Assert.Equal(39548, BestKnownValues.Find(values, "G1.DAT")!.Objective);
        Assert.Null(BestKnownValues.Find(values, "B7"));
        Assert.Null(BestKnownValues.Find(values, "C2"));
        Assert.Null(BestKnownValues.Find(values, "G2"));
        var ex = Assert.Throws<InvalidDataException>(() => BestKnownValues.LoadCsv(Write("bad.csv", "instance,objective\nX1,12.5\nX2,twelve\n")));
        Assert.Contains("bad.csv:3", ex.Message);
        Assert.Contains("twelve", ex.Message);
        Assert.Contains("n/a", ex.Message);
    }

    [Fact]
    public void The_thousands_separated_quoted_value_is_not_silently_misread()
    {
        // "40,524.18" splits into objective '"40' -> not a number after the header -> error, never 40
        var file = Write("q.csv", "instance,objective\nA,1\nAAA01226_0,\"40,524.18\",thesis\n");
        Assert.Throws<InvalidDataException>(() => BestKnownValues.LoadCsv(file));
    }

    [Fact]
    public void A_readme_table_with_instance_and_best_columns_is_read_and_other_tables_are_ignored()
    {
        var values = BestKnownValues.ParseMarkdown("""
            # Set

            | instance | n | optimum |
            |---|---|---|
            | X1 | 3 | 10 |

            | Instance | items | best known | source |
            |:---|---:|---:|---|
            | `A1.txt` | 8 | 1,234.5 | Smith 2020 |
            | A2 | 8 | n/a | |
            | A3 | 8 | **99** | Lee |
            """);

        Assert.Equal(new BestKnown(1234.5, "Smith 2020"), BestKnownValues.Find(values, "A1"));
        Assert.Null(BestKnownValues.Find(values, "A2"));
        Assert.Equal(99, BestKnownValues.Find(values, "A3")!.Objective);
        Assert.Null(BestKnownValues.Find(values, "X1"));
    }

    [Fact]
    public void Import_reads_the_folders_best_known_csv_over_its_readme_and_does_not_import_either_file()
    {
        Write("T1.DAT", Trigeiro);
        Write("T2.DAT", Trigeiro);
        Write("README.md", "| instance | best known | source |\n|---|---|---|\n| T1 | 111 | readme |\n| T2 | 222 | readme |\n");
        Write(BestKnownValues.FileName, "instance,objective,source\nT2.DAT,200,csv\n");

        var instances = BenchInstances.Import("trigeiro", _dir);

        Assert.Equal(["T1", "T2"], instances.Select(i => i.Name));
        Assert.Equal(new BestKnown(111, "readme"), instances[0].BestKnown);
        Assert.Equal(new BestKnown(200, "csv"), instances[1].BestKnown);

        var replaced = BenchInstances.WithBestKnown(instances, new Dictionary<string, BestKnown> { ["T1"] = new(100, "cli") });
        Assert.Equal(new BestKnown(100, "cli"), replaced[0].BestKnown);
        Assert.Equal(new BestKnown(200, "csv"), replaced[1].BestKnown);
    }

    [Fact]
    public void The_summary_shows_best_known_and_ratio_only_for_sets_that_have_one_and_na_for_instances_without()
    {
        BenchRun Run(string set, string instance, double? final, double? best) => new()
        {
            Set = set, Instance = instance, Profile = "default", Kind = BenchProfileKind.Engine, Repeat = 1, Status = "FEASIBLE",
            TimeLimitSeconds = 5, WallSeconds = 1, Trace = final is { } f ? [(0.5, f)] : [], FinalObjective = final,
            Verdict = final is null ? "no plan" : "valid", BestKnown = best, BestKnownSource = best is null ? "" : "thesis",
        };
        var report = new BenchReport(
            [Run("mpclsp-x", "P1", 110, 100), Run("mpclsp-x", "P2", 50, null), Run("mpclsp-x", "P3", null, 70), Run("generated-S", "S-seed1", 10, null)],
            new BenchSettings { TimeLimit = TimeSpan.FromSeconds(5) }, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        var md = report.ToMarkdown();
        var lines = md.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("| P1 | default | 1 |", StringComparison.Ordinal) && l.Contains("| 110 | 100 | 1.1000 |", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| P2 | default | 1 |", StringComparison.Ordinal) && l.Contains("| 50 | n/a | - |", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| P3 | default | 1 |", StringComparison.Ordinal) && l.Contains("| - | 70 | - |", StringComparison.Ordinal));
        Assert.Contains("Best known: thesis (P1, P3)", md);
        var generatedHeader = lines.SkipWhile(l => l != "## generated-S").Skip(2).First();
        Assert.DoesNotContain("best known", generatedHeader);
        // every table row has as many cells as its header
        foreach (var table in Tables(lines))
            Assert.All(table, row => Assert.Equal(table[0].Count(c => c == '|'), row.Count(c => c == '|')));

        var csv = report.ToCsv().Split('\n');
        var header = csv[0].Split(',');
        var p1 = csv[1].Split(',');
        Assert.Equal("100", p1[Array.IndexOf(header, "best_known")]);
        Assert.Equal("1.1", p1[Array.IndexOf(header, "ratio_to_best")]);
        Assert.Equal("thesis", p1[Array.IndexOf(header, "best_known_source")]);
    }

    private static IEnumerable<List<string>> Tables(string[] lines)
    {
        var current = new List<string>();
        foreach (var l in lines)
        {
            if (l.StartsWith('|')) { current.Add(l); continue; }
            if (current.Count > 0) yield return current;
            current = [];
        }
        if (current.Count > 0) yield return current;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    // 2 items x 3 periods: N T / unit cost / capacity / N lines "b h st sc" / T rows of N demands
    private const string Trigeiro = """
        2 3
        1
        100
        1 1 5 50
        1 2 5 40
        10 20
        15 5
        20 10
        """;
}
