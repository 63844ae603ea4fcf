using System.Globalization;
using System.Security;
using System.Text;

namespace SolverEngine.Planning.Benchmarking.Internal;

/// <summary>
/// objective.svg: one panel per instance, objective (y) over seconds (x), one step line per run,
/// coloured by profile; a baseline (one plan, at its end) is a marker. Plain SVG 1.1, no script.
/// </summary>
internal static class SvgPlot
{
    private const int Width = 760, PanelHeight = 280, Left = 90, Right = 170, Top = 36, Bottom = 40;
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Write(IReadOnlyList<BenchRun> runs)
    {
        var panels = runs.GroupBy(r => (r.Set, r.Instance)).ToList();
        var profiles = runs.Select(r => r.Profile).Distinct().ToList();
        var height = Math.Max(1, panels.Count) * PanelHeight;
        var sb = new StringBuilder();
        sb.Append(C, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        sb.Append(C, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n");
        for (var k = 0; k < panels.Count; k++)
            Panel(sb, panels[k].Key.Instance, panels[k].ToList(), profiles, k * PanelHeight);
        if (panels.Count == 0) sb.Append("<text x=\"10\" y=\"20\">no runs</text>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void Panel(StringBuilder sb, string title, List<BenchRun> runs, List<string> profiles, int y0)
    {
        var plotW = Width - Left - Right;
        var plotH = PanelHeight - Top - Bottom;
        sb.Append(C, $"<g transform=\"translate(0,{y0})\">\n");
        sb.Append(C, $"<text x=\"{Left}\" y=\"20\" font-size=\"13\" font-weight=\"bold\">{Esc(title)}: objective over time</text>\n");
        var points = runs.SelectMany(r => r.Trace).ToList();
        var xMax = Nice(Math.Max(1, runs.Max(r => Math.Max(r.WallSeconds, r.TimeLimitSeconds))));
        if (points.Count == 0)
        {
            sb.Append(C, $"<text x=\"{Left}\" y=\"{Top + plotH / 2}\">no executable plan in any run</text>\n</g>\n");
            return;
        }
        var yMin = points.Min(p => p.Objective);
        var yMax = points.Max(p => p.Objective);
        var pad = Math.Max(1e-9, (yMax - yMin) * 0.08 + Math.Abs(yMax) * 1e-6);
        yMin -= pad;
        yMax += pad;
        double X(double s) => Left + plotW * Math.Clamp(s / xMax, 0, 1);
        double Y(double o) => Top + plotH * (1 - (o - yMin) / (yMax - yMin));

        // axes, ticks, grid
        sb.Append(C, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#444\"/>\n");
        for (var i = 0; i <= 5; i++)
        {
            var xs = xMax * i / 5;
            var yo = yMin + (yMax - yMin) * i / 5;
            sb.Append(C, $"<line x1=\"{X(xs):0.#}\" y1=\"{Top}\" x2=\"{X(xs):0.#}\" y2=\"{Top + plotH}\" stroke=\"#eee\"/>");
            sb.Append(C, $"<text x=\"{X(xs):0.#}\" y=\"{Top + plotH + 14}\" text-anchor=\"middle\">{xs:0.#}</text>\n");
            sb.Append(C, $"<line x1=\"{Left}\" y1=\"{Y(yo):0.#}\" x2=\"{Left + plotW}\" y2=\"{Y(yo):0.#}\" stroke=\"#eee\"/>");
            sb.Append(C, $"<text x=\"{Left - 4}\" y=\"{Y(yo) + 4:0.#}\" text-anchor=\"end\">{Esc(yo.ToString("#,0.##", C))}</text>\n");
        }
        sb.Append(C, $"<text x=\"{Left + plotW / 2}\" y=\"{Top + plotH + 30}\" text-anchor=\"middle\">seconds</text>\n");

        // one line per run
        foreach (var r in runs)
        {
            var color = Palette[profiles.IndexOf(r.Profile) % Palette.Length];
            if (r.Trace.Count == 0) continue;
            var pts = new List<string>();
            for (var i = 0; i < r.Trace.Count; i++)
            {
                var (s, o) = r.Trace[i];
                if (i > 0) pts.Add(string.Create(C, $"{X(s):0.##},{Y(r.Trace[i - 1].Objective):0.##}"));
                pts.Add(string.Create(C, $"{X(s):0.##},{Y(o):0.##}"));
            }
            var end = Math.Max(r.WallSeconds, r.Trace[^1].Seconds);
            pts.Add(string.Create(C, $"{X(end):0.##},{Y(r.Trace[^1].Objective):0.##}"));
            var dash = r.Kind == BenchProfileKind.Engine ? "" : " stroke-dasharray=\"4 3\"";
            sb.Append(C, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\"{dash} points=\"{string.Join(' ', pts)}\"><title>{Esc(r.Profile)} #{r.Repeat}</title></polyline>\n");
            foreach (var (s, o) in r.Kind == BenchProfileKind.Engine ? r.Trace.Take(1) : r.Trace)
                sb.Append(C, $"<circle cx=\"{X(s):0.##}\" cy=\"{Y(o):0.##}\" r=\"3.5\" fill=\"{color}\"/>\n");
        }

        // legend
        var ly = Top + 4;
        foreach (var p in runs.Select(r => r.Profile).Distinct())
        {
            var color = Palette[profiles.IndexOf(p) % Palette.Length];
            sb.Append(C, $"<line x1=\"{Left + plotW + 12}\" y1=\"{ly + 4}\" x2=\"{Left + plotW + 34}\" y2=\"{ly + 4}\" stroke=\"{color}\" stroke-width=\"2.5\"/>");
            sb.Append(C, $"<text x=\"{Left + plotW + 40}\" y=\"{ly + 8}\">{Esc(p)}</text>\n");
            ly += 16;
        }
        sb.Append("</g>\n");
    }

    /// <summary>A round upper end for the time axis (1, 2, 5 x 10^k).</summary>
    private static double Nice(double v)
    {
        var e = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var m in new[] { 1.0, 2, 5, 10 })
            if (m * e >= v) return m * e;
        return 10 * e;
    }

    private static string Esc(string s) => SecurityElement.Escape(s) ?? "";
}
