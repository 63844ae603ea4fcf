using System.Globalization;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;
using SolverEngine.Core.Internal;
using Severity = SolverEngine.Contracts.V1.ValidationIssue.Types.Severity;

namespace SolverEngine.Core.Validation.Internal;

/// <summary>
/// One validation pass over one model. Checks are grouped by area in the partial files; this file
/// holds the shared machinery (issue reporting, id indexes, reference and value checks).
/// </summary>
internal sealed partial class ModelChecker
{
    private readonly PlanningModel _m;
    private readonly List<ValidationIssue> _issues = [];

    // First index of each id per collection (duplicates are reported, the first one wins).
    private Dictionary<string, int> _sites = [];
    private Dictionary<string, int> _lines = [];
    private Dictionary<string, int> _products = [];
    private Dictionary<string, int> _materials = [];
    private Dictionary<string, int> _recipes = [];
    private Dictionary<string, int> _tanks = [];
    private Dictionary<string, int> _assets = [];
    private Dictionary<string, int> _lanes = [];
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);

    // Horizon, when it is well-formed.
    private BucketGrid? _grid;

    public ModelChecker(PlanningModel model) => _m = model;

    public ValidationReport Run()
    {
        CheckHorizon();
        IndexAll();
        CheckSites();
        CheckLines();
        CheckProducts();
        CheckMaterials();
        CheckRecipes();
        CheckChangeovers();
        CheckSupplies();
        CheckSiteProducts();
        CheckTanks();
        CheckSharedAssets();
        CheckLanes();
        CheckInitialInventory();
        CheckForecasts();
        CheckOrders();
        CheckFrozenRuns();
        CheckPolicy();
        CheckBomCycles();
        CheckReachability();

        var report = new ValidationReport
        {
            Valid = _issues.All(i => i.Severity != Severity.Error),
            Summary = new ModelSummary
            {
                Sites = (uint)_m.Sites.Count,
                Lines = (uint)_m.Lines.Count,
                Products = (uint)_m.Products.Count,
                Recipes = (uint)_m.Recipes.Count,
                Orders = (uint)_m.Orders.Count,
                Buckets = (uint)(_grid?.Count ?? 0),
            },
        };
        if (_grid is not null)
        {
            report.Summary.HorizonStart = Timestamp.FromDateTime(_grid.Start);
            report.Summary.HorizonEnd = Timestamp.FromDateTime(_grid.End);
        }
        report.Issues.AddRange(_issues);
        return report;
    }

    // ---- reporting ------------------------------------------------------------------------

    private void Error(string code, string path, string message, string hint, string value = "") =>
        Add(Severity.Error, code, path, message, hint, value);

    private void Warn(string code, string path, string message, string hint, string value = "") =>
        Add(Severity.Warning, code, path, message, hint, value);

    private void Add(Severity severity, string code, string path, string message, string hint, string value) =>
        _issues.Add(new ValidationIssue { Severity = severity, Code = code, Path = path, Message = message, Hint = hint, Value = value });

    internal static string F(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Label(string kind, string id, int index) => id.Length > 0 ? $"{kind} '{id}'" : $"{kind} #{index}";

    // ---- ids --------------------------------------------------------------------------------

    private void IndexAll()
    {
        _sites = IndexIds(_m.Sites, s => s.Id, "sites", "Site");
        _lines = IndexIds(_m.Lines, l => l.Id, "lines", "Line");
        _products = IndexIds(_m.Products, p => p.Id, "products", "Product");
        _materials = IndexIds(_m.Materials, x => x.Id, "materials", "Material");
        _recipes = IndexIds(_m.Recipes, r => r.Id, "recipes", "Recipe");
        _tanks = IndexIds(_m.Tanks, t => t.Id, "tanks", "Tank");
        _assets = IndexIds(_m.SharedAssets, a => a.Id, "shared_assets", "Shared asset");
        _lanes = IndexIds(_m.Lanes, l => l.Id, "lanes", "Lane");
        IndexIds(_m.Orders, o => o.Id, "orders", "Order");
        foreach (var p in _m.Products)
            if (p.Family.Length > 0)
                _families.Add(p.Family);
    }

    private Dictionary<string, int> IndexIds<T>(RepeatedField<T> items, Func<T, string> id, string collection, string kind)
    {
        var map = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var key = id(items[i]);
            var path = $"{collection}[{i}].id";
            if (key.Length == 0)
            {
                Error(ValidationCodes.EmptyId, path, $"{kind} #{i} has an empty id; every entry of '{collection}' needs a unique, non-empty id.",
                    "Give it an id such as the ERP code; other entities refer to it by that id.");
            }
            else if (map.TryGetValue(key, out var first))
            {
                Error(ValidationCodes.DuplicateId, path, $"{kind} id '{key}' is used twice: {collection}[{first}] and {collection}[{i}].",
                    "Ids must be unique within their collection; rename one or merge the two entries.", key);
            }
            else
            {
                map.Add(key, i);
            }
        }
        return map;
    }

    // ---- references -------------------------------------------------------------------------

    /// <summary>Checks a reference; returns the target's index or -1.</summary>
    private int Ref(Dictionary<string, int> map, string id, string path, string subject, string targetKind, string collection, bool required)
    {
        if (id.Length == 0)
        {
            if (required)
                Error(ValidationCodes.MissingReference, path, $"{subject} has no {Field(path)}; it must name a {targetKind}.",
                    $"Set it to the id of one of the model's {collection}.");
            return -1;
        }
        if (map.TryGetValue(id, out var index))
            return index;
        Error(ValidationCodes.UnknownReference, path, $"{subject} refers to {targetKind} '{id}', which is not in '{collection}'.",
            KnownIdsHint(map, collection, id), id);
        return -1;
    }

    /// <summary>
    /// An entry that holds a product or a material (initial inventory, a recipe input): exactly one of the two ids
    /// must be set, and the one set must name an existing product / material. Message and reference checks follow
    /// the entry's own field order (<paramref name="materialFirst"/>). Returns which of the two ids are set.
    /// </summary>
    private (bool HasProduct, bool HasMaterial) ProductOrMaterial(string productId, string materialId, string path, string subject, bool materialFirst, string hint)
    {
        var hasP = productId.Length > 0;
        var hasM = materialId.Length > 0;
        (string Kind, string Id, Dictionary<string, int> Map) product = ("product", productId, _products);
        (string Kind, string Id, Dictionary<string, int> Map) material = ("material", materialId, _materials);
        var (a, b) = materialFirst ? (material, product) : (product, material);
        if (hasP == hasM)
            Error(ValidationCodes.ExactlyOneOf, path,
                hasP ? $"{subject} names both {a.Kind} '{a.Id}' and {b.Kind} '{b.Id}'; set exactly one of {a.Kind}_id / {b.Kind}_id."
                     : $"{subject} names neither a {a.Kind} nor a {b.Kind}; set exactly one of {a.Kind}_id / {b.Kind}_id.",
                hint);
        foreach (var x in (ReadOnlySpan<(string Kind, string Id, Dictionary<string, int> Map)>)[a, b])
        {
            if (x.Id.Length > 0)
                Ref(x.Map, x.Id, $"{path}.{x.Kind}_id", subject, x.Kind, x.Kind + "s", required: true);
        }
        return (hasP, hasM);
    }

    private static string KnownIdsHint(Dictionary<string, int> map, string collection, string id)
    {
        if (map.Count == 0)
            return $"The model has no {collection}; add it there or fix the reference.";
        var close = map.Keys.FirstOrDefault(k => string.Equals(k, id, StringComparison.OrdinalIgnoreCase) || string.Equals(k.Trim(), id.Trim(), StringComparison.Ordinal));
        if (close is not null)
            return $"Did you mean '{close}'? Ids are case- and space-sensitive.";
        var known = string.Join(", ", map.OrderBy(kv => kv.Value).Take(5).Select(kv => $"'{kv.Key}'"));
        return $"Check the spelling or add it to '{collection}'. Known ids include {known}{(map.Count > 5 ? ", ..." : "")}.";
    }

    /// <summary>
    /// A site reference that may be empty only when the model has one site. Returns the site index
    /// (0 for an allowed empty reference) or -1.
    /// </summary>
    private int SiteRef(string id, string path, string subject, bool emptyAllowedWithOneSite)
    {
        if (id.Length == 0)
        {
            if (emptyAllowedWithOneSite && _m.Sites.Count == 1)
                return 0;
            if (emptyAllowedWithOneSite && _m.Sites.Count > 1)
            {
                Error(ValidationCodes.SiteRequired, path, $"{subject} has no site_id, but the model has {_m.Sites.Count} sites.",
                    "An empty site_id is only allowed when the model has a single site; name the site.");
                return -1;
            }
            if (emptyAllowedWithOneSite)
                return -1;
        }
        return Ref(_sites, id, path, subject, "site", "sites", required: true);
    }

    private static string Field(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    // ---- values -----------------------------------------------------------------------------

    private bool Finite(double v, string path, string subject)
    {
        if (double.IsFinite(v))
            return true;
        Error(ValidationCodes.NotFinite, path, $"{subject} has {Field(path)} {F(v)}; it must be a finite number.",
            "NaN and Infinity are not allowed; leave an optional field out to mean 'unlimited'.", F(v));
        return false;
    }

    /// <summary>v must be finite and >= 0.</summary>
    private void NonNegative(double v, string path, string subject, string unit, string? hint = null)
    {
        if (!Finite(v, path, subject) || v >= 0)
            return;
        Error(ValidationCodes.NegativeValue, path, $"{subject} has {Field(path)} {F(v)}{Unit(unit)}; it must be >= 0.",
            hint ?? "Negative costs, quantities and hours have no meaning here; use 0 or a positive value.", F(v));
    }

    private static string Unit(string unit) => unit.Length > 0 ? $" ({unit})" : "";

    /// <summary>Reads a timestamp; reports it when malformed or (if required) absent.</summary>
    private DateTime? Time(Timestamp? ts, string path, string subject, bool required)
    {
        if (ts is null)
        {
            if (required)
                Error(ValidationCodes.MissingValue, path, $"{subject} has no {Field(path)}.",
                    "Give a UTC timestamp such as \"2026-01-05T06:00:00Z\".");
            return null;
        }
        if (ProtoTime.TryToUtc(ts, out var t))
            return t;
        Error(ValidationCodes.InvalidTime, path, $"{subject} has a malformed {Field(path)} (seconds {ts.Seconds}, nanos {ts.Nanos}).",
            "Timestamps lie between 0001-01-01 and 9999-12-31 with nanos in [0, 999999999].", ts.ToString());
        return null;
    }

    /// <summary>Reads a duration that must be >= 0; reports it when malformed or negative.</summary>
    private TimeSpan? Span(Duration? d, string path, string subject)
    {
        if (d is null)
            return null;
        if (!ProtoTime.TryToTimeSpan(d, out var s))
        {
            Error(ValidationCodes.InvalidTime, path, $"{subject} has a malformed {Field(path)} (seconds {d.Seconds}, nanos {d.Nanos}).",
                "Durations look like \"3600s\" in JSON; seconds and nanos must have the same sign.", d.ToString());
            return null;
        }
        if (s < TimeSpan.Zero)
        {
            Error(ValidationCodes.NegativeValue, path, $"{subject} has {Field(path)} {ProtoTime.Format(s)}; it must be >= 0.",
                "Durations here are lengths of time; use 0 or a positive value.", d.ToString());
            return null;
        }
        return s;
    }

    private void CheckEnum<TEnum>(TEnum value, string path, string subject) where TEnum : struct, System.Enum
    {
        if (System.Enum.IsDefined(value))
            return;
        var names = string.Join(", ", System.Enum.GetNames<TEnum>());
        Error(ValidationCodes.InvalidEnum, path, $"{subject} has {Field(path)} {Convert.ToInt32(value, CultureInfo.InvariantCulture)}, which is not a defined value.",
            $"Use one of {names}.", value.ToString());
    }

    /// <summary>Reports repeated ids in a list of references (warning: harmless but suspicious).</summary>
    private void NoRepeats(RepeatedField<string> ids, string path, string subject)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
            if (ids[i].Length > 0 && !seen.Add(ids[i]))
                Warn(ValidationCodes.DuplicateReference, $"{path}[{i}]", $"{subject} lists '{ids[i]}' twice in {Field(path)}.",
                    "Remove the repeated entry.", ids[i]);
    }
}
