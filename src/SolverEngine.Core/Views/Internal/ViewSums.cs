using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;
using SolverEngine.Core.Internal;

namespace SolverEngine.Core.Views.Internal;

/// <summary>The summing behind <see cref="PlanViews"/> (its doc comment states the rules).</summary>
internal sealed class ViewSums
{
    private readonly PlanningModel _model;
    private readonly Plan _plan;
    private readonly Granularity _granularity;
    private readonly BucketGrid _grid;
    private readonly ViewPeriods _periods;
    private readonly Dictionary<string, Line> _lines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Site> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Product> _products = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Recipe> _recipes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkingCalendar> _calendars = new(StringComparer.Ordinal);
    private Dictionary<(string Line, string Product), Recipe?>? _recipesOn;

    // Sums per period.
    private readonly Dictionary<string, (double[] Production, double[] Changeover)> _lineHours = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Line, string Product), (double[] Quantity, double[] Hours, double[] Changeover)> _lineProducts = [];
    private readonly Dictionary<(string Site, string Product), Balance> _balances = [];

    private readonly string? _siteFilter;
    private readonly string? _lineFilter;

    private sealed class Balance(int n)
    {
        public double Initial;
        public double InitialBacklog;
        public readonly double[] Production = new double[n];
        public readonly double[] Flow = new double[n];
        public readonly double[] Demand = new double[n];
        public readonly double[] Delivered = new double[n];
    }

    public ViewSums(PlanningModel model, Plan plan, Granularity granularity, string? siteId, string? lineId)
    {
        _model = model;
        _plan = plan;
        _granularity = granularity;
        if (model.Horizon is null)
            throw new ArgumentException("The model has no horizon; a view needs the horizon the plan was made on.", nameof(model));
        _grid = BucketGrid.Create(model.Horizon);
        _periods = ViewPeriods.Create(_grid.Start, _grid.End, granularity);
        foreach (var s in model.Sites) _sites.TryAdd(s.Id, s);
        foreach (var l in model.Lines) _lines.TryAdd(l.Id, l);
        foreach (var p in model.Products) _products.TryAdd(p.Id, p);
        foreach (var r in model.Recipes) _recipes.TryAdd(r.Id, r);

        if (siteId is not null && !_sites.ContainsKey(siteId))
            throw new ArgumentException($"Unknown site '{siteId}'; the model's sites are {Known(_sites.Keys)}.", nameof(siteId));
        if (lineId is not null)
        {
            if (!_lines.TryGetValue(lineId, out var line))
                throw new ArgumentException($"Unknown line '{lineId}'; the model's lines are {Known(_lines.Keys)}.", nameof(lineId));
            if (siteId is not null && line.SiteId != siteId)
                throw new ArgumentException($"Line '{lineId}' is at site '{line.SiteId}', not at site '{siteId}'; drop one of the filters.", nameof(lineId));
        }
        _lineFilter = lineId;
        _siteFilter = siteId ?? (lineId is null ? null : _lines[lineId].SiteId);
    }

    public PlanViewTable Build()
    {
        SumRuns();
        SumDeliveriesAndTransfers();
        SumDemand();
        foreach (var inv in _model.InitialInventory)
        {
            if (inv.ProductId.Length > 0 && _sites.ContainsKey(inv.SiteId) && _products.ContainsKey(inv.ProductId))
            {
                var balance = BalanceOf(inv.SiteId, inv.ProductId);
                balance.Initial += inv.Quantity;
                balance.InitialBacklog += inv.Backlog;
            }
        }
        return new PlanViewTable(_granularity, _periods.Periods, LineRows(), LineProductRows(), SiteProductRows());
    }

    private void SumRuns()
    {
        var shares = new List<(int Period, double Share)>();
        foreach (var run in _plan.Runs)
        {
            if (!_lines.TryGetValue(run.LineId, out var line) || !ProtoTime.TryToUtc(run.Start, out var start))
                continue;
            var end = ProtoTime.TryToUtc(run.End, out var e) && e > start ? e : start;
            var calendar = CalendarOf(line);
            var recipe = RecipeOf(run);
            var yield = recipe is { HasYield: true, Yield: > 0 } ? recipe.Yield : 1.0;
            var hours = recipe is { Rate: > 0 } ? run.Quantity / (recipe.Rate * yield) : calendar.WorkingHours(start, end);

            var (lineProduction, _) = LineHours(line.Id);
            var lp = LineProduct(line.Id, run.ProductId);
            var balance = BalanceOf(line.SiteId, run.ProductId);
            _periods.Spread(start, end, calendar, shares);
            foreach (var (p, share) in shares)
            {
                lp.Quantity[p] += run.Quantity * share;
                lp.Hours[p] += hours * share;
                lineProduction[p] += hours * share;
                balance.Production[p] += run.Quantity * share;
                if (recipe is null || recipe.OutputTankId.Length == 0)
                    balance.Flow[p] += run.Quantity * share;
                if (recipe is null || recipe.InputTankId.Length > 0)
                    continue;
                foreach (var input in recipe.Inputs)
                {
                    if (input.ProductId.Length > 0 && _products.ContainsKey(input.ProductId))
                        BalanceOf(line.SiteId, input.ProductId).Flow[p] -= run.Quantity / yield * input.QuantityPerUnit * share;
                }
            }

            if (run.Changeover is { Hours: > 0 } changeover)
            {
                // Without times the changeover counts where the run starts.
                var cs = ProtoTime.TryToUtc(changeover.Start, out var c0) ? c0 : start;
                var ce = ProtoTime.TryToUtc(changeover.End, out var c1) && c1 > cs ? c1 : cs;
                _periods.Spread(cs, ce, calendar, shares);
                var (_, lineChangeover) = LineHours(line.Id);
                foreach (var (p, share) in shares)
                {
                    lineChangeover[p] += changeover.Hours * share;
                    lp.Changeover[p] += changeover.Hours * share;
                }
            }
        }
    }

    private void SumDeliveriesAndTransfers()
    {
        foreach (var d in _plan.Deliveries)
        {
            if (SiteOrOnly(d.SiteId) is not { } site || !_products.ContainsKey(d.ProductId) || !ProtoTime.TryToUtc(d.Time, out var time))
                continue;
            var p = _periods.ClampedIndexOf(time);
            var balance = BalanceOf(site, d.ProductId);
            balance.Delivered[p] += d.Quantity;
            balance.Flow[p] -= d.Quantity;
        }

        var lanes = new Dictionary<string, Lane>(StringComparer.Ordinal);
        foreach (var lane in _model.Lanes) lanes.TryAdd(lane.Id, lane);
        foreach (var t in _plan.Transfers)
        {
            if (!lanes.TryGetValue(t.LaneId, out var lane) || !_products.ContainsKey(t.ProductId) || !ProtoTime.TryToUtc(t.Departure, out var departure))
                continue;
            if (_sites.ContainsKey(lane.FromSiteId))
                BalanceOf(lane.FromSiteId, t.ProductId).Flow[_periods.ClampedIndexOf(departure)] -= t.Quantity;
            var arrival = departure + ProtoTime.ToTimeSpanOrZero(lane.LeadTime);
            if (arrival < _grid.End && _sites.ContainsKey(lane.ToSiteId))
                BalanceOf(lane.ToSiteId, t.ProductId).Flow[_periods.ClampedIndexOf(arrival)] += t.Quantity;
        }
    }

    /// <summary>Demand per plan bucket as model.proto defines it, then pro rata by wall-clock time into the periods.</summary>
    private void SumDemand()
    {
        var n = _grid.Count;
        var forecast = new Dictionary<(string Site, string Product), double[]>();
        var orders = new Dictionary<(string Site, string Product), double[]>();
        static double[] Row(Dictionary<(string, string), double[]> d, (string, string) key, int n)
        {
            if (!d.TryGetValue(key, out var row)) d[key] = row = new double[n];
            return row;
        }
        foreach (var f in _model.Forecasts)
        {
            if (SiteOrOnly(f.SiteId) is not { } site || !_products.ContainsKey(f.ProductId)
                || !ProtoTime.TryToUtc(f.Start, out var fs) || !ProtoTime.TryToUtc(f.End, out var fe) || fe <= fs)
                continue;
            var row = Row(forecast, (site, f.ProductId), n);
            foreach (var b in _grid.Buckets)
            {
                var s = b.Start > fs ? b.Start : fs;
                var e = b.End < fe ? b.End : fe;
                if (e > s) row[b.Index] += f.Quantity * ((e - s).Ticks / (double)(fe - fs).Ticks);
            }
        }
        foreach (var o in _model.Orders)
        {
            if (SiteOrOnly(o.SiteId) is not { } site || !_products.ContainsKey(o.ProductId) || !ProtoTime.TryToUtc(o.Due, out var due))
                continue;
            Row(orders, (site, o.ProductId), n)[_grid.ClampedIndexOf(due)] += o.Quantity;
        }
        var perBucket = new Dictionary<(string Site, string Product), double[]>();
        foreach (var key in forecast.Keys.Union(orders.Keys))
        {
            var row = Row(perBucket, key, n);
            forecast.TryGetValue(key, out var f);
            orders.TryGetValue(key, out var o);
            for (var b = 0; b < n; b++) row[b] = Math.Max(f?[b] ?? 0, o?[b] ?? 0);
        }

        var shares = new List<(int Period, double Share)>();
        foreach (var ((site, product), row) in perBucket)
        {
            var balance = BalanceOf(site, product);
            for (var b = 0; b < n; b++)
            {
                if (row[b] == 0) continue;
                _periods.Spread(_grid[b].Start, _grid[b].End, null, shares);
                foreach (var (p, share) in shares) balance.Demand[p] += row[b] * share;
            }
        }
    }

    private List<LinePeriodRow> LineRows()
    {
        var rows = new List<LinePeriodRow>();
        var lines = _model.Lines.Where(l => _lines[l.Id] == l && InScope(l)).OrderBy(l => l.SiteId, StringComparer.Ordinal).ThenBy(l => l.Id, StringComparer.Ordinal).ToList();
        foreach (var period in _periods.Periods)
        {
            foreach (var line in lines)
            {
                var available = CalendarOf(line).WorkingHours(period.Start, period.End);
                var (production, changeover) = _lineHours.TryGetValue(line.Id, out var h) ? (h.Production[period.Index], h.Changeover[period.Index]) : (0, 0);
                rows.Add(new LinePeriodRow(period.Index, line.SiteId, line.Id, available, production, changeover,
                    available > 0 ? (production + changeover) / available : 0));
            }
        }
        return rows;
    }

    private List<LineProductPeriodRow> LineProductRows()
    {
        var rows = new List<LineProductPeriodRow>();
        var keys = _lineProducts.Keys.Where(k => InScope(_lines[k.Line]))
            .OrderBy(k => _lines[k.Line].SiteId, StringComparer.Ordinal).ThenBy(k => k.Line, StringComparer.Ordinal).ThenBy(k => k.Product, StringComparer.Ordinal).ToList();
        foreach (var period in _periods.Periods)
        {
            var p = period.Index;
            foreach (var key in keys)
            {
                var (quantity, hours, changeover) = _lineProducts[key];
                if (quantity[p] == 0 && hours[p] == 0 && changeover[p] == 0) continue;
                rows.Add(new LineProductPeriodRow(p, _lines[key.Line].SiteId, key.Line, key.Product, quantity[p], hours[p], changeover[p]));
            }
        }
        return rows;
    }

    private List<SiteProductPeriodRow> SiteProductRows()
    {
        HashSet<string>? lineProducts = null;
        if (_lineFilter is not null)
        {
            lineProducts = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in _model.Recipes.Where(r => r.LineId == _lineFilter)) lineProducts.Add(r.ProductId);
            foreach (var r in _plan.Runs.Where(r => r.LineId == _lineFilter)) lineProducts.Add(r.ProductId);
        }
        var keys = _balances.Keys
            .Where(k => (_siteFilter is null || k.Site == _siteFilter) && (lineProducts is null || lineProducts.Contains(k.Product)))
            .Where(k => Matters(_balances[k]))
            .OrderBy(k => k.Site, StringComparer.Ordinal).ThenBy(k => k.Product, StringComparer.Ordinal).ToList();
        var n = _periods.Count;
        var columns = keys.Select(key =>
        {
            var b = _balances[key];
            var carriesBacklog = _products.TryGetValue(key.Product, out var product) && product.DemandPolicy == DemandPolicy.Backlog;
            var stock = new double[n];
            var backlog = new double[n];
            double level = b.Initial, demanded = b.InitialBacklog, delivered = 0;
            for (var p = 0; p < n; p++)
            {
                level += b.Flow[p];
                stock[p] = level;
                demanded += b.Demand[p];
                delivered += b.Delivered[p];
                backlog[p] = carriesBacklog ? Math.Max(0, demanded - delivered) : 0;
            }
            return (key, b, stock, backlog);
        }).ToList();
        var rows = new List<SiteProductPeriodRow>(n * keys.Count);
        for (var p = 0; p < n; p++)
        {
            foreach (var (key, b, stock, backlog) in columns)
                rows.Add(new SiteProductPeriodRow(p, key.Site, key.Product, b.Production[p], b.Demand[p], b.Delivered[p], stock[p], backlog[p]));
        }
        return rows;
    }

    private static bool Matters(Balance b) =>
        b.Initial != 0 || b.InitialBacklog != 0 || b.Production.Any(x => x != 0) || b.Flow.Any(x => x != 0) || b.Demand.Any(x => x != 0) || b.Delivered.Any(x => x != 0);

    private bool InScope(Line line) =>
        (_lineFilter is null || line.Id == _lineFilter) && (_siteFilter is null || line.SiteId == _siteFilter);

    private Recipe? RecipeOf(Run run)
    {
        if (run.RecipeId.Length > 0 && _recipes.TryGetValue(run.RecipeId, out var recipe))
            return recipe;
        if (_recipesOn is null)
        {
            _recipesOn = [];
            foreach (var r in _model.Recipes)
                _recipesOn[(r.LineId, r.ProductId)] = _recipesOn.ContainsKey((r.LineId, r.ProductId)) ? null : r;
        }
        // The only recipe of the product on the line; none when there are several (ambiguous) or none.
        return _recipesOn.GetValueOrDefault((run.LineId, run.ProductId));
    }

    private WorkingCalendar CalendarOf(Line line)
    {
        if (!_calendars.TryGetValue(line.Id, out var calendar))
            _calendars[line.Id] = calendar = new WorkingCalendar(line.Calendar, _grid.Start, _grid.End);
        return calendar;
    }

    private string? SiteOrOnly(string siteId) =>
        siteId.Length > 0 ? (_sites.ContainsKey(siteId) ? siteId : null) : _sites.Count == 1 ? _sites.Keys.First() : null;

    private (double[] Production, double[] Changeover) LineHours(string line)
    {
        if (!_lineHours.TryGetValue(line, out var h))
            _lineHours[line] = h = (new double[_periods.Count], new double[_periods.Count]);
        return h;
    }

    private (double[] Quantity, double[] Hours, double[] Changeover) LineProduct(string line, string product)
    {
        if (!_lineProducts.TryGetValue((line, product), out var lp))
            _lineProducts[(line, product)] = lp = (new double[_periods.Count], new double[_periods.Count], new double[_periods.Count]);
        return lp;
    }

    private Balance BalanceOf(string site, string product)
    {
        if (!_balances.TryGetValue((site, product), out var b))
            _balances[(site, product)] = b = new Balance(_periods.Count);
        return b;
    }

    private static string Known(IEnumerable<string> ids)
    {
        var list = ids.OrderBy(i => i, StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", list.Take(20).Select(i => $"'{i}'"));
        return list.Count == 0 ? "(none)" : list.Count > 20 ? $"{shown} and {list.Count - 20} more" : shown;
    }
}
