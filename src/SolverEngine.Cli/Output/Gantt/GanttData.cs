using System.Globalization;
using System.Text.Json.Serialization;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;

namespace SolverEngine.Cli.Output.Gantt;

/// <summary>
/// What the Gantt page draws, worked out from the model and the plan (times in ms since the Unix
/// epoch, UTC): one row per line (runs, changeovers, downtime, time outside the calendar), per
/// shared asset (the occupations of the runs and changeovers that list it, stacked into lanes)
/// and per tank (its level over time from the runs that fill and draw it, as model.proto's Tank
/// comment defines the flows). Serialised as JSON into the page.
/// </summary>
internal sealed class GanttData
{
    public string Title { get; init; } = "";
    public string Subtitle { get; init; } = "";
    public long Start { get; init; }
    public long End { get; init; }
    public long? FrozenEnd { get; init; }
    public long? SlushyEnd { get; init; }
    public List<GanttBucket> Buckets { get; } = [];
    public List<GanttFamily> Families { get; } = [];
    public List<GanttRow> Rows { get; } = [];

    public sealed record GanttBucket(long S, long E, string G, string Fence);
    public sealed record GanttFamily(string Name, string Color);

    public sealed class GanttRow
    {
        public string Kind { get; init; } = "";
        public string Id { get; init; } = "";
        public string Label { get; init; } = "";
        public string Sub { get; init; } = "";
        public double Cap { get; init; }
        public List<long[]> Off { get; } = [];
        public List<GanttDown> Down { get; } = [];
        public List<GanttRun> Runs { get; } = [];
        public List<GanttChangeover> Cos { get; } = [];
        public List<GanttOccupation> Occ { get; } = [];
        public List<double[]> Pts { get; } = [];
        public List<GanttFlow> Flows { get; } = [];
        public List<GanttHeld> Held { get; } = [];
        public int Lanes { get; set; } = 1;
    }

    public sealed record GanttDown(long S, long E, string Reason);

    public sealed record GanttRun(int I, string Line, string P, string F, string C, long S, long E, double Q, uint B, bool Fz, string Tip);

    public sealed record GanttChangeover(int Run, long S, long E, double H, string From, string To, string Tip);

    public sealed record GanttOccupation(long S, long E, string Type, string Line, string P, string C, int Lane, bool Over, string Tip);

    public sealed record GanttFlow(long S, long E, string Dir, string P, string C, double Q, string Tip);

    /// <summary>What a tank holds over [S, E) (P empty while it is cleaned: C is "clean").</summary>
    public sealed record GanttHeld(long S, long E, string P, string C, string Tip);

    [JsonIgnore]
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] Palette =
    [
        "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
        "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
    ];

    /// <exception cref="Core.Validation.ModelValidationException">The model is invalid.</exception>
    public static GanttData Build(PlanningModel model, SolveResult result)
    {
        var plan = result.Plan;
        var c = ModelCompiler.Compile(model);
        var grid = c.Buckets;
        var data = new GanttData
        {
            Title = model.Name.Length > 0 ? model.Name : "Plan",
            Subtitle = string.Create(Inv, $"{Output.ResultSummary.StatusName(result.Status)} · objective {result.Objective:#,0.##} · {plan.Runs.Count} runs · horizon {Iso(grid.Start)} to {Iso(grid.End)}"),
            Start = Ms(grid.Start),
            End = Ms(grid.End),
            FrozenEnd = grid.FrozenEnd > grid.Start ? Ms(grid.FrozenEnd) : null,
            SlushyEnd = grid.SlushyEnd > grid.FrozenEnd ? Ms(grid.SlushyEnd) : null,
        };
        foreach (var b in grid.Buckets)
            data.Buckets.Add(new GanttBucket(Ms(b.Start), Ms(b.End), b.Granularity.ToString().ToUpperInvariant(), b.Fence.ToString().ToUpperInvariant()));

        // Colours by family (a product without family is its own family), in a stable order.
        var familyOf = model.Products.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().Family.Length > 0 ? g.First().Family : g.First().Id, StringComparer.Ordinal);
        var families = familyOf.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var colour = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < families.Count; i++)
        {
            colour[families[i]] = Palette[i % Palette.Length];
            data.Families.Add(new GanttFamily(families[i], Palette[i % Palette.Length]));
        }
        string Family(string product) => familyOf.TryGetValue(product, out var f) ? f : product;
        string Colour(string product) => colour.TryGetValue(Family(product), out var col) ? col : "#888888";

        // Lines, by site then id; runs in time order per line.
        var lineRows = new Dictionary<string, GanttRow>(StringComparer.Ordinal);
        foreach (var line in model.Lines.OrderBy(l => l.SiteId, StringComparer.Ordinal).ThenBy(l => l.Id, StringComparer.Ordinal))
        {
            if (lineRows.ContainsKey(line.Id)) continue;
            var row = new GanttRow { Kind = "line", Id = line.Id, Label = line.Name.Length > 0 ? line.Name : line.Id, Sub = line.SiteId };
            AddCalendar(row, line.Calendar, grid);
            lineRows[line.Id] = row;
            data.Rows.Add(row);
        }

        var assetOcc = new Dictionary<int, List<(long S, long E, string Type, string Line, string P, string Tip)>>();
        var tankFlows = new Dictionary<int, List<(long S, long E, double Q, string P, string Tip)>>();
        for (var i = 0; i < plan.Runs.Count; i++)
        {
            var run = plan.Runs[i];
            if (!lineRows.TryGetValue(run.LineId, out var row)) continue;
            var s = run.Start?.ToDateTime() ?? grid.Start;
            var e = run.End?.ToDateTime() ?? s;
            var tip = string.Create(Inv, $"{run.ProductId} on {run.LineId}\n{Iso(s)} → {Iso(e)}\n{run.Quantity:#,0.##} units · bucket {run.BucketIndex}{(run.Frozen ? " · frozen" : "")}");
            row.Runs.Add(new GanttRun(i, run.LineId, run.ProductId, Family(run.ProductId), Colour(run.ProductId), Ms(s), Ms(e), run.Quantity, run.BucketIndex, run.Frozen, tip));

            var l = c.LineIds.IndexOf(run.LineId);
            var p = c.ProductIds.IndexOf(run.ProductId);
            var recipe = ResolveRecipe(c, run, l, p);
            if (run.Changeover is { } co)
            {
                var cs = co.Start?.ToDateTime() ?? s.AddHours(-co.Hours);
                var ce = co.End?.ToDateTime() ?? s;
                var from = co.FromProductId.Length > 0 ? co.FromProductId : "clean";
                var coTip = string.Create(Inv, $"Changeover {from} → {run.ProductId} on {run.LineId}\n{Iso(cs)} → {Iso(ce)}\n{co.Hours:0.##} h · cost {co.Cost:#,0.##}");
                row.Cos.Add(new GanttChangeover(i, Ms(cs), Ms(ce), co.Hours, from, run.ProductId, coTip));
                if (l >= 0 && p >= 0)
                {
                    var matrix = c.Lines[l].Changeovers;
                    var fromLocal = co.FromProductId.Length > 0 ? matrix.LocalIndexOf(c.ProductIds.IndexOf(co.FromProductId)) : ChangeoverMatrix.Clean;
                    var toLocal = matrix.LocalIndexOf(p);
                    if (toLocal >= 0 && (fromLocal >= 0 || fromLocal == ChangeoverMatrix.Clean))
                    {
                        foreach (var a in c.ChangeoverAssets(l, fromLocal, toLocal))
                            Add(assetOcc, a, (Ms(cs), Ms(ce), "changeover", run.LineId, run.ProductId, coTip));
                    }
                }
            }
            if (recipe is null) continue;
            foreach (var a in recipe.Assets)
                Add(assetOcc, a, (Ms(s), Ms(e), "run", run.LineId, run.ProductId, tip));
            if (recipe.OutputTank >= 0)
                Add(tankFlows, recipe.OutputTank, (Ms(s), Ms(e), run.Quantity, run.ProductId,
                    string.Create(Inv, $"Fill {run.Quantity:#,0.##} of {run.ProductId} from {run.LineId}\n{Iso(s)} → {Iso(e)}")));
            if (recipe.InputTank >= 0)
            {
                foreach (var input in recipe.Inputs.Where(x => !x.IsMaterial))
                {
                    var q = run.Quantity * input.PerGoodUnit;
                    var product = c.ProductIds[input.Product];
                    Add(tankFlows, recipe.InputTank, (Ms(s), Ms(e), -q, product,
                        string.Create(Inv, $"Draw {q:#,0.##} of {product} into {run.LineId} ({run.ProductId})\n{Iso(s)} → {Iso(e)}")));
                }
            }
        }

        foreach (var asset in c.Assets)
        {
            var source = model.SharedAssets.First(a => a.Id == asset.Id);
            var row = new GanttRow
            {
                Kind = "asset", Id = asset.Id, Label = asset.Name.Length > 0 ? asset.Name : asset.Id,
                Sub = string.Create(Inv, $"{c.Sites[asset.Site].Id} · shared asset · capacity {asset.Capacity}"), Cap = asset.Capacity,
            };
            AddCalendar(row, source.Calendar, grid);
            // Lanes: each occupation takes the first lane free at its start; lanes past capacity are overlaps.
            var laneEnds = new List<long>();
            foreach (var o in (assetOcc.GetValueOrDefault(asset.Index) ?? []).OrderBy(o => o.S).ThenBy(o => o.E))
            {
                var lane = laneEnds.FindIndex(end => end <= o.S);
                if (lane < 0) { lane = laneEnds.Count; laneEnds.Add(o.E); } else laneEnds[lane] = o.E;
                row.Occ.Add(new GanttOccupation(o.S, o.E, o.Type, o.Line, o.P, Colour(o.P), lane, lane >= asset.Capacity, o.Tip));
            }
            row.Lanes = Math.Max(1, Math.Max(laneEnds.Count, asset.Capacity));
            data.Rows.Add(row);
        }

        foreach (var tank in c.Tanks)
        {
            var source = model.Tanks.First(t => t.Id == tank.Id);
            var row = new GanttRow
            {
                Kind = "tank", Id = tank.Id, Label = tank.Id,
                Sub = string.Create(Inv, $"{c.Sites[tank.Site].Id} · tank · capacity {tank.Capacity:#,0.##}"), Cap = tank.Capacity,
            };
            var flows = tankFlows.GetValueOrDefault(tank.Index) ?? [];
            foreach (var f in flows.OrderBy(f => f.S))
                row.Flows.Add(new GanttFlow(f.S, f.E, f.Q >= 0 ? "fill" : "draw", f.P, Colour(f.P), Math.Abs(f.Q), f.Tip));
            foreach (var point in TankLevels(source.InitialLevel, flows, Ms(grid.Start), Ms(grid.End)))
                row.Pts.Add(point);
            AddHeldProducts(row, source, flows, Ms(grid.Start), Ms(grid.End), Colour);
            data.Rows.Add(row);
        }
        return data;
    }

    /// <summary>
    /// The level at every time a flow starts or ends: each flow moves its quantity at a constant
    /// rate over [s, e) (all at once when s == e), so the level is linear between these points.
    /// </summary>
    private static IEnumerable<double[]> TankLevels(double initial, List<(long S, long E, double Q, string P, string Tip)> flows, long start, long end)
    {
        var times = flows.SelectMany(f => new[] { f.S, f.E }).Append(start).Append(end).Distinct().Order().ToList();
        foreach (var t in times)
        {
            var level = initial;
            foreach (var f in flows)
                level += f.E <= f.S ? (t >= f.S ? f.Q : 0) : f.Q * Math.Clamp((t - f.S) / (double)(f.E - f.S), 0, 1);
            yield return [t, Math.Round(level, 6)];
        }
    }

    /// <summary>
    /// The product the tank holds over time (model.proto, Tank): the initial product until a fill of
    /// another product starts; before that fill the tank is cleaned for clean_hours after the last
    /// run that touched the previous product (no cleaning when it held nothing).
    /// </summary>
    private static void AddHeldProducts(GanttRow row, Tank tank, List<(long S, long E, double Q, string P, string Tip)> flows, long start, long end,
        Func<string, string> colour)
    {
        var held = tank.InitialProductId;
        long since = start, lastTouch = start;
        foreach (var f in flows.OrderBy(f => f.S).ThenBy(f => f.E))
        {
            if (f.Q > 0 && f.P != held)
            {
                if (held.Length > 0)
                {
                    row.Held.Add(new GanttHeld(since, lastTouch, held, colour(held), $"{tank.Id} holds {held}"));
                    var cleanEnd = Math.Min(f.S, lastTouch + (long)(tank.CleanHours * 3_600_000));
                    if (cleanEnd > lastTouch)
                        row.Held.Add(new GanttHeld(lastTouch, cleanEnd, "", "clean",
                            string.Create(Inv, $"{tank.Id}: cleaning {tank.CleanHours:0.##} h before {f.P}")));
                }
                held = f.P;
                since = f.S;
            }
            if (f.P == held) lastTouch = Math.Max(lastTouch, f.E);
        }
        if (held.Length > 0 && end > since)
            row.Held.Add(new GanttHeld(since, end, held, colour(held), $"{tank.Id} holds {held}"));
    }

    private static CompiledRecipe? ResolveRecipe(CompiledModel c, Run run, int line, int product)
    {
        if (run.RecipeId.Length > 0 && c.RecipeIds.TryGetIndex(run.RecipeId, out var r)) return c.Recipes[r];
        if (line < 0 || product < 0) return null;
        var candidates = c.RecipesOn(line, product).Take(2).ToList();
        return candidates.Count == 1 ? c.Recipes[candidates[0]] : null;
    }

    /// <summary>Downtime windows (with their reasons) and the rest of the non-working time inside the horizon.</summary>
    private static void AddCalendar(GanttRow row, SolverEngine.Contracts.V1.Calendar? calendar, BucketGrid grid)
    {
        var working = new WorkingCalendar(calendar, grid.Start, grid.End);
        if (working.IsAlwaysWorking) return;
        var t = grid.Start;
        foreach (var (s, e) in working.WorkingWindows(grid.Start, grid.End))
        {
            if (s > t) row.Off.Add([Ms(t), Ms(s)]);
            t = e;
        }
        if (t < grid.End) row.Off.Add([Ms(t), Ms(grid.End)]);
        foreach (var d in calendar?.Downtimes ?? [])
        {
            if (d.Start is null || d.End is null) continue;
            var (s, e) = (d.Start.ToDateTime(), d.End.ToDateTime());
            if (e > grid.Start && s < grid.End && e > s)
                row.Down.Add(new GanttDown(Ms(s), Ms(e), d.Reason.Length > 0 ? d.Reason : "downtime"));
        }
    }

    private static void Add<T>(Dictionary<int, List<T>> map, int key, T value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    // Whole milliseconds, truncated in integer ticks: TotalMilliseconds is a double, which at today's epoch
    // offsets rounds a run ending 100 ns before midnight up to midnight (the page then showed the next day).
    private static long Ms(DateTime t) => (t - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", Inv);
}
