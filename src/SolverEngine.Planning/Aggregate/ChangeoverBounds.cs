using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Aggregate;

/// <summary>
/// Lower bounds on the changeover hours (or cost) of one line in one bucket as a linear function
/// of the set-up indicators: <c>co &gt;= sum_p coef[p] * y[p] - constant</c>.
/// </summary>
/// <remarks>
/// Why it is valid: in any order of the set-up products S, every product but the first is
/// entered from another product of S, so it costs at least its cheapest allowed incoming
/// changeover from a line product (<c>minIn[p]</c>). The first is entered from the state carried
/// in: free when that state is the product itself or a clean (free-start) line.
/// <list type="bullet">
/// <item>Unknown carried state: <c>sum_S minIn - max_S minIn &gt;= sum_S minIn - max_all minIn</c>.</item>
/// <item>Known state q (horizon start, after frozen runs): every p != q is entered either from q or
/// from a line product, so it costs at least <c>min(minIn[p], c(q, p))</c>; q itself costs nothing.</item>
/// <item>setup_per_bucket: every product is entered either from the "any" row or from a line
/// product: <c>min(minIn[p], clean[p])</c> each, no exemption.</item>
/// </list>
/// Lowering a coefficient (a product with no allowed predecessor gets 0) keeps validity because
/// the constant is taken over the same lowered values.
/// </remarks>
internal static class ChangeoverBounds
{
    /// <summary>What the line's state is at the start of the bucket.</summary>
    public enum StartKind { Unknown, Known, PerBucketClean }

    public static (double[] Coef, double Constant) Hours(LineInfo line, StartKind kind, int knownState) =>
        Build(line, kind, knownState, e => e.Hours);

    public static (double[] Coef, double Constant) Cost(LineInfo line, StartKind kind, int knownState) =>
        Build(line, kind, knownState, e => e.Cost);

    private static (double[] Coef, double Constant) Build(LineInfo line, StartKind kind, int knownState, Func<ChangeoverEntry, double> w)
    {
        var prods = line.Products;
        var n = prods.Length;
        var coef = new double[n];
        for (var i = 0; i < n; i++)
        {
            var p = prods[i];
            var minIn = double.PositiveInfinity;
            foreach (var a in prods)
            {
                if (a == p) continue;
                var e = line.Changeover[a, p];
                if (!e.Forbidden) minIn = Math.Min(minIn, w(e));
            }
            switch (kind)
            {
                case StartKind.PerBucketClean:
                    if (!line.FromClean[p].Forbidden) minIn = Math.Min(minIn, w(line.FromClean[p]));
                    break;
                case StartKind.Known:
                    if (knownState < 0 && !line.SetupPerBucket) break; // clean, free first run: handled by the constant
                    if (knownState == p) { minIn = 0; break; }
                    var into = line.Into(knownState, p);
                    if (into is { } c && !c.Forbidden) minIn = Math.Min(minIn, w(c));
                    break;
            }
            coef[i] = double.IsPositiveInfinity(minIn) ? 0.0 : minIn;
        }
        var constant = 0.0;
        if (kind == StartKind.Unknown || (kind == StartKind.Known && knownState < 0 && !line.SetupPerBucket))
            constant = n == 0 ? 0.0 : coef.Max();
        return (coef, constant);
    }
}
