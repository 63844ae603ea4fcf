using System.Collections.Immutable;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Compilation.Internal;

/// <summary>
/// Resolves changeover rules into per-line matrices. Rules are indexed by their exact selector
/// (line or all lines, from kind and key, to kind and key); a transition then looks up at most 18
/// selectors in precedence order and takes the first rule found.
/// </summary>
internal sealed class ChangeoverMatrixBuilder
{
    private const int Any = 0, Family = 1, Product = 2;

    private readonly Dictionary<(int Line, int FromKind, int From, int ToKind, int To), int> _rules = [];
    private readonly int[] _familyOf;
    private readonly RuleValues[] _values;

    private readonly record struct RuleValues(double Hours, double Cost, bool Forbidden);

    public ChangeoverMatrixBuilder(PlanningModel m, IdMap lines, IdMap products, IdMap families)
    {
        _familyOf = m.Products.Select(p => p.Family.Length > 0 ? families.Get(p.Family) : -1).ToArray();
        _values = m.Changeovers.Select(c => new RuleValues(c.Hours, c.Cost, c.Forbidden)).ToArray();
        for (var i = 0; i < m.Changeovers.Count; i++)
        {
            var c = m.Changeovers[i];
            var line = c.LineId.Length > 0 ? lines.Get(c.LineId) : -1;
            var (fk, f) = Side(c.FromProductId, c.FromFamily, products, families);
            var (tk, t) = Side(c.ToProductId, c.ToFamily, products, families);
            if (fk < 0 || tk < 0)
                continue; // names a family no product has: never matches
            _rules.TryAdd((line, fk, f, tk, t), i); // equal selectors are a validation error
        }
    }

    private static (int Kind, int Key) Side(string product, string family, IdMap products, IdMap families) =>
        product.Length > 0 ? (Product, products.Get(product))
        : family.Length > 0 ? (families.TryGetIndex(family, out var f) ? (Family, f) : (-1, -1))
        : (Any, 0);

    public ChangeoverMatrix Build(int line, ImmutableArray<int> products, bool setupPerBucket)
    {
        var k = products.Length;
        var cells = (k + 1) * k;
        var hours = new double[cells];
        var cost = new double[cells];
        var forbidden = new bool[cells];
        var rule = new int[cells];
        Array.Fill(rule, -1);
        if (_rules.Count > 0)
        {
            for (var to = 0; to < k; to++)
            {
                // Clean row (row 0): free on a clean line at horizon start; the "from any" rules
                // when the set-up is lost at every bucket boundary.
                if (setupPerBucket)
                    Set(to, Find(line, -1, products[to]));
                for (var from = 0; from < k; from++)
                {
                    if (from != to)
                        Set((from + 1) * k + to, Find(line, products[from], products[to]));
                }
            }
        }
        return new ChangeoverMatrix(products, hours, cost, forbidden, rule);

        void Set(int cell, int r)
        {
            rule[cell] = r;
            if (r < 0)
                return;
            var v = _values[r];
            forbidden[cell] = v.Forbidden;
            hours[cell] = v.Forbidden ? 0 : v.Hours;
            cost[cell] = v.Forbidden ? 0 : v.Cost;
        }
    }

    /// <summary>The index of the rule for from -> to, or -1 (from = -1: only rules with an empty from side match).</summary>
    private int Find(int line, int from, int to)
    {
        var fromFamily = from >= 0 ? _familyOf[from] : -1;
        var toFamily = _familyOf[to];
        for (var pass = 0; pass < 2; pass++)
        {
            // Line-specific rules first, then all-lines rules.
            var l = pass == 0 ? line : -1;
            if (pass == 0 && line < 0)
                continue;
            for (var fk = Product; fk >= Any; fk--)
            {
                var fkey = fk == Product ? from : fk == Family ? fromFamily : 0;
                if (fkey < 0)
                    continue;
                for (var tk = Product; tk >= Any; tk--)
                {
                    var tkey = tk == Product ? to : tk == Family ? toFamily : 0;
                    if (tkey >= 0 && _rules.TryGetValue((l, fk, fkey, tk, tkey), out var r))
                        return r;
                }
            }
        }
        return -1;
    }
}
