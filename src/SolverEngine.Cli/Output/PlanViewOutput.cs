using System.Globalization;
using SolverEngine.Core.Views;
using Spectre.Console;

namespace SolverEngine.Cli.Output;

/// <summary>
/// Prints a <see cref="PlanViewTable"/>: two tables (products per site, then lines) as Spectre.Console
/// tables on a terminal and as aligned plain text when the output is redirected (files, pipes, tests);
/// or CSV, one row per view row with its kind.
/// </summary>
internal static class PlanViewOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void WriteTables(TextWriter writer, PlanViewTable view)
    {
        var products = ProductTable(view);
        var lines = LineTable(view);
        if (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
            console.Write(ToSpectre("Products per site", products));
            console.Write(ToSpectre("Lines", lines));
            return;
        }
        WritePlain(writer, "Products per site", products);
        writer.WriteLine();
        WritePlain(writer, "Lines", lines);
    }

    public static void WriteCsv(TextWriter writer, PlanViewTable view)
    {
        writer.WriteLine("kind,period,start,end,site,line,product,production,demand,delivered,inventory,backlog,available_hours,production_hours,changeover_hours,utilisation");
        string Period(int p) => string.Join(',', view.Periods[p].Label, Time(view.Periods[p].Start), Time(view.Periods[p].End));
        foreach (var r in view.SiteProducts)
            writer.WriteLine(string.Join(',', "site_product", Period(r.Period), Csv(r.SiteId), "", Csv(r.ProductId), N(r.Production), N(r.Demand), N(r.Delivered), N(r.Inventory), N(r.Backlog), "", "", "", ""));
        foreach (var r in view.Lines)
            writer.WriteLine(string.Join(',', "line", Period(r.Period), Csv(r.SiteId), Csv(r.LineId), "", "", "", "", "", "", N(r.AvailableHours), N(r.ProductionHours), N(r.ChangeoverHours), N(r.Utilisation)));
        foreach (var r in view.LineProducts)
            writer.WriteLine(string.Join(',', "line_product", Period(r.Period), Csv(r.SiteId), Csv(r.LineId), Csv(r.ProductId), N(r.Production), "", "", "", "", "", N(r.ProductionHours), N(r.ChangeoverHours), ""));
    }

    private sealed record TextTable(string[] Header, bool[] Numeric, List<string[]> Rows);

    private static TextTable ProductTable(PlanViewTable view)
    {
        var rows = view.SiteProducts.Select(r => new[]
        {
            view.Periods[r.Period].Label, r.SiteId, r.ProductId, Q(r.Production), Q(r.Demand), Q(r.Delivered), Q(r.Inventory), Q(r.Backlog),
        }).ToList();
        return new TextTable(["period", "site", "product", "production", "demand", "delivered", "inventory", "backlog"],
            [false, false, false, true, true, true, true, true], rows);
    }

    private static TextTable LineTable(PlanViewTable view)
    {
        var rows = view.Lines.Select(r => new[]
        {
            view.Periods[r.Period].Label, r.SiteId, r.LineId, H(r.AvailableHours), H(r.ProductionHours), H(r.ChangeoverHours),
            r.Utilisation.ToString("P1", Inv),
        }).ToList();
        return new TextTable(["period", "site", "line", "available h", "production h", "changeover h", "utilisation"],
            [false, false, false, true, true, true, true], rows);
    }

    private static Table ToSpectre(string title, TextTable t)
    {
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Rounded };
        for (var c = 0; c < t.Header.Length; c++)
        {
            var column = new TableColumn(Markup.Escape(t.Header[c]));
            if (t.Numeric[c]) column.RightAligned().NoWrap();
            table.AddColumn(column);
        }
        foreach (var row in t.Rows)
            table.AddRow(row.Select(Markup.Escape).ToArray());
        return table;
    }

    private static void WritePlain(TextWriter writer, string title, TextTable t)
    {
        writer.WriteLine(title);
        if (t.Rows.Count == 0)
        {
            writer.WriteLine("  (nothing in this view)");
            return;
        }
        var widths = t.Header.Select((h, c) => Math.Max(h.Length, t.Rows.Max(r => r[c].Length))).ToArray();
        string Line(string[] cells) =>
            string.Join("  ", cells.Select((s, c) => t.Numeric[c] ? s.PadLeft(widths[c]) : s.PadRight(widths[c]))).TrimEnd();
        writer.WriteLine(Line(t.Header));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in t.Rows)
            writer.WriteLine(Line(row));
    }

    // Whole units from 100 up: a planner reads 792,857, not 792,857.14 (csv and json keep every digit).
    private static string Q(double v) => Math.Abs(v) < 5e-7 ? "0" : v.ToString(Math.Abs(v) >= 100 ? "#,0" : "#,0.##", Inv);
    private static string H(double v) => Math.Abs(v) < 5e-7 ? "0" : v.ToString("0.##", Inv);
    private static string N(double v) => v.ToString("R", Inv);
    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv);
    private static string Csv(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
}
