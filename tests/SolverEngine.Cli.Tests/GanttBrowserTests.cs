using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;
using Xunit.Abstractions;

namespace SolverEngine.Cli.Tests;

/// <summary>
/// `solverengine gantt` pages loaded in a real headless browser (Debian's chromium): the DOM after
/// the page's script has run holds one element per run of the plan, with the run's attributes, and
/// the asset, tank and fence rows. A screenshot of each page is kept under the test output folder
/// (artifacts/gantt/), its path printed.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class GanttBrowserTests(SolvedExamples examples, ITestOutputHelper output) : IClassFixture<SolvedExamples>
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts", "gantt");

    [Theory]
    [InlineData("dairy-cip.json")]
    [InlineData("chemicals-two-plants.json")]
    public async Task The_page_renders_every_run_in_headless_chromium(string example)
    {
        var browser = Chromium.Find();
        var (modelPath, resultPath) = await examples.GetAsync(example);
        var model = ModelFiles.Load(modelPath);
        // A name with markup: the page must show it as text, and the inline JSON must not end its script.
        model.Name = "Plan </script><b>\"bold\"</b> & co";
        Directory.CreateDirectory(Artifacts);
        var stem = Path.GetFileNameWithoutExtension(example);
        var namedModel = Path.Combine(Artifacts, stem + ".model.json");
        ModelFiles.Save(model, namedModel);
        var page = Path.Combine(Artifacts, stem + ".html");
        var plan = SolvedExamples.Load(resultPath).Plan;

        var (code, stdout, err) = await CliHarness.RunAsync("gantt", resultPath, "--model", namedModel, "--out", page);

        Assert.True(code == ExitCodes.Success, err);
        Assert.Contains($"{plan.Runs.Count} runs", stdout);
        var html = await File.ReadAllTextAsync(page);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotMatch("<(link|img|iframe)\\b|<script[^>]*\\ssrc=", html);

        var dom = await browser.DumpDomAsync(page);
        var runs = RunElement().Matches(dom).Select(m => Attributes(m.Value)).ToList();
        Assert.Equal(plan.Runs.Count, runs.Count);
        Assert.Equal(Enumerable.Range(0, plan.Runs.Count), runs.Select(a => int.Parse(a["data-run"])).Order());
        foreach (var a in runs)
        {
            var run = plan.Runs[int.Parse(a["data-run"])];
            Assert.Equal(run.LineId, a["data-line"]);
            Assert.Equal(run.ProductId, a["data-product"]);
            Assert.Equal(run.Start.ToDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), a["data-start"]);
            Assert.Equal(run.End.ToDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), a["data-end"]);
            Assert.Equal(run.Quantity, double.Parse(a["data-quantity"], System.Globalization.CultureInfo.InvariantCulture), 6);
            Assert.True(a.ContainsKey("fill") && a["fill"].StartsWith('#'), $"run {a["data-run"]} has no colour");
            Assert.True(double.Parse(a["width"], System.Globalization.CultureInfo.InvariantCulture) >= 1, $"run {a["data-run"]} is not drawn");
        }
        Assert.Matches("<title>[^<]*</title></rect>", dom); // runs carry a tooltip
        Assert.Contains($"data-rendered=\"{plan.Runs.Count}\"", dom);
        Assert.Contains("<h1 id=\"title\">" + WebUtility.HtmlEncode(model.Name).Replace("&#39;", "'", StringComparison.Ordinal).Replace("&quot;", "\"", StringComparison.Ordinal), dom);
        Assert.Equal(model.Lines.Count, Regex.Count(dom, "data-row-kind=\"line\""));
        Assert.Equal(model.SharedAssets.Count, Regex.Count(dom, "data-row-kind=\"asset\""));
        Assert.Equal(model.Tanks.Count, Regex.Count(dom, "data-row-kind=\"tank\""));
        Assert.Equal(plan.Buckets.Count, Regex.Count(dom, "data-bucket-start="));
        if (model.Horizon.Frozen is { Seconds: > 0 }) Assert.Contains("data-fence=\"frozen\"", dom);
        if (model.Horizon.Slushy is { Seconds: > 0 }) Assert.Contains("data-fence=\"slushy\"", dom);
        // every occupation belongs to a run of the plan; a run or changeover that occupies an asset is drawn
        foreach (var occupation in OccupationElement().Matches(dom).Select(m => Attributes(m.Value)))
            Assert.Contains(plan.Runs, r => r.LineId == occupation["data-line"] && r.ProductId == occupation["data-product"]);
        if (plan.Runs.Any(r => model.Recipes.Any(x => x.Id == r.RecipeId && x.AssetIds.Count > 0)))
            Assert.Contains("data-occupation=\"run\"", dom);
        if (plan.Runs.Any(r => r.Changeover is { FromProductId.Length: > 0 } co && ChangeoverRule(model, r.LineId, co.FromProductId, r.ProductId) is { AssetIds.Count: > 0 }))
            Assert.Contains("data-occupation=\"changeover\"", dom);
        if (model.Tanks.Count > 0)
        {
            Assert.Matches("<path class=\"tanklevel\" data-tank=\"[^\"]+\" d=\"M", dom);
            Assert.Contains("data-tank-holds=", dom);
            Assert.Contains("data-tank-flow=\"fill\"", dom);
            Assert.Contains("data-tank-flow=\"draw\"", dom);
        }
        if (plan.Runs.Any(r => r.Changeover is { Hours: > 0 })) Assert.Contains("data-changeover=", dom);

        var screenshot = Path.Combine(Artifacts, stem + ".png");
        await browser.ScreenshotAsync(page, screenshot);
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', $"{screenshot} is not a PNG");
        output.WriteLine($"Gantt page: {page}");
        output.WriteLine($"Gantt screenshot: {screenshot}");
        Console.WriteLine($"Gantt screenshot: {screenshot}");
    }

    private static Dictionary<string, string> Attributes(string tag) =>
        AttributePattern().Matches(tag).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value), StringComparer.Ordinal);

    /// <summary>The changeover rule that applies to from -> to on a line (model.proto: the most specific match), null when none does.</summary>
    private static Changeover? ChangeoverRule(PlanningModel model, string line, string from, string to)
    {
        string FamilyOf(string product) => model.Products.First(p => p.Id == product).Family;
        static int Specificity(string product, string family) => product.Length > 0 ? 2 : family.Length > 0 ? 1 : 0;
        return model.Changeovers
            .Where(c => (c.LineId.Length == 0 || c.LineId == line)
                && (c.FromProductId.Length > 0 ? c.FromProductId == from : c.FromFamily.Length == 0 || c.FromFamily == FamilyOf(from))
                && (c.ToProductId.Length > 0 ? c.ToProductId == to : c.ToFamily.Length == 0 || c.ToFamily == FamilyOf(to)))
            .OrderByDescending(c => c.LineId.Length > 0)
            .ThenByDescending(c => Specificity(c.FromProductId, c.FromFamily))
            .ThenByDescending(c => Specificity(c.ToProductId, c.ToFamily))
            .FirstOrDefault();
    }

    [GeneratedRegex("<rect\\b[^>]*\\sdata-occupation=\"[^\"]*\"[^>]*>")]
    private static partial Regex OccupationElement();

    [GeneratedRegex("<rect\\b[^>]*\\sdata-run=\"\\d+\"[^>]*>")]
    private static partial Regex RunElement();

    [GeneratedRegex("([\\w-]+)=\"([^\"]*)\"")]
    private static partial Regex AttributePattern();

    /// <summary>The headless browser, found on PATH (or SOLVERENGINE_CHROMIUM), with a fresh profile per call.</summary>
    private sealed class Chromium(string path)
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

        public static Chromium Find()
        {
            var configured = Environment.GetEnvironmentVariable("SOLVERENGINE_CHROMIUM");
            if (!string.IsNullOrEmpty(configured))
                return File.Exists(configured) ? new Chromium(configured)
                    : throw new InvalidOperationException($"SOLVERENGINE_CHROMIUM is '{configured}', which does not exist.");
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
                {
                    var candidate = Path.Combine(dir, name);
                    if (File.Exists(candidate)) return new Chromium(candidate);
                }
            }
            Assert.Fail("chromium is not installed: the Gantt page test loads the page in Debian's headless chromium. "
                + "Install it with 'apt-get install chromium' (scripts/install-deps does), or set SOLVERENGINE_CHROMIUM to a Chromium binary.");
            return null!;
        }

        public async Task<string> DumpDomAsync(string page) => (await RunAsync("--dump-dom", new Uri(page).AbsoluteUri)).Out;

        public async Task ScreenshotAsync(string page, string png)
        {
            File.Delete(png);
            var (_, err) = await RunAsync("--hide-scrollbars", "--window-size=1600,900", "--screenshot=" + png, new Uri(page).AbsoluteUri);
            Assert.True(File.Exists(png), $"chromium wrote no screenshot to {png}: {err}");
        }

        private async Task<(string Out, string Err)> RunAsync(params string[] args)
        {
            var profile = Directory.CreateTempSubdirectory("se-chromium-").FullName;
            try
            {
                var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-dev-shm-usage",
                             "--user-data-dir=" + profile, "--virtual-time-budget=5000" }.Concat(args))
                    info.ArgumentList.Add(a);
                using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {path}");
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                using var cts = new CancellationTokenSource(Timeout);
                try
                {
                    await process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail($"chromium did not finish within {Timeout.TotalSeconds} s: {path} {string.Join(' ', args)}");
                }
                var (o, e) = (await stdout, await stderr);
                Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {e}");
                return (o, e);
            }
            finally
            {
                try { Directory.Delete(profile, recursive: true); } catch (IOException) { /* a helper process may still hold it */ }
            }
        }
    }
}
