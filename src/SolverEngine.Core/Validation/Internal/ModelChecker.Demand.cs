using SolverEngine.Contracts.V1;
using SolverEngine.Core.Internal;

namespace SolverEngine.Core.Validation.Internal;

// Supplies, initial inventory, forecasts, orders, frozen runs and whether demand can be met at all.
internal sealed partial class ModelChecker
{
    private void CheckSiteProducts()
    {
        var seen = new Dictionary<(string Site, string Product), int>();
        for (var i = 0; i < _m.SiteProducts.Count; i++)
        {
            var x = _m.SiteProducts[i];
            var p = $"site_products[{i}]";
            var s = $"Site product #{i} ('{x.SiteId}', '{x.ProductId}')";
            SiteRef(x.SiteId, p + ".site_id", s, emptyAllowedWithOneSite: false);
            Ref(_products, x.ProductId, p + ".product_id", s, "product", "products", required: true);
            if (x.HasHoldingCost)
                NonNegative(x.HoldingCost, p + ".holding_cost", s, "currency/unit/day");
            if (seen.TryGetValue((x.SiteId, x.ProductId), out var first))
                Error(ValidationCodes.DuplicateEntry, p, $"{s} repeats site_products[{first}]; a (site, product) pair may appear once.",
                    "Merge the two entries into one.", $"{x.SiteId}/{x.ProductId}");
            else
                seen[(x.SiteId, x.ProductId)] = i;
        }
    }

    private void CheckSupplies()
    {
        for (var i = 0; i < _m.Supplies.Count; i++)
        {
            var x = _m.Supplies[i];
            var p = $"supplies[{i}]";
            var s = $"Supply #{i}" + (x.MaterialId.Length > 0 ? $" (material '{x.MaterialId}')" : "");
            Ref(_materials, x.MaterialId, p + ".material_id", s, "material", "materials", required: true);
            SiteRef(x.SiteId, p + ".site_id", s, emptyAllowedWithOneSite: true);
            NonNegative(x.Quantity, p + ".quantity", s, "units");
            var t = Time(x.Arrival, p + ".arrival", s, required: true);
            if (t is { } at && _grid is not null)
            {
                if (at >= _grid.End)
                    Warn(ValidationCodes.SupplyOutsideHorizon, p + ".arrival", $"{s} arrives {ProtoTime.Format(at)}, after the horizon end {ProtoTime.Format(_grid.End)}; it is ignored.",
                        "Extend the horizon or drop the supply.", ProtoTime.Format(at));
                else if (at < _grid.Start)
                    Warn(ValidationCodes.SupplyOutsideHorizon, p + ".arrival", $"{s} arrives {ProtoTime.Format(at)}, before the horizon start {ProtoTime.Format(_grid.Start)}; it counts as stock at the start.",
                        "Receipts already in should be initial_inventory.", ProtoTime.Format(at));
            }
        }
    }

    private void CheckInitialInventory()
    {
        var seen = new Dictionary<(int Site, string Product, string Material), int>();
        for (var i = 0; i < _m.InitialInventory.Count; i++)
        {
            var x = _m.InitialInventory[i];
            var p = $"initial_inventory[{i}]";
            var s = $"Initial inventory #{i}";
            var site = SiteRef(x.SiteId, p + ".site_id", s, emptyAllowedWithOneSite: true);
            var (hasP, hasM) = ProductOrMaterial(x.ProductId, x.MaterialId, p, s, materialFirst: false, "Use one entry per item and site.");
            NonNegative(x.Quantity, p + ".quantity", s, "units");
            NonNegative(x.Backlog, p + ".backlog", s, "units");
            if (hasM && !hasP && x.Backlog != 0)
                Error(ValidationCodes.BacklogOnMaterial, p + ".backlog", $"{s} gives backlog {F(x.Backlog)} for material '{x.MaterialId}'; only products have backlog.",
                    "Remove the backlog, or put it on the product whose demand is late.", F(x.Backlog));
            if (site >= 0 && hasP != hasM)
            {
                var key = (site, x.ProductId, x.MaterialId);
                if (seen.TryGetValue(key, out var first))
                    Warn(ValidationCodes.DuplicateEntry, p, $"{s} repeats initial_inventory[{first}] (site '{_m.Sites[site].Id}', {(hasP ? $"product '{x.ProductId}'" : $"material '{x.MaterialId}'")}); the quantities are added.",
                        "Merge the two entries to make the intent explicit.");
                else
                    seen.Add(key, i);
            }
        }
    }

    private void CheckForecasts()
    {
        for (var i = 0; i < _m.Forecasts.Count; i++)
        {
            var x = _m.Forecasts[i];
            var p = $"forecasts[{i}]";
            var s = $"Forecast #{i}" + (x.ProductId.Length > 0 ? $" (product '{x.ProductId}')" : "");
            var product = Ref(_products, x.ProductId, p + ".product_id", s, "product", "products", required: true);
            SiteRef(x.SiteId, p + ".site_id", s, emptyAllowedWithOneSite: true);
            NonNegative(x.Quantity, p + ".quantity", s, "units");
            var start = Time(x.Start, p + ".start", s, required: true);
            var end = Time(x.End, p + ".end", s, required: true);
            if (product >= 0 && _m.Products[product].Intermediate && x.Quantity > 0)
                WarnIntermediateDemand(p, s, x.ProductId);
            if (start is not { } a || end is not { } b)
                continue;
            if (b <= a)
            {
                Error(ValidationCodes.EmptyInterval, p + ".end", $"{s} ends at {ProtoTime.Format(b)}, not after its start {ProtoTime.Format(a)}.",
                    "A forecast covers [start, end); end must be later than start.", ProtoTime.Format(b));
                continue;
            }
            if (_grid is null)
                continue;
            if (b <= _grid.Start || a >= _grid.End)
                Error(ValidationCodes.ForecastOutsideHorizon, p, $"{s} covers [{ProtoTime.Format(a)}, {ProtoTime.Format(b)}), entirely outside the horizon [{ProtoTime.Format(_grid.Start)}, {ProtoTime.Format(_grid.End)}).",
                    "Drop forecasts outside the horizon or extend the horizon's bands.");
            else if (a < _grid.Start || b > _grid.End)
                Warn(ValidationCodes.ForecastPartlyOutsideHorizon, p, $"{s} covers [{ProtoTime.Format(a)}, {ProtoTime.Format(b)}), partly outside the horizon [{ProtoTime.Format(_grid.Start)}, {ProtoTime.Format(_grid.End)}); the part outside is ignored (spread evenly in time).",
                    "Clip the forecast to the horizon to make the intent explicit.");
        }
    }

    private void WarnIntermediateDemand(string path, string subject, string productId) =>
        Warn(ValidationCodes.DemandForIntermediate, path + ".product_id", $"{subject} asks for product '{productId}', which is marked intermediate (never sold).",
            "Clear 'intermediate' on the product if it is also sold, or drop the demand.", productId);

    private void CheckOrders()
    {
        for (var i = 0; i < _m.Orders.Count; i++)
        {
            var x = _m.Orders[i];
            var p = $"orders[{i}]";
            var s = Label("Order", x.Id, i);
            var product = Ref(_products, x.ProductId, p + ".product_id", s, "product", "products", required: true);
            SiteRef(x.SiteId, p + ".site_id", s, emptyAllowedWithOneSite: true);
            NonNegative(x.Quantity, p + ".quantity", s, "units");
            if (product >= 0 && _m.Products[product].Intermediate && x.Quantity > 0)
                WarnIntermediateDemand(p, s, x.ProductId);
            var due = Time(x.Due, p + ".due", s, required: true);
            if (due is { } d && _grid is not null && (d < _grid.Start || d >= _grid.End))
                Error(ValidationCodes.DueOutsideHorizon, p + ".due", $"{s} is due {ProtoTime.Format(d)}, outside the horizon [{ProtoTime.Format(_grid.Start)}, {ProtoTime.Format(_grid.End)}).",
                    d < _grid.Start ? "An order already late at the start belongs in initial_inventory.backlog." : "Extend the horizon or leave the order for a later plan.",
                    ProtoTime.Format(d));
        }
    }

    private void CheckFrozenRuns()
    {
        var perLine = new Dictionary<int, List<(DateTime Start, DateTime End, int Index)>>();
        var recipeCount = _m.Recipes.CountBy(r => (r.ProductId, r.LineId)).ToDictionary();
        for (var i = 0; i < _m.FrozenRuns.Count; i++)
        {
            var x = _m.FrozenRuns[i];
            var p = $"frozen_runs[{i}]";
            var s = $"Frozen run #{i}" + (x.ProductId.Length > 0 && x.LineId.Length > 0 ? $" ('{x.ProductId}' on line '{x.LineId}')" : "");
            var line = Ref(_lines, x.LineId, p + ".line_id", s, "line", "lines", required: true);
            var product = Ref(_products, x.ProductId, p + ".product_id", s, "product", "products", required: true);
            NonNegative(x.Quantity, p + ".quantity", s, "units");
            var recipe = -1;
            if (x.RecipeId.Length > 0)
            {
                var r = Ref(_recipes, x.RecipeId, p + ".recipe_id", s, "recipe", "recipes", required: true);
                if (r >= 0 && line >= 0 && product >= 0 && _m.Recipes[r].ProductId == x.ProductId && _m.Recipes[r].LineId == x.LineId)
                    recipe = r;
                else if (r >= 0 && line >= 0 && product >= 0)
                    Error(ValidationCodes.FrozenRunRecipeMismatch, p + ".recipe_id",
                        $"{s} uses recipe '{x.RecipeId}', which makes '{_m.Recipes[r].ProductId}' on line '{_m.Recipes[r].LineId}'.",
                        "Name a recipe for this product and line, or leave recipe_id empty when there is only one.", x.RecipeId);
            }
            else if (line >= 0 && product >= 0)
            {
                var count = recipeCount.GetValueOrDefault((x.ProductId, x.LineId));
                if (count == 0)
                    Error(ValidationCodes.FrozenRunNoRecipe, p, $"{s}: no recipe makes product '{x.ProductId}' on line '{x.LineId}'.",
                        "Add the recipe, or fix the run's line or product.");
                else if (count > 1)
                    Error(ValidationCodes.FrozenRunAmbiguousRecipe, p + ".recipe_id", $"{s}: {count} recipes make product '{x.ProductId}' on line '{x.LineId}' and the run names none.",
                        "Set recipe_id to the recipe the published run uses.");
                else
                    recipe = _m.Recipes.IndexOf(_m.Recipes.First(r => r.ProductId == x.ProductId && r.LineId == x.LineId));
            }
            var start = Time(x.Start, p + ".start", s, required: true);
            var end = Time(x.End, p + ".end", s, required: true);
            if (start is not { } a || end is not { } b)
                continue;
            if (b <= a)
            {
                Error(ValidationCodes.EmptyInterval, p + ".end", $"{s} ends at {ProtoTime.Format(b)}, not after its start {ProtoTime.Format(a)}.",
                    "A run covers [start, end); end must be later than start.", ProtoTime.Format(b));
                continue;
            }
            if (_grid is not null && (b <= _grid.Start || a >= _grid.End))
                Warn(ValidationCodes.FrozenRunOutsideHorizon, p, $"{s} runs [{ProtoTime.Format(a)}, {ProtoTime.Format(b)}), outside the horizon [{ProtoTime.Format(_grid.Start)}, {ProtoTime.Format(_grid.End)}); it is ignored.",
                    "Drop runs that are already finished.");
            if (line >= 0)
                (perLine.TryGetValue(line, out var list) ? list : perLine[line] = []).Add((a, b, i));
            if (recipe >= 0)
                CheckFrozenRunRate(x, p, s, _m.Lines[line], _m.Recipes[recipe], a, b);
        }
        foreach (var (line, runs) in perLine)
        {
            runs.Sort((u, v) => u.Start.CompareTo(v.Start));
            for (var k = 1; k < runs.Count; k++)
            {
                if (runs[k].Start < runs[k - 1].End)
                    Error(ValidationCodes.FrozenRunOverlap, $"frozen_runs[{runs[k].Index}].start",
                        $"Frozen runs #{runs[k - 1].Index} and #{runs[k].Index} on line '{_m.Lines[line].Id}' overlap: [{ProtoTime.Format(runs[k - 1].Start)}, {ProtoTime.Format(runs[k - 1].End)}) and [{ProtoTime.Format(runs[k].Start)}, {ProtoTime.Format(runs[k].End)}).",
                        "A line runs one product at a time; fix the published times.");
            }
        }
    }

    /// <summary>A published run cannot make more than rate x yield x its working hours.</summary>
    private void CheckFrozenRunRate(FrozenRun x, string path, string subject, Line line, Recipe recipe, DateTime start, DateTime end)
    {
        var yield = recipe.HasYield ? recipe.Yield : 1.0;
        if (!(recipe.Rate > 0) || !(yield > 0 && yield <= 1) || !double.IsFinite(x.Quantity))
            return;
        var hours = new Compilation.WorkingCalendar(line.Calendar, start, end).WorkingHours(start, end);
        var most = recipe.Rate * yield * hours;
        if (x.Quantity <= most * (1 + 1e-9) + 1e-9)
            return;
        Warn(ValidationCodes.FrozenRunExceedsRate, path + ".quantity",
            $"{subject} makes {F(x.Quantity)} units in {F(Math.Round(hours, 4))} working hours, but recipe '{recipe.Id}' makes at most {F(Math.Round(most, 4))} ({F(recipe.Rate)}/h x yield {F(yield)}).",
            "Check the run's times against the line's calendar and downtime, or the recipe's rate; the frozen run is kept as published.", F(x.Quantity));
    }

    /// <summary>
    /// Demand that can never be met (no recipe at or lane into the site, no stock) and materials
    /// that can never be had: both are legal, both are almost always a data mistake (warnings).
    /// </summary>
    private void CheckReachability()
    {
        int nS = _m.Sites.Count, nP = _m.Products.Count;
        if (nS == 0 || nP == 0)
            return;
        // have[p * nS + s]: product p can be at site s (made there, in stock or a tank, shipped in).
        var have = new bool[nP * nS];
        // A product with a recipe whose line or site does not resolve may well be reachable:
        // its references are reported already, so no guess is made about it here.
        var unsure = new bool[nP];
        foreach (var r in _m.Recipes)
        {
            if (!_products.TryGetValue(r.ProductId, out var pi))
                continue;
            if (_lines.TryGetValue(r.LineId, out var li) && LineSite(li) is var si && si >= 0)
                have[pi * nS + si] = true;
            else
                unsure[pi] = true;
        }
        foreach (var x in _m.InitialInventory)
            if (x.Quantity > 0 && _products.TryGetValue(x.ProductId, out var pi) && ResolveSite(x.SiteId) is var si && si >= 0)
                have[pi * nS + si] = true;
        foreach (var t in _m.Tanks)
            if (t.InitialLevel > 0 && _products.TryGetValue(t.InitialProductId, out var pi) && _sites.TryGetValue(t.SiteId, out var si))
                have[pi * nS + si] = true;
        var lanes = _m.Lanes
            .Select(l => (From: _sites.GetValueOrDefault(l.FromSiteId, -1), To: _sites.GetValueOrDefault(l.ToSiteId, -1), l.ProductIds))
            .Where(l => l.From >= 0 && l.To >= 0 && l.From != l.To).ToList();
        for (var changed = lanes.Count > 0; changed;)
        {
            changed = false;
            foreach (var l in lanes)
            {
                for (var pi = 0; pi < nP; pi++)
                {
                    if (have[pi * nS + l.From] && !have[pi * nS + l.To] && (l.ProductIds.Count == 0 || l.ProductIds.Contains(_m.Products[pi].Id)))
                        have[pi * nS + l.To] = changed = true;
                }
            }
        }

        var warned = new HashSet<(int, int)>();
        void Demand(string productId, string siteId, double qty, string path, string subject)
        {
            if (qty <= 0 || !_products.TryGetValue(productId, out var pi) || ResolveSite(siteId) is var si && si < 0)
                return;
            if (have[pi * nS + si] || unsure[pi] || !warned.Add((pi, si)))
                return;
            Warn(ValidationCodes.UnreachableDemand, path + ".product_id",
                $"{subject} asks for product '{productId}' at site '{_m.Sites[si].Id}', but no recipe makes it there, it has no stock there and no lane brings it there; that demand can never be met.",
                "Add a recipe on a line of that site, initial inventory, or a lane from a site that makes it.", productId);
        }
        for (var i = 0; i < _m.Forecasts.Count; i++)
            Demand(_m.Forecasts[i].ProductId, _m.Forecasts[i].SiteId, _m.Forecasts[i].Quantity, $"forecasts[{i}]", $"Forecast #{i}");
        for (var i = 0; i < _m.Orders.Count; i++)
            Demand(_m.Orders[i].ProductId, _m.Orders[i].SiteId, _m.Orders[i].Quantity, $"orders[{i}]", Label("Order", _m.Orders[i].Id, i));
        for (var i = 0; i < _m.InitialInventory.Count; i++)
            Demand(_m.InitialInventory[i].ProductId, _m.InitialInventory[i].SiteId, _m.InitialInventory[i].Backlog, $"initial_inventory[{i}]", $"Initial backlog #{i}");

        // Materials: only purchases, supplies and stock bring them to a site (lanes carry products).
        var nM = _m.Materials.Count;
        if (nM == 0)
            return;
        var mat = new bool[nM * nS];
        foreach (var x in _m.Supplies)
            if (x.Quantity > 0 && _materials.TryGetValue(x.MaterialId, out var mi) && ResolveSite(x.SiteId) is var si && si >= 0)
                mat[mi * nS + si] = true;
        foreach (var x in _m.InitialInventory)
            if (x.Quantity > 0 && _materials.TryGetValue(x.MaterialId, out var mi) && ResolveSite(x.SiteId) is var si && si >= 0)
                mat[mi * nS + si] = true;
        var matWarned = new HashSet<(int, int)>();
        for (var i = 0; i < _m.Recipes.Count; i++)
        {
            var r = _m.Recipes[i];
            var site = _lines.TryGetValue(r.LineId, out var li) ? LineSite(li) : -1;
            if (site < 0)
                continue;
            for (var k = 0; k < r.Inputs.Count; k++)
            {
                if (!_materials.TryGetValue(r.Inputs[k].MaterialId, out var mi) || _m.Materials[mi].Purchasable || mat[mi * nS + site] || !matWarned.Add((mi, site)))
                    continue;
                Warn(ValidationCodes.MaterialUnavailable, $"recipes[{i}].inputs[{k}].material_id",
                    $"Recipe '{r.Id}' consumes material '{r.Inputs[k].MaterialId}' at site '{_m.Sites[site].Id}', where it has no stock, no supply and is not purchasable; the recipe can never run.",
                    "Add a supply or initial inventory at that site, or mark the material purchasable.", r.Inputs[k].MaterialId);
            }
        }
    }

    private int ResolveSite(string siteId) =>
        siteId.Length == 0 ? (_m.Sites.Count == 1 ? 0 : -1) : _sites.GetValueOrDefault(siteId, -1);
}
