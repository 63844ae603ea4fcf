using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;
using static SolverEngine.Core.Tests.TestModels;

namespace SolverEngine.Core.Tests.Compilation;

/// <summary>
/// The compiled matrices against a brute-force reading of model.proto's precedence: among the
/// rules that match a transition, take the one with the highest (line, from, to) specificity.
/// </summary>
public sealed class ChangeoverPrecedenceTests
{
    private static int Kind(string product, string family) => product.Length > 0 ? 2 : family.Length > 0 ? 1 : 0;

    private static bool Matches(string productId, string family, string ruleProduct, string ruleFamily) =>
        ruleProduct.Length > 0 ? ruleProduct == productId : ruleFamily.Length == 0 || (family.Length > 0 && ruleFamily == family);

    /// <summary>The rule index for a -> b on line (a = null: from a clean state, only "from any" rules).</summary>
    private static int Reference(PlanningModel m, string line, Product? a, Product b)
    {
        var best = -1;
        var bestKey = (-1, -1, -1);
        for (var i = 0; i < m.Changeovers.Count; i++)
        {
            var c = m.Changeovers[i];
            if (c.LineId.Length > 0 && c.LineId != line)
                continue;
            if (a is null ? Kind(c.FromProductId, c.FromFamily) != 0 : !Matches(a.Id, a.Family, c.FromProductId, c.FromFamily))
                continue;
            if (!Matches(b.Id, b.Family, c.ToProductId, c.ToFamily))
                continue;
            var key = (c.LineId.Length > 0 ? 1 : 0, Kind(c.FromProductId, c.FromFamily), Kind(c.ToProductId, c.ToFamily));
            Assert.NotEqual(bestKey, key); // the generator never makes conflicts
            if (key.CompareTo(bestKey) > 0)
            {
                best = i;
                bestKey = key;
            }
        }
        return best;
    }

    private static PlanningModel RandomModel(int seed)
    {
        var rng = new Random(seed);
        var m = new PlanningModel
        {
            Horizon = new Horizon { Start = At(Start), Bands = { new ResolutionBand { Granularity = Granularity.Day, Count = 2 } } },
            Sites = { new Site { Id = "S" } },
        };
        string[] families = ["f0", "f1", "f2", ""];
        for (var p = 0; p < 9; p++)
            m.Products.Add(new Product { Id = $"P{p}", Family = families[rng.Next(families.Length)] });
        for (var l = 0; l < 3; l++)
        {
            m.Lines.Add(new Line { Id = $"L{l}", SiteId = "S", SetupPerBucket = l == 2 });
            foreach (var p in m.Products.Where(_ => rng.NextDouble() < 0.7))
                m.Recipes.Add(new Recipe { Id = $"R{l}-{p.Id}", ProductId = p.Id, LineId = $"L{l}", Rate = 1 });
        }
        var used = m.Products.Select(p => p.Family).Where(f => f.Length > 0).Distinct().ToArray();
        var keys = new HashSet<(string, string, string, string, string)>();
        for (var k = 0; k < 40; k++)
        {
            var c = new Changeover { LineId = rng.Next(3) == 0 ? $"L{rng.Next(3)}" : "", Hours = rng.Next(1, 20) / 4.0, Cost = rng.Next(100), Forbidden = rng.Next(8) == 0 };
            switch (rng.Next(3))
            {
                case 0: c.FromProductId = $"P{rng.Next(9)}"; break;
                case 1 when used.Length > 0: c.FromFamily = used[rng.Next(used.Length)]; break;
            }
            switch (rng.Next(3))
            {
                case 0: c.ToProductId = $"P{rng.Next(9)}"; break;
                case 1 when used.Length > 0: c.ToFamily = used[rng.Next(used.Length)]; break;
            }
            if (keys.Add((c.LineId, c.FromProductId, c.FromFamily, c.ToProductId, c.ToFamily)))
                m.Changeovers.Add(c);
        }
        return m;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Matrix_equals_the_brute_force_precedence(int seed)
    {
        var m = RandomModel(seed);
        var c = ModelCompiler.Compile(m);
        foreach (var line in c.Lines)
        {
            var mx = line.Changeovers;
            for (var to = 0; to < mx.Size; to++)
            {
                var b = m.Products[mx.Products[to]];
                var clean = line.SetupPerBucket ? Reference(m, line.Id, null, b) : -1;
                Assert.Equal(clean, mx.RuleIndex(ChangeoverMatrix.Clean, to));
                for (var from = 0; from < mx.Size; from++)
                {
                    var expected = from == to ? -1 : Reference(m, line.Id, m.Products[mx.Products[from]], b);
                    Assert.Equal(expected, mx.RuleIndex(from, to));
                    var rule = expected < 0 ? null : m.Changeovers[expected];
                    Assert.Equal(rule?.Forbidden ?? false, mx.IsForbidden(from, to));
                    Assert.Equal(rule is null || rule.Forbidden ? 0 : rule.Hours, mx.Hours(from, to));
                    Assert.Equal(rule is null || rule.Forbidden ? 0 : rule.Cost, mx.Cost(from, to));
                }
            }
        }
    }
}
