using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Decomposition;

/// <summary>
/// Which site each column of a built aggregate LP belongs to, and which columns link sites: the
/// lane transfers (a departure leaves one site's stock and arrives in another's). Production,
/// set-ups and changeovers belong to their line's site; stock, deliveries, backlog, lost sales,
/// safety-stock shortfall, material stock and purchases to their site. Columns with no site of their
/// own (tank levels, fixed slacks) join a block through their rows (<see cref="BlockPartition"/>).
/// </summary>
internal static class SiteColumns
{
    /// <summary>Labels (site index, -1 = none) and master flags of every column of the LP <paramref name="model"/> built last.</summary>
    public static (int[] Label, bool[] Master) Of(PlanningInstance inst, AggregateModel model, int columnCount)
    {
        var label = new int[columnCount];
        var master = new bool[columnCount];
        Array.Fill(label, -1);
        void Mark(int column, int site)
        {
            if (column >= 0) label[column] = site;
        }

        foreach (var r in inst.Recipes)
            foreach (var x in model.X[r.Index]) Mark(x, inst.Lines[r.Line].Site);
        for (var l = 0; l < inst.Lines.Length; l++)
        {
            var site = inst.Lines[l].Site;
            foreach (var perBucket in model.Y[l])
                foreach (var y in perBucket) Mark(y, site);
            foreach (var c in model.Co[l]) Mark(c, site);
            foreach (var c in model.Cc[l]) Mark(c, site);
        }
        for (var s = 0; s < inst.Sites.Length; s++)
        {
            foreach (var family in new[] { model.Inv, model.Del, model.Back, model.Lost, model.Short, model.MatInv, model.Buy })
                foreach (var perItem in family[s])
                    foreach (var col in perItem) Mark(col, s);
        }
        foreach (var lane in model.Move)
            foreach (var perProduct in lane)
                foreach (var col in perProduct)
                    if (col >= 0) master[col] = true;
        return (label, master);
    }
}
