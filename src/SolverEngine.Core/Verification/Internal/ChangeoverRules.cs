using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Verification.Internal;

/// <summary>
/// Finds the changeover rule that applies to a transition, with the precedence of model.proto:
/// line-specific beats all lines; then from product beats from family beats any; then "to" the
/// same way. <c>from == null</c> is the lost set-up state of a <c>setup_per_bucket</c> line: only
/// rules with an empty "from" side match it. Two rules with equal specificity are a validation
/// error; here the first in model order wins.
/// </summary>
internal sealed class ChangeoverRules
{
    private readonly IReadOnlyList<Changeover> _rules;
    private readonly Func<string, string> _familyOf;

    public ChangeoverRules(IReadOnlyList<Changeover> rules, Func<string, string> familyOf)
    {
        _rules = rules;
        _familyOf = familyOf;
    }

    /// <summary>The applicable rule, or null (no rule matches: 0 hours, 0 cost).</summary>
    public Changeover? Find(string lineId, string? fromProductId, string toProductId)
    {
        Changeover? best = null;
        var bestScore = -1;
        var fromFamily = fromProductId is null ? "" : _familyOf(fromProductId);
        var toFamily = _familyOf(toProductId);
        foreach (var rule in _rules)
        {
            var line = rule.LineId.Length == 0 ? 1 : rule.LineId == lineId ? 2 : 0;
            var from = Side(rule.FromProductId, rule.FromFamily, fromProductId, fromFamily);
            var to = Side(rule.ToProductId, rule.ToFamily, toProductId, toFamily);
            if (line == 0 || from == 0 || to == 0)
            {
                continue;
            }

            var score = (line * 4 + from) * 4 + to;
            if (score > bestScore)
            {
                best = rule;
                bestScore = score;
            }
        }

        return best;
    }

    // 3 = product match, 2 = family match, 1 = any, 0 = no match.
    private static int Side(string ruleProduct, string ruleFamily, string? product, string family)
    {
        if (ruleProduct.Length > 0)
        {
            return product is not null && ruleProduct == product ? 3 : 0;
        }

        if (ruleFamily.Length > 0)
        {
            return product is not null && family.Length > 0 && ruleFamily == family ? 2 : 0;
        }

        return 1;
    }
}
