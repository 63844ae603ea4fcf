using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Validation.Internal;

// Products, materials, recipes, changeover rules and the bill-of-materials graph.
internal sealed partial class ModelChecker
{
    private void CheckProducts()
    {
        for (var i = 0; i < _m.Products.Count; i++)
        {
            var x = _m.Products[i];
            var p = $"products[{i}]";
            var s = Label("Product", x.Id, i);
            NonNegative(x.HoldingCost, p + ".holding_cost", s, "currency/unit/day");
            NonNegative(x.BacklogCost, p + ".backlog_cost", s, "currency/unit/day");
            NonNegative(x.LostSaleCost, p + ".lost_sale_cost", s, "currency/unit");
            NonNegative(x.Price, p + ".price", s, "currency/unit");
            NonNegative(x.UnitValue, p + ".unit_value", s, "currency/unit");
            NonNegative(x.SafetyStock, p + ".safety_stock", s, "units");
            NonNegative(x.SafetyStockCost, p + ".safety_stock_cost", s, "currency/unit/day");
            CheckEnum(x.DemandPolicy, p + ".demand_policy", s);
        }
    }

    private void CheckMaterials()
    {
        for (var i = 0; i < _m.Materials.Count; i++)
        {
            var x = _m.Materials[i];
            var p = $"materials[{i}]";
            var s = Label("Material", x.Id, i);
            NonNegative(x.PurchaseCost, p + ".purchase_cost", s, "currency/unit");
            NonNegative(x.HoldingCost, p + ".holding_cost", s, "currency/unit/day");
            Span(x.LeadTime, p + ".lead_time", s);
            if (x.HasMaxPurchasePerDay)
                NonNegative(x.MaxPurchasePerDay, p + ".max_purchase_per_day", s, "units/day", "Leave max_purchase_per_day out for unlimited.");
        }
    }

    private int LineSite(int line) => line >= 0 && _sites.TryGetValue(_m.Lines[line].SiteId, out var s) ? s : -1;

    private void CheckRecipes()
    {
        for (var i = 0; i < _m.Recipes.Count; i++)
        {
            var r = _m.Recipes[i];
            var p = $"recipes[{i}]";
            var s = Label("Recipe", r.Id, i);
            var product = Ref(_products, r.ProductId, p + ".product_id", s, "product", "products", required: true);
            var line = Ref(_lines, r.LineId, p + ".line_id", s, "line", "lines", required: true);
            var site = LineSite(line);

            if (Finite(r.Rate, p + ".rate", s) && r.Rate <= 0)
                Error(ValidationCodes.NonPositiveRate, p + ".rate", $"{s} has rate {F(r.Rate)} (units/hour); a rate must be > 0.",
                    "rate is units processed per working hour, before yield. If the value is in hours per unit, use its inverse.", F(r.Rate));
            if (r.HasYield && Finite(r.Yield, p + ".yield", s) && (r.Yield <= 0 || r.Yield > 1))
                Error(ValidationCodes.YieldOutOfRange, p + ".yield", $"{s} has yield {F(r.Yield)}; a yield must be in (0, 1].",
                    r.Yield > 1 && r.Yield <= 100 ? "Maybe it is a percentage? Use a fraction, e.g. 0.95 for 95%." : "yield is good output per unit processed; leave it out for 1.", F(r.Yield));
            NonNegative(r.MinRunQuantity, p + ".min_run_quantity", s, "units");
            NonNegative(r.BatchSize, p + ".batch_size", s, "units", "Use 0 for any quantity, or the batch multiple in units.");
            NonNegative(r.VariableCost, p + ".variable_cost", s, "currency/unit");

            var hasProductInput = false;
            for (var k = 0; k < r.Inputs.Count; k++)
            {
                var input = r.Inputs[k];
                var ip = $"{p}.inputs[{k}]";
                var iwho = $"Input #{k} of {s}";
                var (hasP, _) = ProductOrMaterial(input.ProductId, input.MaterialId, ip, iwho, materialFirst: true,
                    "Split it into two inputs if the recipe consumes both.");
                hasProductInput |= hasP;
                if (Finite(input.QuantityPerUnit, ip + ".quantity_per_unit", iwho) && input.QuantityPerUnit <= 0)
                    Error(ValidationCodes.NonPositiveQuantity, ip + ".quantity_per_unit",
                        $"{iwho} has quantity_per_unit {F(input.QuantityPerUnit)}; it must be > 0.",
                        "Give the units consumed per unit processed; remove the input if none is consumed.", F(input.QuantityPerUnit));
            }

            for (var k = 0; k < r.AssetIds.Count; k++)
            {
                var a = Ref(_assets, r.AssetIds[k], $"{p}.asset_ids[{k}]", s, "shared asset", "shared_assets", required: true);
                CheckSameSite(a >= 0 ? _m.SharedAssets[a].SiteId : "", site, $"{p}.asset_ids[{k}]", s, $"shared asset '{r.AssetIds[k]}'");
            }
            NoRepeats(r.AssetIds, p + ".asset_ids", s);

            var outTank = Ref(_tanks, r.OutputTankId, p + ".output_tank_id", s, "tank", "tanks", required: false);
            if (outTank >= 0)
            {
                var t = _m.Tanks[outTank];
                CheckSameSite(t.SiteId, site, p + ".output_tank_id", s, $"output tank '{t.Id}'");
                if (product >= 0 && !TankAllows(t, r.ProductId))
                    Error(ValidationCodes.TankProductNotAllowed, p + ".output_tank_id",
                        $"{s} fills tank '{t.Id}' with product '{r.ProductId}', which the tank does not allow ({string.Join(", ", t.AllowedProductIds.Select(x => $"'{x}'"))}).",
                        "Add the product to the tank's allowed_product_ids or use another tank.", t.Id);
            }
            var inTank = Ref(_tanks, r.InputTankId, p + ".input_tank_id", s, "tank", "tanks", required: false);
            if (inTank >= 0)
            {
                var t = _m.Tanks[inTank];
                CheckSameSite(t.SiteId, site, p + ".input_tank_id", s, $"input tank '{t.Id}'");
                if (!hasProductInput)
                    Warn(ValidationCodes.InputTankUnused, p + ".input_tank_id", $"{s} draws from tank '{t.Id}' but has no product input, so the tank is never used.",
                        "Add the intermediate as an input (product_id) or clear input_tank_id.", t.Id);
                else if (!r.Inputs.Any(x => x.ProductId.Length > 0 && TankAllows(t, x.ProductId)))
                    Error(ValidationCodes.TankProductNotAllowed, p + ".input_tank_id",
                        $"{s} draws its product inputs from tank '{t.Id}', which allows none of them.",
                        "Add the input product to the tank's allowed_product_ids or use another tank.", t.Id);
            }
        }
    }

    /// <summary>An asset or tank used on a line must be at the line's site (an empty asset site is any site).</summary>
    private void CheckSameSite(string targetSite, int lineSite, string path, string subject, string target)
    {
        if (targetSite.Length == 0 || lineSite < 0 || !_sites.TryGetValue(targetSite, out var ts) || ts == lineSite)
            return;
        Error(ValidationCodes.CrossSiteReference, path,
            $"{subject} runs at site '{_m.Sites[lineSite].Id}' but uses {target} at site '{targetSite}'.",
            "A run can only use tanks and assets of its own site; move the asset/tank or use one at the line's site.", targetSite);
    }

    private void CheckChangeovers()
    {
        // Rules of equal specificity conflict exactly when they have the same selectors
        // (line, from product/family/any, to product/family/any): a product has one family, so
        // two different selectors of one kind never match the same transition.
        var seen = new Dictionary<(string Line, int FromKind, string From, int ToKind, string To), int>();
        for (var i = 0; i < _m.Changeovers.Count; i++)
        {
            var c = _m.Changeovers[i];
            var p = $"changeovers[{i}]";
            var s = $"Changeover rule #{i}";
            var line = Ref(_lines, c.LineId, p + ".line_id", s, "line", "lines", required: false);
            Ref(_products, c.FromProductId, p + ".from_product_id", s, "product", "products", required: false);
            Ref(_products, c.ToProductId, p + ".to_product_id", s, "product", "products", required: false);
            var bad = false;
            if (c.FromProductId.Length > 0 && c.FromFamily.Length > 0)
            {
                Error(ValidationCodes.AmbiguousChangeoverSide, p + ".from_family",
                    $"{s} sets both from_product_id '{c.FromProductId}' and from_family '{c.FromFamily}'; set at most one.",
                    "Use two rules: one for the product, one for the family (the product rule takes precedence).");
                bad = true;
            }
            if (c.ToProductId.Length > 0 && c.ToFamily.Length > 0)
            {
                Error(ValidationCodes.AmbiguousChangeoverSide, p + ".to_family",
                    $"{s} sets both to_product_id '{c.ToProductId}' and to_family '{c.ToFamily}'; set at most one.",
                    "Use two rules: one for the product, one for the family (the product rule takes precedence).");
                bad = true;
            }
            if (c.FromFamily.Length > 0 && !_families.Contains(c.FromFamily))
                Error(ValidationCodes.UnknownFamily, p + ".from_family", $"{s} names from_family '{c.FromFamily}', which no product has, so the rule would never apply.",
                    FamilyHint(c.FromFamily), c.FromFamily);
            if (c.ToFamily.Length > 0 && !_families.Contains(c.ToFamily))
                Error(ValidationCodes.UnknownFamily, p + ".to_family", $"{s} names to_family '{c.ToFamily}', which no product has, so the rule would never apply.",
                    FamilyHint(c.ToFamily), c.ToFamily);
            if (c.FromProductId.Length > 0 && c.FromProductId == c.ToProductId)
                Warn(ValidationCodes.RuleNeverApplies, p, $"{s} goes from product '{c.FromProductId}' to itself; a product never needs a changeover to itself.",
                    "Remove the rule; a run continuing the same product has no changeover.", c.FromProductId);
            if (!c.Forbidden)
            {
                NonNegative(c.Hours, p + ".hours", s, "hours");
                NonNegative(c.Cost, p + ".cost", s, "currency");
            }
            for (var k = 0; k < c.AssetIds.Count; k++)
            {
                var a = Ref(_assets, c.AssetIds[k], $"{p}.asset_ids[{k}]", s, "shared asset", "shared_assets", required: true);
                if (line >= 0)
                    CheckSameSite(a >= 0 ? _m.SharedAssets[a].SiteId : "", LineSite(line), $"{p}.asset_ids[{k}]", $"{s} (line '{c.LineId}')", $"shared asset '{c.AssetIds[k]}'");
            }
            NoRepeats(c.AssetIds, p + ".asset_ids", s);
            if (bad)
                continue;

            var key = (c.LineId,
                c.FromProductId.Length > 0 ? 2 : c.FromFamily.Length > 0 ? 1 : 0, c.FromProductId.Length > 0 ? c.FromProductId : c.FromFamily,
                c.ToProductId.Length > 0 ? 2 : c.ToFamily.Length > 0 ? 1 : 0, c.ToProductId.Length > 0 ? c.ToProductId : c.ToFamily);
            if (seen.TryGetValue(key, out var first))
            {
                var other = _m.Changeovers[first];
                var same = other.Hours == c.Hours && other.Cost == c.Cost && other.Forbidden == c.Forbidden;
                Error(ValidationCodes.ChangeoverConflict, p,
                    $"{s} ({Describe(c)}) and rule #{first} match the same transitions with the same specificity" +
                    (same ? " (same values)." : $": {Values(other)} against {Values(c)}."),
                    same ? "Remove the duplicate rule." : "Keep one of them, or make one more specific (a line, a product instead of a family).");
            }
            else
            {
                seen.Add(key, i);
            }
        }
    }

    private string FamilyHint(string family)
    {
        var close = _families.FirstOrDefault(f => string.Equals(f.Trim(), family.Trim(), StringComparison.OrdinalIgnoreCase));
        if (close is not null)
            return $"Did you mean '{close}'? Families are case- and space-sensitive.";
        var known = string.Join(", ", _families.Order(StringComparer.Ordinal).Take(8).Select(f => $"'{f}'"));
        return _families.Count == 0
            ? "No product has a family; set Product.family or use product ids in the rule."
            : $"Families are the products' family field; known families: {known}{(_families.Count > 8 ? ", ..." : "")}.";
    }

    private static string Describe(Changeover c)
    {
        var from = c.FromProductId.Length > 0 ? $"product '{c.FromProductId}'" : c.FromFamily.Length > 0 ? $"family '{c.FromFamily}'" : "any product";
        var to = c.ToProductId.Length > 0 ? $"product '{c.ToProductId}'" : c.ToFamily.Length > 0 ? $"family '{c.ToFamily}'" : "any product";
        var line = c.LineId.Length > 0 ? $"line '{c.LineId}'" : "all lines";
        return $"{from} -> {to} on {line}";
    }

    private static string Values(Changeover c) => c.Forbidden ? "forbidden" : $"{F(c.Hours)} h / {F(c.Cost)}";

    /// <summary>
    /// Products that feed each other through recipes (P made from Q, Q made from P) can never be
    /// produced first; every such cycle is reported once.
    /// </summary>
    private void CheckBomCycles()
    {
        var n = _m.Products.Count;
        // Edge product -> input product, with the path of the input that makes it.
        var edges = new List<(int To, string Path)>[n];
        for (var i = 0; i < _m.Recipes.Count; i++)
        {
            var r = _m.Recipes[i];
            if (!_products.TryGetValue(r.ProductId, out var from))
                continue;
            for (var k = 0; k < r.Inputs.Count; k++)
            {
                if (r.Inputs[k].ProductId.Length > 0 && _products.TryGetValue(r.Inputs[k].ProductId, out var to))
                    (edges[from] ??= []).Add((to, $"recipes[{i}].inputs[{k}].product_id"));
            }
        }

        // Iterative DFS (BOMs can be deep); a back edge closes a cycle.
        var state = new byte[n]; // 0 new, 1 on stack, 2 done
        var parent = new int[n];
        var reported = 0;
        for (var root = 0; root < n && reported < 20; root++)
        {
            if (state[root] != 0 || edges[root] is null)
                continue;
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            parent[root] = -1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var list = edges[node];
                if (list is null || next >= list.Count)
                {
                    state[node] = 2;
                    continue;
                }
                stack.Push((node, next + 1));
                var (to, path) = list[next];
                if (state[to] == 0)
                {
                    state[to] = 1;
                    parent[to] = node;
                    stack.Push((to, 0));
                }
                else if (state[to] == 1 && reported < 20)
                {
                    reported++;
                    var cycle = new List<string> { _m.Products[to].Id };
                    for (var v = node; v != to && v >= 0; v = parent[v])
                        cycle.Add(_m.Products[v].Id);
                    cycle.Add(_m.Products[to].Id);
                    cycle.Reverse();
                    var text = string.Join(" -> ", cycle.Select(x => $"'{x}'"));
                    Error(ValidationCodes.BomCycle, path,
                        $"The bill of materials has a cycle: {text} (each is made from the next).",
                        "A product cannot (indirectly) consume itself; remove one of the inputs in the cycle or model the rework as a separate product.",
                        text);
                }
            }
        }
    }
}
